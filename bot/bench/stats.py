"""Pure helpers of the benchmark: percentiles, latency summaries, ``VmHWM`` parsing, the table and the goal checks.

Nothing here times anything or touches a process; ``tests/bench/test_bench.py`` covers it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_VMHWM = re.compile(r"^VmHWM:\s+(\d+)\s+kB\s*$", re.MULTILINE)


def percentile(values: Sequence[float], pct: float) -> float | None:
    """The ``pct``-th percentile (0–100) with linear interpolation between ranks; None for no values."""
    if not 0 <= pct <= 100:
        raise ValueError(f"percentile must be within 0..100, got {pct}")
    ordered = sorted(values)
    if not ordered:
        return None
    rank = (len(ordered) - 1) * pct / 100.0
    low, high = math.floor(rank), math.ceil(rank)
    if low == high:
        return float(ordered[low])
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize_ms(seconds: Sequence[float]) -> dict[str, Any]:
    """Latency samples in seconds -> count, p50, p95, mean and max in milliseconds."""
    if not seconds:
        return {"count": 0, "p50_ms": None, "p95_ms": None, "mean_ms": None, "max_ms": None}
    as_ms = [s * 1000.0 for s in seconds]
    return {
        "count": len(as_ms),
        "p50_ms": round(percentile(as_ms, 50), 2),
        "p95_ms": round(percentile(as_ms, 95), 2),
        "mean_ms": round(sum(as_ms) / len(as_ms), 2),
        "max_ms": round(max(as_ms), 2),
    }


def parse_vmhwm_kb(status_text: str) -> int | None:
    """Peak resident set size in kB from the text of ``/proc/<pid>/status``; None when absent (kernel threads)."""
    match = _VMHWM.search(status_text)
    return int(match.group(1)) if match else None


def cycle_messages(texts: Sequence[str], count: int) -> list[str]:
    """``count`` messages taken from ``texts`` in order, starting over at the end."""
    if not texts:
        raise ValueError("no messages to send: the test set is empty")
    return [texts[i % len(texts)] for i in range(max(0, count))]


# --- the table ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    label: str
    key: tuple[str, ...]  # path into one side's figures
    unit: str
    digits: int = 1
    lower_is_better: bool = True


ROWS: list[Row] = [
    Row("training wall time", ("train", "seconds"), "s"),
    Row("model load (Agent.load)", ("probe", "load_seconds"), "s", 2),
    Row("server start to ready (rasa run)", ("server", "ready_seconds"), "s"),
    Row("peak RSS of the server (VmHWM)", ("server", "vmhwm_mb"), "MB", 0),
    Row("peak RSS of Agent process (VmHWM)", ("probe", "vmhwm_mb"), "MB", 0),
    Row("intent accuracy (tests/nlu)", ("probe", "accuracy", "intent"), "%", 1, False),
    Row("response selection accuracy", ("probe", "accuracy", "response"), "%", 1, False),
    Row("parse_message p50", ("probe", "parse", "p50_ms"), "ms", 2),
    Row("parse_message p95", ("probe", "parse", "p95_ms"), "ms", 2),
    Row("handle_text p50", ("probe", "handle_text", "p50_ms"), "ms", 2),
    Row("handle_text p95", ("probe", "handle_text", "p95_ms"), "ms", 2),
    Row("REST p50, 1 sender", ("rest", "c1", "p50_ms"), "ms", 1),
    Row("REST p95, 1 sender", ("rest", "c1", "p95_ms"), "ms", 1),
    Row("REST throughput, 1 sender", ("rest", "c1", "throughput_per_s"), "msg/s", 1, False),
    Row("REST p50, 20 concurrent", ("rest", "c20", "p50_ms"), "ms", 1),
    Row("REST p95, 20 concurrent", ("rest", "c20", "p95_ms"), "ms", 1),
    Row("REST throughput, 20 concurrent", ("rest", "c20", "throughput_per_s"), "msg/s", 1, False),
    Row("REST p50, 20 senders x 1 msg/s", ("rest", "c20paced", "p50_ms"), "ms", 1),
    Row("REST p95, 20 senders x 1 msg/s", ("rest", "c20paced", "p95_ms"), "ms", 1),
]


def dig(figures: Mapping[str, Any], key: Iterable[str]) -> float | None:
    """The number at ``key`` inside nested dicts, or None when any step is missing."""
    node: Any = figures
    for step in key:
        if not isinstance(node, Mapping) or step not in node:
            return None
        node = node[step]
    return float(node) if isinstance(node, (int, float)) and not isinstance(node, bool) else None


def fmt(value: float | None, unit: str, digits: int) -> str:
    if value is None:
        return "n/a"
    if unit == "%":
        return f"{value * 100:.{digits}f} %"
    return f"{value:,.{digits}f} {unit}"


def ratio(ours: float | None, vanilla: float | None) -> float | None:
    """ours / vanilla, or None when either is missing or vanilla is zero."""
    if ours is None or vanilla is None or vanilla == 0:
        return None
    return ours / vanilla


def format_table(ours: Mapping[str, Any], vanilla: Mapping[str, Any]) -> str:
    """One table, one row per figure: ours, vanilla, and ours/vanilla."""
    header = ("figure", "ours", "vanilla", "ours/vanilla")
    lines: list[tuple[str, str, str, str]] = []
    for row in ROWS:
        a, b = dig(ours, row.key), dig(vanilla, row.key)
        r = ratio(a, b)
        lines.append(
            (row.label, fmt(a, row.unit, row.digits), fmt(b, row.unit, row.digits), "n/a" if r is None else f"{r:.2f}x")
        )
    widths = [max(len(header[i]), *(len(line[i]) for line in lines)) for i in range(4)]

    def render(cells: Sequence[str]) -> str:
        return (
            "| "
            + " | ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(cells))
            + " |"
        )

    separator = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([render(header), separator] + [render(line) for line in lines])


# --- goals --------------------------------------------------------------------------------------
def goal_checks(ours: Mapping[str, Any], vanilla: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The issue's goals, each with the figures it compares and a verdict (None when a figure is missing)."""

    def check(goal: str, value: float | None, limit: float | None, shown: str, higher_ok: bool = False):
        met = None if value is None or limit is None else (value >= limit if higher_ok else value <= limit)
        return {"goal": goal, "value": value, "limit": limit, "shown": shown, "met": met}

    def v(*key: str) -> float | None:
        return dig(ours, key)

    def w(*key: str) -> float | None:
        return dig(vanilla, key)

    def third(x: float | None) -> float | None:
        return None if x is None else x / 3

    def pair(a: float | None, b: float | None, unit: str) -> str:
        return f"{fmt(a, unit, 2)} vs {fmt(b, unit, 2)}"

    return [
        check(
            "parse p50 inside the server <= 1/3 of vanilla",
            v("probe", "parse", "p50_ms"),
            third(w("probe", "parse", "p50_ms")),
            pair(v("probe", "parse", "p50_ms"), third(w("probe", "parse", "p50_ms")), "ms"),
        ),
        check(
            "handle_text p50 inside the server <= 1/3 of vanilla",
            v("probe", "handle_text", "p50_ms"),
            third(w("probe", "handle_text", "p50_ms")),
            pair(v("probe", "handle_text", "p50_ms"), third(w("probe", "handle_text", "p50_ms")), "ms"),
        ),
        check(
            "REST p95 <= 60 ms with 20 concurrent senders",
            v("rest", "c20", "p95_ms"),
            60.0,
            pair(v("rest", "c20", "p95_ms"), 60.0, "ms"),
        ),
        check(
            "REST p95 <= 60 ms with 20 senders at 1 msg/s each (paced)",
            v("rest", "c20paced", "p95_ms"),
            60.0,
            pair(v("rest", "c20paced", "p95_ms"), 60.0, "ms"),
        ),
        check("training <= 120 s", v("train", "seconds"), 120.0, pair(v("train", "seconds"), 120.0, "s")),
        check(
            "model load <= 15 s (Agent.load)",
            v("probe", "load_seconds"),
            15.0,
            pair(v("probe", "load_seconds"), 15.0, "s"),
        ),
        check(
            "server start to ready <= 15 s (rasa run, imports included)",
            v("server", "ready_seconds"),
            15.0,
            pair(v("server", "ready_seconds"), 15.0, "s"),
        ),
        check("server RSS <= 1.2 GB", v("server", "vmhwm_mb"), 1200.0, pair(v("server", "vmhwm_mb"), 1200.0, "MB")),
        check(
            "intent accuracy >= vanilla",
            v("probe", "accuracy", "intent"),
            w("probe", "accuracy", "intent"),
            pair(v("probe", "accuracy", "intent"), w("probe", "accuracy", "intent"), "%"),
            higher_ok=True,
        ),
        check(
            "response accuracy >= vanilla",
            v("probe", "accuracy", "response"),
            w("probe", "accuracy", "response"),
            pair(v("probe", "accuracy", "response"), w("probe", "accuracy", "response"), "%"),
            higher_ok=True,
        ),
    ]


def format_goals(checks: Sequence[Mapping[str, Any]]) -> str:
    marks = {True: "MET ", False: "MISS", None: "n/a "}
    return "\n".join(f"  [{marks[c['met']]}] {c['goal']}: {c['shown']}" for c in checks)
