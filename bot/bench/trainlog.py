"""Where training time goes: rasa's own log lines, timestamped, summed per component.

``rasa train`` runs its graph one node at a time (dask's synchronous scheduler), and ``rasa.engine.graph`` logs at
DEBUG when a node loads its component and when it runs it. The benchmark sends just those lines (and the INFO
lines of the training hooks) to a file with ``%(created).3f`` timestamps (``logging_config``); ``component_seconds``
turns them into seconds per component: each line starts a segment that lasts until the next line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

LINE = re.compile(r"^(?P<ts>\d+\.\d+) (?P<logger>\S+) (?P<msg>.*)$")
NODE = re.compile(r"^Node '(?P<node>[^']+)' (?P<what>loading|running) '(?P<cls>[A-Za-z0-9_]+)\.(?P<fn>\w+)'")
HOOK = re.compile(r"^(?P<what>Starting to train|Finished training) component '(?P<cls>[A-Za-z0-9_]+)'")

BEFORE = "(before the graph: imports, data loading, validation)"
AFTER = "(after the graph: persisting and packaging the model)"
OTHER = "(between nodes)"


def logging_config(log_path: str) -> dict:
    """A ``--logging-config-file`` dict: DEBUG lines of rasa.engine.graph and INFO of the hooks, to ``log_path``."""
    handler = {
        "class": "logging.FileHandler",
        "filename": log_path,
        "formatter": "stamped",
        "level": "DEBUG",
        "encoding": "utf-8",
        "mode": "w",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"stamped": {"format": "%(created).3f %(name)s %(message)s"}},
        "handlers": {"timing": handler},
        "loggers": {
            "rasa.engine.graph": {"level": "DEBUG", "handlers": ["timing"], "propagate": False},
            "rasa.engine.training.hooks": {"handlers": ["timing"], "propagate": True},
        },
    }


def parse_events(text: str) -> list[tuple[float, str]]:
    """(timestamp, label) of each node or hook line, in order; other lines are skipped."""
    events: list[tuple[float, str]] = []
    for raw in text.splitlines():
        line = LINE.match(raw.strip())
        if not line:
            continue
        msg = line.group("msg")
        node = NODE.match(msg)
        if node:
            events.append((float(line.group("ts")), node.group("cls")))
            continue
        hook = HOOK.match(msg)
        if hook:
            label = hook.group("cls") if hook.group("what") == "Starting to train" else OTHER
            events.append((float(line.group("ts")), label))
    return events


def component_seconds(
    events: Sequence[tuple[float, str]], started: float | None = None, ended: float | None = None
) -> dict[str, float]:
    """Seconds per label: each event lasts until the next one; before the first and after the last go to
    BEFORE and AFTER when the process start and end times are given."""
    totals: dict[str, float] = {}

    def add(label: str, seconds: float) -> None:
        totals[label] = round(totals.get(label, 0.0) + max(0.0, seconds), 3)

    if not events:
        return totals
    if started is not None:
        add(BEFORE, events[0][0] - started)
    for (ts, label), (next_ts, _) in zip(events, events[1:], strict=False):
        add(label, next_ts - ts)
    if ended is not None:
        add(AFTER, ended - events[-1][0])
    return totals


def ranked(totals: dict[str, float], top: int = 12) -> list[tuple[str, float]]:
    """The largest ``top`` entries, largest first."""
    return sorted(totals.items(), key=lambda item: item[1], reverse=True)[:top]
