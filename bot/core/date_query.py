"""Every day a message asks about, and the facility it names: the one reading of a date question that both the
opening-day action (actions/opening_hours.py) and the unseen-set evaluator (bot/tools/unseen) use.

``question_dates(text, today)``: the date mentions of ``text`` in order (「12/30と1/4」 → two,
「来週の月曜と火曜」 → two, the second taking 「来週の」; 「12/28から1/4まで」 → one period), or a correction.
``days_in_question(text, today)``: the same as a flat list of days ([] when the text names no day).
``facility_in_question(text)``: "kouryukan", "support_center", or None when neither (or both) is named.
The types (DateQuery, DateCorrection) are re-exported from bot/core/date_types.py for the older imports.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from bot.core.calendar_rule import FacilityInfo
from bot.core.date_ja import normalize, parse_date_ja
from bot.core.date_types import DateCorrection, DateQuery, ParseResult, correction, next_month_day
from bot.core.facilities import info_from_record, load_facility_records
from bot.core.opening_answer import match_facilities

__all__ = [
    "DateCorrection",
    "DateQuery",
    "ParseResult",
    "correction",
    "days_in_question",
    "facility_in_question",
    "next_month_day",
    "question_dates",
]

# Where one date mention ends and the next begins: と/や/か/、 (not か of から, not the 、 after 「の」).
_SEPARATOR = re.compile(r"と|や|及び|および|それと|あと|,|、(?<!の、)|・|か(?!ら)|or|and", re.IGNORECASE)
_RANGE_TAIL = re.compile(r"(から|より|〜|~|－|-)$")
_WEEK_PREFIX = re.compile(r"(先週|今週|再来週|来週|今度|次)の?")
_MONTH_PREFIX = re.compile(r"(?:(\d{4})年)?(\d{1,2})月")
_BARE_WEEKDAY = re.compile(r"^[^週度次]*?[月火水木金土日]曜")
_BARE_DAY = re.compile(r"^[^月/]*?(?<!\d)\d{1,2}日")


def _segments(norm: str) -> list[str]:
    """``norm`` cut at the separators, a range's start kept with its end (「12/28から、1/4まで」 stays whole)."""
    norm = norm.replace("おととい", "一昨日")
    parts = _SEPARATOR.split(norm)
    merged: list[str] = []
    for part in parts:
        if merged and _RANGE_TAIL.search(merged[-1]):
            merged[-1] += part
        else:
            merged.append(part)
    return [p for p in merged if p]


def _with_context(segment: str, previous: str) -> str:
    """A bare 「火曜」 or 「31日」 after 「来週の月曜」 or 「12月30日」 takes the previous mention's week or month."""
    week = _WEEK_PREFIX.search(previous)
    if week and _BARE_WEEKDAY.search(segment):
        return week.group(0) + segment
    month = _MONTH_PREFIX.search(previous)
    if month and _BARE_DAY.search(segment):
        return month.group(0) + segment
    return segment


def question_dates(text: str, today: date) -> list[DateQuery] | DateCorrection:
    """The date mentions of ``text`` in order ([] when none), or the correction of the first impossible one."""
    norm = normalize(text or "")
    segments = _segments(norm)
    found: list[DateQuery] = []
    previous = ""
    for segment in segments:
        parsed = parse_date_ja(_with_context(segment, previous), today)
        if isinstance(parsed, DateCorrection):
            return parsed
        if parsed is None or (found and parsed.start == today and (parsed.is_now or parsed.at is not None)):
            continue  # no date here, or only 「今」/「19時」 after a day already named
        if parsed not in found:
            found.append(parsed)
        previous = segment
    if len(found) <= 1:  # one mention: the whole text, so that nothing around it is lost
        whole = parse_date_ja(text or "", today)
        if isinstance(whole, DateCorrection):
            return whole
        return [whole] if whole is not None else []
    return found


def days_in_question(text: str, today: date) -> list[date]:
    """Every day ``text`` asks about, in order and without repeats; [] when it names none (or an impossible one)."""
    parsed = question_dates(text, today)
    if isinstance(parsed, DateCorrection):
        return []
    days: list[date] = []
    for query in parsed:
        for offset in range((query.end - query.start).days + 1):
            day = query.start + timedelta(days=offset)
            if day not in days:
                days.append(day)
    return days


@cache
def _facilities() -> tuple[FacilityInfo, ...]:
    return tuple(info_from_record(record) for record in load_facility_records())


def facility_in_question(text: str) -> str | None:
    """The key of the one facility ``text`` names (by name, alias or room), or None when it names none or both."""
    match = match_facilities(text or "", _facilities())
    if not match.named or len(match.facilities) != 1:
        return None
    return match.facilities[0].key
