"""The types of a date question: a day or a period (``DateQuery``), or a polite correction (``DateCorrection``)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from bot.core.texts import text


@dataclass(frozen=True)
class DateQuery:
    """The day (or period, ``start``..``end``) a question is about."""

    start: date
    end: date
    label: str = ""  # a name for a period or holiday, e.g. 「ゴールデンウィーク」
    is_now: bool = False  # the question is about this moment (今, 今から)
    at: time | None = None  # a time of day asked about (19時)
    explicit: bool = True  # False when the text named no date and today was assumed

    @property
    def is_range(self) -> bool:
        return self.end != self.start


@dataclass(frozen=True)
class DateCorrection:
    """The text named a date that does not exist; ``message`` says so politely."""

    message: str


ParseResult = DateQuery | DateCorrection


def correction(key: str, **values: Any) -> DateCorrection:
    """The correction ``key`` of data/texts/dates.yml; its ``{check_again}`` is the text that asks to check the date."""
    return DateCorrection(text(key, check_again=text("dates.check_again"), **values))


def next_month_day(month: int, day: int, today: date) -> date:
    """The next ``month``/``day`` on or after ``today`` (2月29日 → the next leap year's)."""
    for year in range(today.year, today.year + 9):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= today:
            return date(year, month, day)
    raise ValueError(f"no {month}/{day} ahead")  # unreachable for a validated month/day
