"""Pure helpers of ``python -m bot.bench.scale``: turn windows and growth, the process tree from a /proc listing,
``smaps_rollup`` and ``stat`` parsing, what Rasa's log says about its Sanic workers, memory sums, and the table.

Nothing here times anything or touches a live process; ``tests/bench/test_scale.py`` covers it.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.bench.stats import dig, fmt, ratio


# --- per-turn growth ----------------------------------------------------------------------------
def turn_windows(turns: int) -> list[tuple[str, int, int]]:
    """(name, first, last) of the three windows (1-based, inclusive): turns 1–5, the 10 turns around a third of
    the way (96–105 of 300) and the last 5 (296–300 of 300)."""
    if turns < 15:
        raise ValueError("the growth figure needs at least 15 turns")
    middle = round(turns / 3)
    return [("first", 1, 5), ("middle", middle - 4, middle + 5), ("last", turns - 4, turns)]


def window_median(samples: Sequence[float | None], first: int, last: int) -> float | None:
    """Median of turns ``first``..``last`` (1-based, inclusive) of ``samples``; failed turns (None) are left out."""
    if first < 1 or last < first:
        raise ValueError(f"not a window of turns: {first}..{last}")
    values = [v for v in samples[first - 1 : last] if v is not None]
    return float(statistics.median(values)) if values else None


def slope_per_turn(samples: Sequence[float | None]) -> float | None:
    """Least-squares slope of latency against turn number (units of ``samples`` per turn); None for < 2 turns."""
    points = [(i + 1, v) for i, v in enumerate(samples) if v is not None]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def growth(samples: Sequence[float | None]) -> dict[str, Any]:
    """Medians of the three windows of one conversation's turn latencies (ms), the single turns, and last/first."""
    turns = len(samples)
    windows = turn_windows(turns)
    found: dict[str, Any] = {"turns": turns, "failed_turns": sum(1 for v in samples if v is None)}
    for name, first, last in windows:
        found[f"{name}_window"] = [first, last]
        found[f"{name}_median_ms"] = _rounded(window_median(samples, first, last))
        single = {"first": first, "middle": first + 4, "last": last}[name]  # turn 1, 100 and 300 of 300
        found[f"{name}_turn"] = single
        found[f"{name}_single_ms"] = samples[single - 1]
    found["ratio_last_first"] = _rounded(ratio(found["last_median_ms"], found["first_median_ms"]), 3)
    slope = slope_per_turn(samples)
    found["slope_ms_per_100_turns"] = None if slope is None else round(slope * 100, 3)
    return found


def _rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


# --- processes ----------------------------------------------------------------------------------
_STATUS_FIELD = re.compile(r"^(?P<key>[A-Za-z_]+):\s*(?P<value>.*)$", re.MULTILINE)


def parse_status(text: str) -> dict[str, str]:
    """The ``key: value`` lines of ``/proc/<pid>/status``."""
    return {m.group("key"): m.group("value").strip() for m in _STATUS_FIELD.finditer(text)}


def read_process_table(proc_root: Path = Path("/proc")) -> dict[int, dict[str, Any]]:
    """pid -> {ppid, name, cmdline} of every process under ``proc_root`` (a real or a fake /proc); a process
    that is gone or unreadable is left out."""
    table: dict[int, dict[str, Any]] = {}
    for entry in proc_root.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = parse_status((entry / "status").read_text(encoding="utf-8", errors="replace"))
            cmdline = (entry / "cmdline").read_bytes() if (entry / "cmdline").exists() else b""
        except OSError:
            continue
        if "PPid" not in fields:
            continue
        table[int(entry.name)] = {
            "ppid": int(fields["PPid"]),
            "name": fields.get("Name", ""),
            "cmdline": cmdline.replace(b"\0", b" ").decode(errors="replace").strip(),
        }
    return table


def children(pid: int, table: Mapping[int, Mapping[str, Any]]) -> list[int]:
    return sorted(p for p, info in table.items() if info["ppid"] == pid)


def descendants(pid: int, table: Mapping[int, Mapping[str, Any]]) -> list[int]:
    """Every process below ``pid`` (children first, then theirs), not ``pid`` itself."""
    found: list[int] = []
    todo = children(pid, table)
    while todo:
        found.extend(todo)
        todo = [c for p in todo for c in children(p, table) if c not in found]
    return found


def sanic_workers(pid: int, table: Mapping[int, Mapping[str, Any]]) -> list[int]:
    """The Sanic worker processes of the ``rasa run`` process ``pid``: its children forked from it (the same command
    line). With one worker Sanic serves in ``pid`` itself and there are none."""
    own = table.get(pid, {}).get("cmdline")
    return [c for c in children(pid, table) if own is not None and table[c]["cmdline"] == own]


_KB_LINE = re.compile(r"^(?P<key>[A-Za-z_]+):\s+(?P<kb>\d+) kB$", re.MULTILINE)


def parse_smaps_rollup(text: str) -> dict[str, int]:
    """kB figures of ``/proc/<pid>/smaps_rollup`` (Rss, Pss, Shared_Clean, Private_Dirty, ...)."""
    return {m.group("key"): int(m.group("kb")) for m in _KB_LINE.finditer(text)}


def parse_cpu_ticks(stat_text: str) -> int:
    """utime + stime (clock ticks) from ``/proc/<pid>/stat``; the command name may hold spaces and parentheses."""
    after = stat_text[stat_text.rindex(")") + 2 :].split()
    return int(after[11]) + int(after[12])  # fields 14 and 15 of the line; `after` starts at field 3


# --- Rasa's log ---------------------------------------------------------------------------------
_USING = re.compile(r"Using (?P<n>\d+) Sanic workers\.")
_DEFAULT = re.compile(r"Using the default number of Sanic workers \((?P<n>\d+)\)")
_REFUSED = re.compile(r"Unable to assign desired number of Sanic workers \((?P<n>\d+)\) as (?P<why>.*)$")
_READY = "Rasa server is up and running."


def workers_in_log(worker_log: str, server_log: str = "") -> dict[str, Any]:
    """What Rasa says about its Sanic workers: in the worker log (rasa.core.utils at DEBUG) the number it chose
    (``rasa_says``) and, when it kept one, the number asked for and why; in the server's own log, how many
    processes loaded the model and said "Rasa server is up and running." (``ready``: one per worker)."""
    found: dict[str, Any] = {"rasa_says": None, "refused": None}
    for line in worker_log.splitlines():
        for pattern in (_USING, _DEFAULT):
            match = pattern.search(line)
            if match:
                found["rasa_says"] = int(match.group("n"))
        refused = _REFUSED.search(line)
        if refused:
            found["refused"] = {"asked": int(refused.group("n")), "why": refused.group("why").strip()}
    found["ready"] = sum(1 for line in server_log.splitlines() if _READY in line)
    return found


# --- memory -------------------------------------------------------------------------------------
def memory_summary(main: Mapping[str, Any], workers: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Sums over the Rasa processes of one setup: the main process and its Sanic workers (each a dict with
    ``vmhwm_mb``, ``rss_mb``, ``pss_mb``, ``shared_mb``, ``private_mb``; None where unknown)."""
    everyone = [main, *workers]

    def total(key: str) -> float | None:
        values = [p.get(key) for p in everyone]
        return None if any(v is None for v in values) else round(sum(values), 1)

    found: dict[str, Any] = {
        "main_vmhwm_mb": main.get("vmhwm_mb"),
        "workers": len(workers),
        "total_vmhwm_mb": total("vmhwm_mb"),
        "total_rss_mb": total("rss_mb"),
        "total_pss_mb": total("pss_mb"),
        "total_private_mb": total("private_mb"),
    }
    for number, worker in enumerate(workers, start=1):
        found[f"worker{number}_vmhwm_mb"] = worker.get("vmhwm_mb")
    return found


# --- the table ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    label: str
    key: tuple[str, ...]
    unit: str
    digits: int = 1


def scale_rows(turns: int = 300, senders: int = 20) -> list[Row]:
    """The table's rows; the growth rows are named after the windows of ``turns`` turns."""
    (_, a1, a2), (_, b1, b2), (_, c1, c2) = turn_windows(turns)
    return [
        Row("Sanic workers (Rasa's log and /proc)", ("server", "workers_used"), "", 0),
        Row("start to ready, all workers", ("server", "ready_seconds"), "s", 1),
        Row(f"REST median, turns {a1}-{a2}", ("growth", "first_median_ms"), "ms", 1),
        Row(f"REST median, turns {b1}-{b2}", ("growth", "middle_median_ms"), "ms", 1),
        Row(f"REST median, turns {c1}-{c2}", ("growth", "last_median_ms"), "ms", 1),
        Row(f"growth: turns {c1}-{c2} / turns {a1}-{a2}", ("growth", "ratio_last_first"), "x", 2),
        Row("growth slope per 100 turns", ("growth", "slope_ms_per_100_turns"), "ms", 1),
        Row("events stored for that sender", ("growth", "events_stored"), "", 0),
        Row(f"throughput, {senders} senders closed loop", ("load", "throughput_per_s"), "msg/s", 1),
        Row(f"REST p50, {senders} senders", ("load", "p50_ms"), "ms", 1),
        Row(f"REST p95, {senders} senders", ("load", "p95_ms"), "ms", 1),
        Row("failed requests", ("load", "failed"), "", 0),
        Row("peak RSS, action server (so far)", ("memory", "actions_vmhwm_mb"), "MB", 0),
        Row("peak RSS, rasa run process", ("memory", "main_vmhwm_mb"), "MB", 0),
        Row("peak RSS, Sanic worker 1", ("memory", "worker1_vmhwm_mb"), "MB", 0),
        Row("peak RSS, Sanic worker 2", ("memory", "worker2_vmhwm_mb"), "MB", 0),
        Row("peak RSS, all rasa processes (sum)", ("memory", "total_vmhwm_mb"), "MB", 0),
        Row("PSS at the end, all rasa processes", ("memory", "total_pss_mb"), "MB", 0),
    ]


def _cell(value: float | None, unit: str, digits: int) -> str:
    if value is None:
        return "n/a"
    if unit == "x":
        return f"{value:.{digits}f}x"
    return fmt(value, unit, digits).strip() if unit else f"{value:,.{digits}f}"


def format_scale_table(
    setups: Mapping[str, Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    compare: tuple[str, str, str] | None = None,
    rows: Sequence[Row] | None = None,
) -> str:
    """One table: a row per figure, a column per setup (``columns``: (key in ``setups``, header)), and with
    ``compare`` = (header, numerator key, denominator key) a ratio column."""
    rows = scale_rows() if rows is None else rows
    header = ["figure", *(title for _, title in columns)] + ([compare[0]] if compare else [])
    lines: list[list[str]] = []
    for row in rows:
        cells = [row.label] + [_cell(dig(setups.get(key, {}), row.key), row.unit, row.digits) for key, _ in columns]
        if compare:
            r = ratio(dig(setups.get(compare[1], {}), row.key), dig(setups.get(compare[2], {}), row.key))
            cells.append("n/a" if r is None or row.unit == "x" else f"{r:.2f}x")
        lines.append(cells)
    widths = [max(len(header[i]), *(len(line[i]) for line in lines)) for i in range(len(header))]

    def render(cells: Sequence[str]) -> str:
        padded = (c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells))
        return "| " + " | ".join(padded) + " |"

    separator = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([render(header), separator] + [render(line) for line in lines])
