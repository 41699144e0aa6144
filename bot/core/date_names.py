"""Named days and periods in a date question: 元日, 大晦日, 年末年始, GW, お盆, 祝日 and national holidays by name."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable
from datetime import date, timedelta

from bot.core.date_query import DateQuery, next_month_day
from bot.core.japanese_calendar import holiday_name

_HOLIDAY_NAMES = (
    "元日",
    "成人の日",
    "建国記念の日",
    "天皇誕生日",
    "春分の日",
    "昭和の日",
    "憲法記念日",
    "みどりの日",
    "こどもの日",
    "海の日",
    "山の日",
    "敬老の日",
    "秋分の日",
    "スポーツの日",
    "文化の日",
    "勤労感謝の日",
)


def _period(month_start: tuple[int, int], month_end: tuple[int, int], today: date, label: str) -> DateQuery:
    """The first period M/D–M/D (possibly crossing the new year) that has not yet ended."""
    for year in (today.year - 1, today.year, today.year + 1):
        start = date(year, *month_start)
        end = date(year + (month_end < month_start), *month_end)
        if end >= today:
            return DateQuery(start, end, label)
    raise AssertionError("unreachable")


_PERIODS = (
    ("年末年始", (12, 29), (1, 3), "年末年始"),
    ("年末", (12, 29), (12, 31), "年末"),
    ("年始|お正月|正月|三が日|三箇日", (1, 1), (1, 3), "年始"),
    (
        "GW|ゴールデンウィーク|ゴールデンウイーク|ごーるでんうぃーく|黄金週間|大型連休",
        (4, 29),
        (5, 6),
        "ゴールデンウィーク",
    ),
    ("お盆|おぼん", (8, 13), (8, 16), "お盆"),
)
_DAYS = (("元日|元旦|がんたん", (1, 1)), ("大晦日|大みそか|おおみそか", (12, 31)))


def named_days(text: str, today: date) -> DateQuery | None:
    for pattern, start, end, label in _PERIODS:
        if re.search(pattern, text, re.IGNORECASE):
            return _period(start, end, today, label)
    for pattern, (mo, d) in _DAYS:
        if re.search(pattern, text):
            return DateQuery(next_month_day(mo, d, today), next_month_day(mo, d, today))
    for name in _HOLIDAY_NAMES:
        if name in text:
            return _next_holiday(today, functools.partial(operator.eq, name), name)
    if re.search("祝日|祭日|祝祭日", text):
        return _next_holiday(today, lambda n: True, "")
    return None


def _next_holiday(today: date, wanted: Callable[[str], bool], label: str) -> DateQuery | None:
    for offset in range(0, 400):
        d = today + timedelta(days=offset)
        name = holiday_name(d)
        if name and wanted(name):
            return DateQuery(d, d, label or f"次の祝日（{name}）")
    return None
