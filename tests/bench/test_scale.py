"""The pure parts of ``python -m bot.bench.scale`` (bot/bench/scale_stats.py): the turn windows and the growth
ratio, the process tree from a fake /proc, /proc parsing, what Rasa's log says about its workers, the memory sums
and the table; and the load client's one-conversation-per-sender mode against a loopback fake.

No timing is asserted here: the benchmark itself runs with `make bench-scale`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bench.scale_stats import (
    descendants,
    format_scale_table,
    growth,
    memory_summary,
    parse_cpu_ticks,
    parse_smaps_rollup,
    read_process_table,
    sanic_workers,
    scale_rows,
    slope_per_turn,
    turn_windows,
    window_median,
    workers_in_log,
)
from tests.fakes.rest_server import fake_rest_webhook


def test_windows_of_300_turns_are_1_5_96_105_and_296_300():
    assert turn_windows(300) == [("first", 1, 5), ("middle", 96, 105), ("last", 296, 300)]
    assert turn_windows(30) == [("first", 1, 5), ("middle", 6, 15), ("last", 26, 30)]
    with pytest.raises(ValueError):
        turn_windows(14)


def test_window_median_is_one_based_inclusive_and_skips_failed_turns():
    samples = [10.0, 30.0, 20.0, None, 50.0, 1.0]
    assert window_median(samples, 1, 3) == 20.0
    assert window_median(samples, 2, 5) == 30.0  # 30, 20, 50: the failed turn is left out
    assert window_median(samples, 6, 6) == 1.0
    assert window_median([None, None], 1, 2) is None
    with pytest.raises(ValueError):
        window_median(samples, 0, 3)


def test_growth_of_a_linear_conversation():
    samples = [10.0 + 0.1 * turn for turn in range(1, 301)]  # turn n costs 10 + n/10 ms
    found = growth(samples)
    assert found["first_median_ms"] == pytest.approx(10.3)  # turns 1-5
    assert found["middle_median_ms"] == pytest.approx(20.05)  # turns 96-105
    assert found["last_median_ms"] == pytest.approx(39.8)  # turns 296-300
    assert found["ratio_last_first"] == pytest.approx(39.8 / 10.3, abs=1e-3)
    assert (found["first_turn"], found["middle_turn"], found["last_turn"]) == (1, 100, 300)
    assert found["middle_single_ms"] == pytest.approx(20.0)
    assert found["slope_ms_per_100_turns"] == pytest.approx(10.0)
    assert found["failed_turns"] == 0


def test_growth_ratio_is_none_without_a_first_window_and_slope_needs_two_turns():
    samples = [None] * 5 + [20.0] * 295
    found = growth(samples)
    assert found["first_median_ms"] is None and found["ratio_last_first"] is None
    assert found["failed_turns"] == 5
    assert slope_per_turn([5.0]) is None
    assert slope_per_turn([5.0, None, 5.0]) == pytest.approx(0.0)


def fake_proc(root: Path, processes: dict[int, tuple[int, str, str]]) -> Path:
    """A fake /proc: <pid>/status (Name, PPid) and <pid>/cmdline (NUL-separated) per process, plus noise."""
    for pid, (ppid, name, cmdline) in processes.items():
        folder = root / str(pid)
        folder.mkdir()
        (folder / "status").write_text(f"Name:\t{name}\nUmask:\t0022\nPid:\t{pid}\nPPid:\t{ppid}\nVmHWM:\t 10 kB\n")
        (folder / "cmdline").write_bytes(cmdline.replace(" ", "\0").encode() + b"\0")
    (root / "meminfo").write_text("MemTotal: 1 kB\n")
    (root / "self").mkdir()
    (root / "999").mkdir()  # a process that ended while the listing was read: no status
    return root


RASA_RUN = "/v/bin/python /v/bin/rasa run --model m.tar.gz --port 5205"


def test_sanic_workers_are_the_forked_children_of_the_rasa_process(tmp_path):
    proc = fake_proc(
        tmp_path,
        {
            1: (0, "init", "/sbin/init"),
            100: (1, "rasa", RASA_RUN),
            101: (100, "rasa", RASA_RUN),
            102: (100, "rasa", RASA_RUN),
            103: (100, "python", "/v/bin/python -c from multiprocessing.resource_tracker import main"),
            104: (101, "sh", "/bin/sh -c true"),
            200: (1, "rasa", RASA_RUN.replace("5205", "5405")),  # another rasa run: not ours
        },
    )
    table = read_process_table(proc)
    assert set(table) == {1, 100, 101, 102, 103, 104, 200}
    assert table[101] == {"ppid": 100, "name": "rasa", "cmdline": RASA_RUN}
    assert sanic_workers(100, table) == [101, 102]
    assert descendants(100, table) == [101, 102, 103, 104]
    assert sanic_workers(200, table) == [] and sanic_workers(12345, table) == []


def test_one_worker_has_no_children_to_find(tmp_path):
    table = read_process_table(fake_proc(tmp_path, {100: (1, "rasa", RASA_RUN)}))
    assert sanic_workers(100, table) == [] and descendants(100, table) == []


def test_smaps_rollup_and_cpu_ticks_are_parsed():
    rollup = """55d0c0000000-7ffd4b3f2000 ---p 00000000 00:00 0                          [rollup]
Rss:              917900 kB
Pss:              712300 kB
Shared_Clean:     300000 kB
Shared_Dirty:      24800 kB
Private_Clean:     10000 kB
Private_Dirty:    583100 kB
Swap:                  0 kB
"""
    found = parse_smaps_rollup(rollup)
    assert found["Rss"] == 917900 and found["Pss"] == 712300 and found["Private_Dirty"] == 583100
    assert parse_smaps_rollup("") == {}
    stat = "4242 (rasa (main) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 56 0 0 20 0 40 0 100 5000 300 0"
    assert parse_cpu_ticks(stat) == 1234 + 56


def test_the_log_says_how_many_workers_rasa_chose_or_why_it_kept_one():
    two = "1796.1 23880 rasa.core.utils Using 2 Sanic workers.\n"
    server = "INFO root - Rasa server is up and running.\nINFO x - other\nINFO root - Rasa server is up and running.\n"
    assert workers_in_log(two, server) == {"rasa_says": 2, "refused": None, "ready": 2}
    one = "1796.1 1 rasa.core.utils Using the default number of Sanic workers (1).\n"
    assert workers_in_log(one)["rasa_says"] == 1 and workers_in_log(one)["ready"] == 0
    refused = (
        "1.0 7 rasa.core.utils Unable to assign desired number of Sanic workers (2) as no `RedisLockStore` or "
        "custom `LockStore` endpoint configuration has been found.\n" + one
    )
    found = workers_in_log(refused)
    assert found["rasa_says"] == 1
    assert found["refused"]["asked"] == 2 and "RedisLockStore" in found["refused"]["why"]
    assert workers_in_log("") == {"rasa_says": None, "refused": None, "ready": 0}


def test_memory_is_summed_over_the_rasa_process_and_its_workers():
    main = {"vmhwm_mb": 566.0, "rss_mb": 560.0, "pss_mb": 290.0, "private_mb": 160.0}
    worker = {"vmhwm_mb": 700.0, "rss_mb": 690.0, "pss_mb": 500.0, "private_mb": 410.0}
    found = memory_summary(main, [worker, {**worker, "vmhwm_mb": 701.0}])
    assert found["total_vmhwm_mb"] == 1967.0 and found["total_pss_mb"] == 1290.0
    assert found["worker1_vmhwm_mb"] == 700.0 and found["worker2_vmhwm_mb"] == 701.0 and found["workers"] == 2
    alone = memory_summary({**main, "pss_mb": None}, [])
    assert alone["total_vmhwm_mb"] == 566.0 and alone["total_pss_mb"] is None and "worker1_vmhwm_mb" not in alone


SETUPS = {
    "sqlite": {
        "server": {"workers_used": 1, "ready_seconds": 10.0},
        "growth": {"first_median_ms": 20.0, "middle_median_ms": 30.0, "last_median_ms": 50.0, "ratio_last_first": 2.5},
        "memory": {"main_vmhwm_mb": 900.0, "total_vmhwm_mb": 900.0},
    },
    "one": {
        "server": {"workers_used": 1},
        "load": {"throughput_per_s": 40.0, "p50_ms": 480.0, "p95_ms": 600.0, "failed": 0},
        "memory": {"main_vmhwm_mb": 920.0, "total_vmhwm_mb": 920.0},
    },
    "two": {
        "server": {"workers_used": 2},
        "load": {"throughput_per_s": 60.0, "p50_ms": 300.0, "p95_ms": 450.0, "failed": 0},
        "memory": {"main_vmhwm_mb": 566.0, "worker1_vmhwm_mb": 700.0, "total_vmhwm_mb": 1966.0},
    },
}


def cells(table: str, label: str) -> list[str]:
    line = next(line for line in table.splitlines() if line.startswith(f"| {label} "))
    return [c.strip() for c in line.strip("|").split("|")]


def test_table_has_a_column_per_setup_and_the_ratio_of_two():
    columns = [("sqlite", "SQLite"), ("one", "1 worker"), ("two", "2 workers")]
    table = format_scale_table(SETUPS, columns, ("2w/1w", "two", "one"))
    lines = table.splitlines()
    assert [c.strip() for c in lines[0].strip("|").split("|")] == ["figure", "SQLite", "1 worker", "2 workers", "2w/1w"]
    assert cells(table, "throughput, 20 senders closed loop")[1:] == ["n/a", "40.0 msg/s", "60.0 msg/s", "1.50x"]
    assert cells(table, "REST median, turns 296-300")[1:] == ["50.0 ms", "n/a", "n/a", "n/a"]
    assert cells(table, "growth: turns 296-300 / turns 1-5")[1:] == ["2.50x", "n/a", "n/a", "n/a"]
    assert cells(table, "Sanic workers (Rasa's log and /proc)")[1:] == ["1", "1", "2", "2.00x"]
    assert cells(table, "peak RSS, all rasa processes (sum)")[1:] == ["900 MB", "920 MB", "1,966 MB", "2.14x"]
    assert cells(table, "peak RSS, Sanic worker 1")[1:] == ["n/a", "n/a", "700 MB", "n/a"]
    assert len({len(line) for line in lines}) == 1  # aligned columns
    assert "turns 26-30" in format_scale_table(SETUPS, columns, rows=scale_rows(30))


def test_rest_load_keeps_one_conversation_per_sender_against_a_loopback_fake():
    """Each of 3 senders is one conversation of 4 turns, its texts in order; turns are kept, failures as None."""
    from bot.bench.rest import run_load

    texts = [f"t{i}" for i in range(10)]
    texts[5] = "壊れた"
    with fake_rest_webhook("076-225-7763 です") as (url, received):
        result = run_load(url, texts, 3, max_seconds=30, tag="c", per_sender=4, expect="076-225-7763")
    by_sender: dict[str, list[str]] = {}
    for sender, message in received:
        by_sender.setdefault(sender, []).append(message)
    assert by_sender == {
        "rest-c-s0": ["t0", "t1", "t2", "t3"],
        "rest-c-s1": ["t4", "壊れた", "t6", "t7"],
        "rest-c-s2": ["t8", "t9", "t0", "t1"],  # texts cycled
    }
    assert result["asked"] == 12 and result["count"] == 11 and result["errors"] == {"HTTP 500": 1}
    assert [len(turns) for turns in result["turns_ms"]] == [4, 4, 4]
    assert result["turns_ms"][1][1] is None and result["unexpected_answers"] == 0
    with pytest.raises(ValueError):
        run_load(url, texts, 1, per_sender=0)
