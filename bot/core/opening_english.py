"""The English reply to an opening-day question (issue 16 part 3), as pure functions: the days named in English
(bot/core/date_english.py), the facility named in English, and the verdict for each day from the calendar rule
(bot/core/calendar_rule.py). The sentences are in data/english/texts/opening_hours.yml; here only values.

"Is the exchange center open on Dec 30?" →
"The Kanazawa Student Town Citizens Exchange Center is closed on Wednesday, December 30, 2026.\\nIt is closed for the
New Year holidays (December 29 to January 3).\\nThe next opening day is Monday, January 4, 2027. …"
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, time

from bot.core.calendar_rule import (
    KIND_HOLIDAY_SHIFT,
    KIND_SPECIAL_CLOSED,
    KIND_SPECIAL_OPEN,
    KIND_WEEKLY,
    KIND_YEAR_END,
    FacilityInfo,
    OpenStatus,
    SpecialDayInfo,
    next_open_day,
    status_on,
)
from bot.core.date_english import english_dates
from bot.core.japanese_calendar import holiday_name, next_heijitsu
from bot.core.texts import english_text

SpecialDays = Mapping[str, Mapping[date, SpecialDayInfo]]
MAX_DAYS = 7  # days answered in one reply; more are cut with a note
# How an English text names each facility (keys of data/facilities.yml); none named means both.
_NAMED = {
    "support_center": re.compile(r"\bsupp?ort?\s*cent(?:er|re)|\bsapo|\bactivity\s+support|\bsupport\b"),
    "kouryukan": re.compile(r"\bexchange|\bkouryu|\bkoryu|\bstudent\s+town|\bstudent\s+house|\bmachiya"),
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def english_date(day: date, with_year: bool = True) -> str:
    """ "Wednesday, December 30, 2026"; without the year "Wednesday, December 30"."""
    head = f"{WEEKDAY_NAMES[day.weekday()]}, {MONTH_NAMES[day.month - 1]} {day.day}"
    return f"{head}, {day.year}" if with_year else head


def english_time(t: time) -> str:
    """ "10 a.m.", "9:30 p.m.", "noon"."""
    if (t.hour, t.minute) == (12, 0):
        return english_text("opening_hours.noon")
    hour = t.hour % 12 or 12
    half = "am" if t.hour < 12 else "pm"
    if t.minute:
        return english_text(f"opening_hours.time_{half}_minutes", hour=hour, minute=f"{t.minute:02d}")
    return english_text(f"opening_hours.time_{half}", hour=hour)


def named_facilities(typed: str, facilities: Sequence[FacilityInfo]) -> list[FacilityInfo]:
    """The facilities an English text names ("support center", "exchange center"), or all of them."""
    lowered = typed.lower()
    named = [f for f in facilities if f.key in _NAMED and _NAMED[f.key].search(lowered)]
    return named or list(facilities)


def _name(facility: FacilityInfo) -> str:
    return english_text(f"opening_hours.name_{facility.key}")


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _verdict_key(status: OpenStatus) -> str:
    if status.kind == KIND_SPECIAL_OPEN:
        return "special_open"
    if status.kind == KIND_SPECIAL_CLOSED:
        return "special_closed"
    return "open" if status.is_open else "closed"


def _reason(status: OpenStatus, facility: FacilityInfo) -> str:
    weekday = WEEKDAY_NAMES[facility.closed_weekday]
    if status.kind == KIND_YEAR_END:
        return english_text("opening_hours.reason_year_end")
    if status.kind == KIND_WEEKLY:
        return english_text("opening_hours.reason_weekly", weekday=weekday)
    if status.kind == KIND_HOLIDAY_SHIFT and status.shifted_from is not None:
        return english_text("opening_hours.reason_after_holiday", holiday_date=english_date(status.shifted_from, False))
    if status.is_open and status.day.weekday() == facility.closed_weekday and holiday_name(status.day):
        return english_text(
            "opening_hours.reason_open_on_holiday",
            weekday=weekday,
            holiday_date=english_date(status.day, False),
            shifted=english_date(next_heijitsu(status.day), False),
        )
    return ""


def _day_lines(day: date, facilities: Sequence[FacilityInfo], special: SpecialDays) -> list[str]:
    statuses = [status_on(f, day, special.get(f.key)) for f in facilities]
    same = all(
        (s.is_open, s.kind, s.hours) == (statuses[0].is_open, statuses[0].kind, statuses[0].hours) for s in statuses
    )
    groups = (
        [(list(facilities), statuses[0])] if same else [([f], s) for f, s in zip(facilities, statuses, strict=True)]
    )
    lines: list[str] = []
    for group, status in groups:
        both = len(group) > 1
        subject = english_text("opening_hours.both_names") if both else _capital(_name(group[0]))
        opens, closes = status.hours or (group[0].opens, group[0].closes)
        key = f"opening_hours.{_verdict_key(status)}{'_both' if both else ''}"
        values = {
            "subject": subject,
            "date": english_date(day),
            "opens": english_time(opens),
            "closes": english_time(closes),
        }
        lines.append(english_text(key, **values))
        reason = _reason(status, group[0])
        if reason:
            lines.append(reason)
        if not status.is_open:
            following = next_open_day(group[0], day, special.get(group[0].key))
            if following is not None:
                lines.append(english_text("opening_hours.next_open_day", date=english_date(following.day)))
    return lines


def english_opening_reply(typed: str, today: date, facilities: Sequence[FacilityInfo], special: SpecialDays) -> str:
    """The whole English answer to ``typed`` asked on ``today`` (Asia/Tokyo)."""
    days = english_dates(typed, today)
    explicit = bool(days)
    named = named_facilities(typed, facilities)
    lines: list[str] = []
    for day in (days or [today])[:MAX_DAYS]:
        lines.extend(_day_lines(day, named, special))
    if len(days) > MAX_DAYS:
        lines.append(english_text("opening_hours.too_many_days_note", count=MAX_DAYS))
    if len(named) == 1 and named[0].tel:
        short = english_text(f"opening_hours.name_short_{named[0].key}")
        lines.append(english_text("opening_hours.facility_contact", name_short=short, tel=named[0].tel))
    if not explicit:
        lines.append(english_text("opening_hours.no_date_note"))
    lines.append(english_text("opening_hours.source"))
    return "\n".join(lines)
