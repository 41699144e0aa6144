"""The reply to an opening-hours question, as pure functions: which facility the text names, and the
Japanese answer for a date (or a short period) composed from the calendar rule. No Rasa, no database.

The first sentence is always the verdict, e.g.
「2027年1月12日（火）は休館日です。1月11日（月）が祝日（成人の日）のため、その直後の平日が休館となります。」
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from bot.core.calendar_rule import (
    KIND_SPECIAL_OPEN, FacilityInfo, OpenStatus, SpecialDayInfo, format_date, format_hours, next_open_day,
    now_sentence, previous_open_day, status_on, time_sentence,
)
from bot.core.date_ja import DateQuery

SpecialDays = Mapping[str, Mapping[date, SpecialDayInfo]]
NO_DATE_NOTE = ("日付の指定がなかったため、本日についてお答えしました。ほかの日については"
                "「12月30日は開いてる？」「来週の月曜は？」のようにお尋ねください。")
HOLIDAY_NOTE = "祝日も開館しています（年末年始を除きます）。ただし、月曜日が祝日の場合は、その直後の平日が休館となります。"
PAST_NOTE = "※すでに過ぎた日付についてのご案内です。"


@dataclass(frozen=True)
class FacilityMatch:
    """The facilities a question is about: the named ones, or all of them when none is named."""

    facilities: Tuple[FacilityInfo, ...]
    named: bool
    part: Optional[str] = None  # a room or building named in the text (交流ホール)
    part_of: Optional[FacilityInfo] = None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").replace(" ", "").lower()


def match_facilities(text: str, facilities: Sequence[FacilityInfo]) -> FacilityMatch:
    """Find the facilities named in ``text`` by name, alias or part, after NFKC (ｻﾎﾟｾﾝ → サポセン)."""
    folded = _fold(text)
    named: List[FacilityInfo] = []
    part, part_of = None, None
    for facility in facilities:
        if any(_fold(alias) in folded for alias in (facility.name, facility.short_name, *facility.aliases) if alias):
            named.append(facility)
            continue
        for candidate in facility.parts:
            if candidate and _fold(candidate) in folded:
                named.append(facility)
                part, part_of = candidate, facility
                break
    if not named:
        return FacilityMatch(tuple(facilities), named=False)
    return FacilityMatch(tuple(named), named=True, part=part, part_of=part_of)


def _same(statuses: Sequence[OpenStatus]) -> bool:
    return all((s.is_open, s.text, s.hours) == (statuses[0].is_open, statuses[0].text, statuses[0].hours)
               for s in statuses)


def _shared_sentence(facilities: Sequence[FacilityInfo]) -> str:
    names = "と".join(f"{f.name}（{f.location}）" if f.location else f.name for f in facilities)
    return f"{names}は、開館日・開館時間が同じです。"


def _facility_sentences(match: FacilityMatch) -> List[str]:
    if len(match.facilities) != 1:
        return []
    f = match.facilities[0]
    where = f"（{f.location}）" if f.location else ""
    lines = [f"{f.name}{where}についてのご案内です。" + (f"お問い合わせはTEL {f.tel}へどうぞ。" if f.tel else "")]
    if match.part and match.part_of is not None:
        lines.insert(0, f"{match.part}は{match.part_of.name}の施設のため、{match.part_of.short_name}の開館日でお答えしています。")
    return lines


def _day_followups(status: OpenStatus, facility: FacilityInfo, query: DateQuery, now: datetime,
                   special: Mapping[date, SpecialDayInfo]) -> List[str]:
    lines = []
    if query.at is not None:
        sentence = time_sentence(status, facility, query.at)
        if sentence:
            lines.append(sentence)
    if status.day == now.date():
        lines.append(now_sentence(status, facility, now))
    closes = (status.hours or (facility.opens, facility.closes))[1]
    if not status.is_open or (status.day == now.date() and now.time() >= closes):
        following = next_open_day(facility, status.day, special)
        if following is not None:
            lines.append(f"次の開館日は{format_date(following.day)}です。")
    return lines


def _day_lines(query: DateQuery, facilities: Sequence[FacilityInfo], special: SpecialDays, now: datetime) -> List[str]:
    statuses = [status_on(f, query.start, special.get(f.key)) for f in facilities]
    if len(facilities) > 1 and _same(statuses):
        return ([statuses[0].text, _shared_sentence(facilities)]
                + _day_followups(statuses[0], facilities[0], query, now, special.get(facilities[0].key, {})))
    lines: List[str] = []
    for facility, status in zip(facilities, statuses):
        head = f"【{facility.name}】" if len(facilities) > 1 else ""
        lines.append(head + status.text)
        lines.extend(_day_followups(status, facility, query, now, special.get(facility.key, {})))
    return lines


def _unique(items: Sequence[str]) -> List[str]:
    return list(dict.fromkeys(i for i in items if i))


def _range_summary(query: DateQuery, facility: FacilityInfo, days: Sequence[OpenStatus], today: date,
                   special: Mapping[date, SpecialDayInfo]) -> List[str]:
    period = f"{format_date(query.start)}〜{format_date(query.end, with_year=query.start.year != query.end.year)}"
    title = f"{query.label}（{period}）" if query.label else period
    closed = [s for s in days if not s.is_open]
    notes = _unique([s.reason for s in closed] + [s.verdict + s.reason for s in days if s.kind == KIND_SPECIAL_OPEN])
    if not closed:
        lines = [f"{title}は、すべて開館しています（{format_hours(facility)}）。"] + notes
    elif len(closed) == len(days):
        lines = [f"{title}は、すべて休館日です。"] + notes
        before = previous_open_day(facility, query.start, special)
        if before is not None and before.day >= today:
            lines.append(f"直前の開館日は{format_date(before.day)}です。")
    else:
        listed = "、".join(format_date(s.day, with_year=False) for s in closed)
        lines = [f"{title}のうち、休館日は{listed}です。ほかの日は開館しています（{format_hours(facility)}）。"] + notes
    after = status_on(facility, query.end + timedelta(days=1), special)
    if not days[-1].is_open:
        following = next_open_day(facility, query.end, special)
        if following is not None:
            lines.append(f"次の開館日は{format_date(following.day)}です。")
    elif not after.is_open:
        lines.append(f"なお、翌日の{format_date(after.day)}は休館日です。")
    return lines


def _range_lines(query: DateQuery, facilities: Sequence[FacilityInfo], special: SpecialDays, today: date) -> List[str]:
    per_facility: Dict[str, List[str]] = {}
    for facility in facilities:
        days = [status_on(facility, query.start + timedelta(days=i), special.get(facility.key))
                for i in range((query.end - query.start).days + 1)]
        per_facility[facility.key] = _range_summary(query, facility, days, today, special.get(facility.key, {}))
    blocks = list(per_facility.values())
    if len(facilities) > 1 and all(b == blocks[0] for b in blocks):
        return [blocks[0][0], _shared_sentence(facilities)] + blocks[0][1:]
    if len(facilities) == 1:
        return blocks[0]
    return [f"【{f.name}】" + "\n".join(per_facility[f.key]) for f in facilities]


def compose_reply(query: DateQuery, match: FacilityMatch, special: SpecialDays, now: datetime) -> str:
    """The full answer; ``now`` must already be in Asia/Tokyo (see calendar_rule.now_in_tokyo)."""
    today = now.date()
    facilities = list(match.facilities)
    if query.is_range:
        lines = _range_lines(query, facilities, special, today)
    else:
        lines = _day_lines(query, facilities, special, now)
    lines[1:1] = _facility_sentences(match)
    if query.end < today:
        lines.append(PAST_NOTE)
    if query.label.startswith("次の祝日"):
        lines.append(HOLIDAY_NOTE)
    if not query.explicit:
        lines.append(NO_DATE_NOTE)
    return "\n".join(lines)


def first_sentence(reply: str) -> str:
    """The verdict: the reply up to and including its first 「。」."""
    head, sep, _ = reply.partition("。")
    return head + sep
