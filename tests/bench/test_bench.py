"""The pure parts of the benchmark (bot/bench): statistics, /proc parsing, the table, goals, log timing, the load
client (the configs and test texts: test_configs.py).

No timing is asserted here: the benchmark itself runs with `make bench`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bench.rest import check_loopback
from bot.bench.stats import (
    cycle_messages,
    format_goals,
    format_table,
    goal_checks,
    parse_vmhwm_kb,
    percentile,
    summarize_ms,
)
from bot.bench.trainlog import AFTER, BEFORE, OTHER, component_seconds, parse_events
from tests.fakes.rest_server import fake_rest_webhook

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "values, pct, expected",
    [
        ([5.0], 50, 5.0),
        ([1.0, 2.0, 3.0, 4.0], 50, 2.5),
        ([4.0, 1.0, 3.0, 2.0], 50, 2.5),  # order does not matter
        ([1.0, 2.0, 3.0, 4.0], 95, 3.85),
        ([1.0, 2.0, 3.0, 4.0], 0, 1.0),
        ([1.0, 2.0, 3.0, 4.0], 100, 4.0),
        (list(range(1, 101)), 95, 95.05),
    ],
)
def test_percentile_interpolates_between_ranks(values, pct, expected):
    assert percentile(values, pct) == pytest.approx(expected)


def test_percentile_of_nothing_is_none_and_range_is_checked():
    assert percentile([], 50) is None
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_summary_is_in_milliseconds():
    summary = summarize_ms([0.010, 0.020, 0.030])
    assert summary == {"count": 3, "p50_ms": 20.0, "p95_ms": 29.0, "mean_ms": 20.0, "max_ms": 30.0}
    assert summarize_ms([])["p50_ms"] is None


STATUS = """Name:\trasa
Umask:\t0022
State:\tS (sleeping)
VmPeak:\t 5123456 kB
VmSize:\t 4987654 kB
VmHWM:\t 1234567 kB
VmRSS:\t  987654 kB
Threads:\t42
"""


@pytest.mark.parametrize(
    "text, expected",
    [
        (STATUS, 1234567),
        ("Name:\tkthreadd\nState:\tS (sleeping)\n", None),  # kernel threads have no Vm lines
        ("VmHWM:\t0 kB\n", 0),
    ],
)
def test_vmhwm_is_read_from_proc_status(text, expected):
    assert parse_vmhwm_kb(text) == expected


def test_vmhwm_of_this_process_is_found():
    kb = parse_vmhwm_kb(Path("/proc/self/status").read_text())
    assert kb is not None and kb > 0


def test_messages_are_cycled_in_order():
    assert cycle_messages(["a", "b", "c"], 7) == ["a", "b", "c", "a", "b", "c", "a"]
    assert cycle_messages(["a"], 0) == []
    with pytest.raises(ValueError):
        cycle_messages([], 3)


OURS = {
    "train": {"seconds": 100.0},
    "probe": {
        "load_seconds": 10.0,
        "parse": {"p50_ms": 5.0},
        "handle_text": {"p50_ms": 20.0},
        "accuracy": {"intent": 0.95, "response": 0.90},
    },
    "server": {"vmhwm_mb": 1000.0, "ready_seconds": 20.0},
    "rest": {"c20": {"p95_ms": 80.0}},
}
VANILLA = {
    "train": {"seconds": 400.0},
    "probe": {
        "load_seconds": 12.0,
        "parse": {"p50_ms": 30.0},
        "handle_text": {"p50_ms": 45.0},
        "accuracy": {"intent": 0.96, "response": 0.80},
    },
    "server": {"vmhwm_mb": 1500.0},
    "rest": {},
}


def test_table_has_both_columns_and_the_ratio():
    table = format_table(OURS, VANILLA)
    lines = table.splitlines()
    assert [c.strip() for c in lines[0].strip("|").split("|")] == ["figure", "ours", "vanilla", "ours/vanilla"]
    training = next(line for line in lines if line.startswith("| training wall time"))
    assert [c.strip() for c in training.strip("|").split("|")] == ["training wall time", "100.0 s", "400.0 s", "0.25x"]
    accuracy = next(line for line in lines if "intent accuracy" in line)
    assert "95.0 %" in accuracy and "96.0 %" in accuracy
    missing = next(line for line in lines if "REST p95, 20 concurrent" in line)
    assert [c.strip() for c in missing.strip("|").split("|")][2:] == ["n/a", "n/a"]
    assert len({len(line) for line in lines}) == 1  # aligned columns


def test_goals_compare_with_vanilla_and_fixed_limits():
    verdicts = {check["goal"]: check["met"] for check in goal_checks(OURS, VANILLA)}
    assert verdicts["parse p50 inside the server <= 1/3 of vanilla"] is True  # 5 <= 30/3
    assert verdicts["handle_text p50 inside the server <= 1/3 of vanilla"] is False  # 20 > 45/3
    assert verdicts["REST p95 <= 60 ms with 20 concurrent senders"] is False
    assert verdicts["training <= 120 s"] is True
    assert verdicts["model load <= 15 s (Agent.load)"] is True
    assert verdicts["server start to ready <= 15 s (rasa run, imports included)"] is False
    assert verdicts["server RSS <= 1.2 GB"] is True
    assert verdicts["intent accuracy >= vanilla"] is False
    assert verdicts["response accuracy >= vanilla"] is True
    assert verdicts["REST p95 <= 60 ms with 20 senders at 1 msg/s each (paced)"] is None  # not measured
    text = format_goals(goal_checks(OURS, VANILLA))
    assert "[MISS] training" not in text and "[MET ] training <= 120 s" in text


LOG = """1000.000 rasa.engine.graph Node 'run_GinzaNLP1' loading 'GinzaNLP.load' and kwargs: '{}'.
1000.500 rasa.engine.graph Node 'run_GinzaNLP1' running 'GinzaNLP.process_training_data'.
1002.500 rasa.engine.training.hooks Starting to train component 'DIETClassifier'.
1002.500 rasa.engine.graph Node 'train_DIETClassifier6' running 'DIETClassifier.train'.
1050.000 rasa.engine.training.hooks Finished training component 'DIETClassifier'.
not a timing line
1050.100 rasa.engine.graph Node 'train_TEDPolicy2' running 'TEDPolicy.train'.
1080.000 rasa.engine.training.hooks Finished training component 'TEDPolicy'.
"""


def test_training_log_is_summed_per_component():
    events = parse_events(LOG)
    assert [label for _, label in events] == [
        "GinzaNLP",
        "GinzaNLP",
        "DIETClassifier",
        "DIETClassifier",
        OTHER,
        "TEDPolicy",
        OTHER,
    ]
    totals = component_seconds(events, started=990.0, ended=1083.0)
    assert totals["GinzaNLP"] == pytest.approx(2.5)
    assert totals["DIETClassifier"] == pytest.approx(47.5)
    assert totals["TEDPolicy"] == pytest.approx(29.9)
    assert totals[BEFORE] == pytest.approx(10.0)
    assert totals[AFTER] == pytest.approx(3.0)
    assert sum(totals.values()) == pytest.approx(1083.0 - 990.0)
    assert component_seconds([]) == {}


@pytest.mark.parametrize("url", ["http://127.0.0.1:5105/webhooks/rest/webhook", "http://localhost:5105/x"])
def test_loopback_urls_are_allowed(url):
    check_loopback(url)


@pytest.mark.parametrize("url", ["http://10.0.0.5:5105/x", "http://example.com/x", "http://192.168.1.2/x"])
def test_other_hosts_are_refused(url):
    with pytest.raises(ValueError):
        check_loopback(url)


def test_epochs_curve_table_has_one_row_per_point():
    from bot.bench.epochs_curve import format_curve

    points = [
        {
            "epochs": 20,
            "train_seconds": 30.04,
            "diet_seconds": 5.0,
            "response_selector_seconds": 9.0,
            "intent": 0.9,
            "response": 0.8,
            "fallback_rate": 0.05,
        },
        {
            "epochs": 80,
            "train_seconds": 61.0,
            "diet_seconds": None,
            "response_selector_seconds": 30.0,
            "intent": 0.97,
            "response": 0.91,
            "fallback_rate": 0.0,
        },
    ]
    lines = format_curve(points).splitlines()
    assert len(lines) == 4
    assert [c.strip() for c in lines[2].strip("|").split("|")] == ["20", "30.0", "5.0", "9.0", "90.0%", "80.0%", "5.0%"]
    assert [c.strip() for c in lines[3].strip("|").split("|")][2] == "n/a"


@pytest.mark.parametrize("concurrency, interval", [(1, None), (3, None), (3, 0.01)])
def test_rest_load_sends_every_message_once_to_a_loopback_fake(concurrency, interval):
    """The load loop against a fake REST webhook on 127.0.0.1: each message once, its own sender, no errors."""
    from bot.bench.rest import run_load

    texts = ["こんにちは", "サポセンの電話番号は？", "壊れた", "交流館は何時まで", "ありがとう"]
    with fake_rest_webhook("はい") as (url, received):
        result = run_load(url, texts, concurrency, max_seconds=30, tag="t", interval=interval)
    assert sorted(message for _, message in received) == sorted(texts)
    assert len({sender for sender, _ in received}) == len(texts)
    assert result["count"] == 4 and result["errors"] == {"HTTP 500": 1}
    assert result["concurrency"] == concurrency and result["asked"] == 5
