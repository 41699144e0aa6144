"""Japanese calendar facts and formats, for any date: Asia/Tokyo time, national holidays (jpholiday, cached per
year, 振替休日 and 国民の休日 included), 平日, and 「2027年1月11日（月・祝）」「午前10時」 as the answers write them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jpholiday

try:
    TOKYO: tzinfo = ZoneInfo("Asia/Tokyo")
except ZoneInfoNotFoundError:  # no tz database on the host: Japan has had no DST since 1951
    TOKYO = timezone(timedelta(hours=9), "JST")

WEEKDAYS_JA = "月火水木金土日"


@cache
def _holidays_of_year(year: int) -> dict[date, str]:
    return {d: name for d, name in jpholiday.year_holidays(year)}


def holiday_name(day: date) -> str | None:
    """The national holiday on ``day`` (jpholiday's name), or None. Cached per year."""
    return _holidays_of_year(day.year).get(day)


def holiday_label(name: str) -> str:
    """「春分の日 振替休日」 → 「春分の日の振替休日」; other names unchanged."""
    if name.endswith(" 振替休日"):
        return name[: -len(" 振替休日")] + "の振替休日"
    return name


def holiday_word(name: str) -> str:
    """「祝日」, or 「休日」 for 振替休日 and 国民の休日 (休日 under the holidays act, not 祝日)."""
    return "休日" if name.endswith("振替休日") or name == "国民の休日" else "祝日"


def is_heijitsu(day: date) -> bool:
    """A 平日: Monday to Friday and not a national holiday."""
    return day.weekday() < 5 and holiday_name(day) is None


def format_date(day: date, with_year: bool = True, mark_holiday: bool = True) -> str:
    """「2027年1月11日（月・祝）」; without year 「1月11日（月）」."""
    weekday = WEEKDAYS_JA[day.weekday()]
    name = holiday_name(day) if mark_holiday else None
    if name:
        weekday += "・" + holiday_word(name)[0]
    prefix = f"{day.year}年" if with_year else ""
    return f"{prefix}{day.month}月{day.day}日（{weekday}）"


def format_time(t: time) -> str:
    """「午前10時」「午後10時」「午後9時30分」「正午」."""
    if t.hour == 12 and t.minute == 0:
        return "正午"
    half = "午前" if t.hour < 12 else "午後"
    hour = t.hour if t.hour <= 12 else t.hour - 12
    minutes = f"{t.minute}分" if t.minute else ""
    return f"{half}{hour}時{minutes}"


def next_heijitsu(day: date) -> date:
    """The first 平日 strictly after ``day``."""
    d = day + timedelta(days=1)
    while not is_heijitsu(d):
        d += timedelta(days=1)
    return d


def now_in_tokyo(now: datetime | None = None) -> datetime:
    """``now`` (default: the current time) in Asia/Tokyo, whatever the server's timezone."""
    if now is None:
        return datetime.now(TOKYO)
    if now.tzinfo is None:  # a naive time is taken as the server's local time
        now = now.astimezone()
    return now.astimezone(TOKYO)
