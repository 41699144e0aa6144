"""The "Numbers" page, as pure functions: counts over user turns, and one bar chart as plain inline SVG.

A turn is one user message as the tracker store keeps it (time, intent, answer key, channel). With Rasa's
default in-memory tracker store that is every conversation since the server last started.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from html import escape
from typing import Any

from bot.core.parse_data import RETRIEVAL_INTENT, intent_name, selected_answer

FALLBACK = "nlu_fallback"
NOT_TOPICS = frozenset(
    {
        FALLBACK,
        "feedback_good",
        "feedback_bad",
        "affirm",
        "deny",
        "inform_precheck",
        "greet",
        "goodbye",
        "thanks",
        "back_to_bot",
    }
)


@dataclass(frozen=True)
class Turn:
    at: datetime  # aware
    intent: str
    key: str  # faq/<key> for FAQ questions, else the intent
    channel: str


def turns_from_events(events: Iterable[Mapping[str, Any]]) -> list[Turn]:
    """The user turns among serialised Rasa events (``Event.as_dict()``)."""
    turns = []
    for event in events:
        if event.get("event") != "user":
            continue
        parse = event.get("parse_data") or {}
        intent = intent_name(parse)
        key = str(selected_answer(parse).get("intent_response_key") or intent) if intent == RETRIEVAL_INTENT else intent
        try:
            timestamp: Any = event.get("timestamp")
            at = datetime.fromtimestamp(float(timestamp), timezone.utc)
        except (TypeError, ValueError, OverflowError, OSError):
            continue
        turns.append(Turn(at, intent, key, str(event.get("input_channel") or "")))
    return turns


def per_day(turns: Iterable[Turn], today: date, tz: tzinfo, days: int = 14) -> list[tuple[date, int]]:
    """Messages per day (in ``tz``) for the ``days`` days up to ``today``, oldest first."""
    counts = Counter(t.at.astimezone(tz).date() for t in turns)
    return [(d, counts.get(d, 0)) for d in (today - timedelta(days=i) for i in range(days - 1, -1, -1))]


def fallback_rate(turns: Sequence[Turn]) -> float | None:
    if not turns:
        return None
    return sum(t.intent == FALLBACK for t in turns) / len(turns)


def top_topics(turns: Iterable[Turn], limit: int = 10) -> list[tuple[str, int]]:
    counts = Counter(t.key for t in turns if t.intent not in NOT_TOPICS and t.key)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def by_channel(turns: Iterable[Turn]) -> list[tuple[str, int]]:
    return sorted(Counter(t.channel or "（不明）" for t in turns).items(), key=lambda kv: -kv[1])


def thumbs(counts: Mapping[bool, int]) -> dict[str, Any]:
    good, bad = int(counts.get(True, 0)), int(counts.get(False, 0))
    return {"good": good, "bad": bad, "ratio": (good / (good + bad)) if good + bad else None}


def precheck_summary(records: Iterable[Any]) -> dict[str, Any]:
    """Verdict counts and how often each condition failed, from PrecheckRecord rows."""
    verdicts: Counter = Counter()
    failed: Counter = Counter()
    for record in records:
        verdicts[str(record.verdict)] += 1
        failed.update(str(key) for key in (record.failed or []))
    return {"total": sum(verdicts.values()), "verdicts": dict(verdicts), "failed": failed.most_common()}


def bar_chart_svg(series: Sequence[tuple[str, int]], title: str, width: int = 640, height: int = 220) -> str:
    """A bar chart as inline SVG (no script, no external file); every label is escaped."""
    left, bottom, top = 36, 28, 12
    plot_h = height - bottom - top
    peak = max([v for _, v in series] + [1])
    step = (width - left - 8) / max(len(series), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 4}" y2="{top + plot_h}" stroke="#555"/>',
        f'<text x="{left - 6}" y="{top + 10}" text-anchor="end" font-size="11" fill="#222">{peak}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" font-size="11" fill="#222">0</text>',
    ]
    for i, (label, value) in enumerate(series):
        bar_h = round(plot_h * value / peak, 1)
        x = round(left + i * step + step * 0.15, 1)
        parts.append(
            f'<rect x="{x}" y="{round(top + plot_h - bar_h, 1)}" width="{round(step * 0.7, 1)}" '
            f'height="{bar_h}" fill="#1f5fa8"><title>{escape(label)}: {value}</title></rect>'
        )
        parts.append(
            f'<text x="{round(x + step * 0.35, 1)}" y="{height - 10}" text-anchor="middle" font-size="10" '
            f'fill="#222">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
