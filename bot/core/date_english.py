"""English date expressions of an opening-day question (issue 16): "Dec 30", "December 30th", "30 Dec", "12/30",
"next Monday", "this Saturday", "tomorrow", "today", "the day after tomorrow", "this weekend", "Christmas Day",
"New Year's Day".

``english_dates(text, today)`` gives the days the text names, in order, without repeats. A date without a year
that has already passed this year is taken as next year's (in December, "January 4" is the coming January).
"12/30" is read month/day, as in American English.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [  # in order of priority: longer phrases first
    ("new_year_eve", re.compile(r"\bnew\s+year'?s\s+eve\b")),
    ("christmas_eve", re.compile(r"\bchristmas\s+eve\b")),
    ("after_tomorrow", re.compile(r"\b(?:the\s+)?day\s+after\s+tomorrow\b")),
    ("weekend", re.compile(r"\b(this|next)\s+weekend\b")),
    ("new_year", re.compile(r"\bnew\s+year'?s?(?:\s+day)?\b")),
    ("christmas", re.compile(r"\bchristmas(?:\s+day)?\b")),
    ("month_day", re.compile(rf"\b({_MONTH})\.?\s+(?:the\s+)?{_DAY}\b")),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?({_MONTH})\b")),
    ("numeric", re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")),
    ("relative_weekday", re.compile(rf"\b(?:(next|this|coming)\s+)?({_WEEKDAY})\b")),
    ("tomorrow", re.compile(r"\btomorrow\b")),
    ("today", re.compile(r"\b(today|tonight)\b")),
]
_BARE_AMBIGUOUS = {"sun", "sat", "wed", "mon"}  # "sun", "sat" alone are ordinary words


def _coming(today: date, month: int, day: int, year: int | None = None) -> date | None:
    """The day month/day of the given year, or the coming one (this year's, or next year's when it has passed)."""
    try:
        if year is not None:
            return date(year, month, day)
        candidate = date(today.year, month, day)
        return candidate if candidate >= today else date(today.year + 1, month, day)
    except ValueError:
        return None


def _weekday(today: date, weekday: int, word: str | None) -> date:
    """ "next Monday" is the first Monday after today; "Monday", "this Monday" the first from today on."""
    ahead = (weekday - today.weekday()) % 7
    if word == "next" and ahead == 0:  # today is that weekday
        ahead = 7
    return today + timedelta(days=ahead)


def _weekend(today: date, word: str) -> list[date]:
    saturday = _weekday(today, 5, None)
    if word == "next" and today.weekday() < 5:
        saturday += timedelta(days=7)
    if today.weekday() == 6 and word == "this":
        return [today]
    return [saturday, saturday + timedelta(days=1)]


def _resolve(kind: str, match: re.Match[str], today: date) -> list[date]:
    groups = match.groups()
    found: date | None = None
    if kind == "month_day":
        found = _coming(today, MONTHS[groups[0]], int(groups[1]))
    elif kind == "day_month":
        found = _coming(today, MONTHS[groups[1]], int(groups[0]))
    elif kind == "numeric":
        found = _coming(today, int(groups[0]), int(groups[1]), int(groups[2]) if groups[2] else None)
    elif kind == "relative_weekday":
        found = _weekday(today, WEEKDAYS[groups[1]], groups[0])
    elif kind == "weekend":
        return _weekend(today, groups[0])
    elif kind == "after_tomorrow":
        found = today + timedelta(days=2)
    elif kind == "tomorrow":
        found = today + timedelta(days=1)
    elif kind == "today":
        found = today
    elif kind in ("christmas", "christmas_eve"):
        found = _coming(today, 12, 25 if kind == "christmas" else 24)
    elif kind in ("new_year", "new_year_eve"):
        found = _coming(today, 1, 1) if kind == "new_year" else _coming(today, 12, 31)
    return [found] if found else []


def english_dates(text: str, today: date) -> list[date]:
    """The days an English text names, in the order they appear, without repeats ([] when it names none)."""
    lowered = text.lower().replace("’", "'")
    spans: list[tuple[int, int, list[date]]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(lowered):
            start, end = match.span()
            if any(start < other_end and other_start < end for other_start, other_end, _ in spans):
                continue
            if kind == "relative_weekday" and not match.group(1) and match.group(2) in _BARE_AMBIGUOUS:
                continue
            days = _resolve(kind, match, today)
            if days:
                spans.append((start, end, days))
    ordered: list[date] = []
    for _, _, days in sorted(spans, key=lambda span: span[0]):
        ordered.extend(day for day in days if day not in ordered)
    return ordered
