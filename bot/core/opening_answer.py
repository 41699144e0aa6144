"""The reply to an opening-hours question, as pure functions: which facility the text names, and the
Japanese answer for a date (or a short period) composed from the calendar rule. No Rasa, no database.

The first sentence is always the verdict, e.g.
「2027年1月12日（火）は休館日です。1月11日（月）が祝日（成人の日）のため、その直後の平日が休館となります。」
The sentences are in data/texts/opening_hours.yml (and the verdicts in data/texts/calendar.yml).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.core.calendar_rule import (
    KIND_SPECIAL_OPEN,
    FacilityInfo,
    OpenStatus,
    SpecialDayInfo,
    format_hours,
    next_open_day,
    now_sentence,
    previous_open_day,
    status_on,
    time_sentence,
)
from bot.core.date_ja import DateQuery
from bot.core.japanese_calendar import format_date
from bot.core.text_fold import fold
from bot.core.texts import text

SpecialDays = Mapping[str, Mapping[date, SpecialDayInfo]]
LIST_OPEN_DAYS_UP_TO = 14  # a longer period or set of days: the closed days and a summary, not every open day


@dataclass(frozen=True)
class FacilityMatch:
    """The facilities a question is about: the named ones, or all of them when none is named."""

    facilities: tuple[FacilityInfo, ...]
    named: bool
    part: str | None = None  # a room or building named in the text (交流ホール)
    part_of: FacilityInfo | None = None


def match_facilities(typed: str, facilities: Sequence[FacilityInfo]) -> FacilityMatch:
    """Find the facilities named in ``typed`` by name, alias or part, after NFKC (ｻﾎﾟｾﾝ → サポセン), lower-cased and
    with no white space."""
    folded = fold(typed, lower=True, spaces="drop")
    named: list[FacilityInfo] = []
    part, part_of = None, None
    for facility in facilities:
        names = (facility.name, facility.short_name, *facility.aliases)
        if any(fold(name, lower=True, spaces="drop") in folded for name in names if name):
            named.append(facility)
            continue
        for candidate in facility.parts:
            if candidate and fold(candidate, lower=True, spaces="drop") in folded:
                named.append(facility)
                part, part_of = candidate, facility
                break
    if not named:
        return FacilityMatch(tuple(facilities), named=False)
    return FacilityMatch(tuple(named), named=True, part=part, part_of=part_of)


def _same(statuses: Sequence[OpenStatus]) -> bool:
    return all(
        (s.is_open, s.text, s.hours) == (statuses[0].is_open, statuses[0].text, statuses[0].hours) for s in statuses
    )


def _name_with_location(f: FacilityInfo) -> str:
    return text("opening_hours.name_with_location", name=f.name, location=f.location) if f.location else f.name


def _heading(f: FacilityInfo) -> str:
    return text("opening_hours.facility_heading", name=f.name)


def _shared_sentence(facilities: Sequence[FacilityInfo]) -> str:
    names = text("opening_hours.names_joiner").join(_name_with_location(f) for f in facilities)
    return text("opening_hours.shared_hours", names=names)


def _facility_sentences(match: FacilityMatch) -> list[str]:
    if len(match.facilities) != 1:
        return []
    f = match.facilities[0]
    contact = text("opening_hours.facility_contact", tel=f.tel) if f.tel else ""
    lines = [text("opening_hours.facility_intro", facility=_name_with_location(f)) + contact]
    if match.part and match.part_of is not None:
        lines.insert(
            0,
            text(
                "opening_hours.part_of_facility",
                part=match.part,
                building=match.part_of.name,
                facility=match.part_of.short_name,
            ),
        )
    return lines


def _day_followups(
    status: OpenStatus, facility: FacilityInfo, query: DateQuery, now: datetime, special: Mapping[date, SpecialDayInfo]
) -> list[str]:
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
            lines.append(text("opening_hours.next_open_day", date=format_date(following.day)))
    return lines


def _day_lines(query: DateQuery, facilities: Sequence[FacilityInfo], special: SpecialDays, now: datetime) -> list[str]:
    statuses = [status_on(f, query.start, special.get(f.key)) for f in facilities]
    if len(facilities) > 1 and _same(statuses):
        return [statuses[0].text, _shared_sentence(facilities)] + _day_followups(
            statuses[0], facilities[0], query, now, special.get(facilities[0].key, {})
        )
    lines: list[str] = []
    for facility, status in zip(facilities, statuses, strict=True):
        head = _heading(facility) if len(facilities) > 1 else ""
        lines.append(head + status.text)
        lines.extend(_day_followups(status, facility, query, now, special.get(facility.key, {})))
    return lines


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _range_summary(
    query: DateQuery,
    facility: FacilityInfo,
    days: Sequence[OpenStatus],
    today: date,
    special: Mapping[date, SpecialDayInfo],
) -> list[str]:
    period = text(
        "opening_hours.range_period",
        start=format_date(query.start),
        end=format_date(query.end, with_year=query.start.year != query.end.year),
    )
    title = text("opening_hours.range_title", label=query.label, period=period) if query.label else period
    hours = format_hours(facility)
    closed = [s for s in days if not s.is_open]
    notes = _unique([s.reason for s in closed] + [s.verdict + s.reason for s in days if s.kind == KIND_SPECIAL_OPEN])
    if not closed:
        lines = [text("opening_hours.range_all_open", title=title, hours=hours)] + notes
    elif len(closed) == len(days):
        lines = [text("opening_hours.range_all_closed", title=title)] + notes
        before = previous_open_day(facility, query.start, special)
        if before is not None and before.day >= today:
            lines.append(text("opening_hours.previous_open_day", date=format_date(before.day)))
    else:
        listed = text("opening_hours.closed_days_joiner").join(format_date(s.day, with_year=False) for s in closed)
        lines = [text("opening_hours.range_some_closed", title=title, closed_days=listed, hours=hours)]
        if len(days) <= LIST_OPEN_DAYS_UP_TO:
            opened = text("opening_hours.closed_days_joiner").join(
                format_date(s.day, with_year=False) for s in days if s.is_open
            )
            lines.append(text("opening_hours.range_open_days", open_days=opened))
        lines += notes
    after = status_on(facility, query.end + timedelta(days=1), special)
    if not days[-1].is_open:
        following = next_open_day(facility, query.end, special)
        if following is not None:
            lines.append(text("opening_hours.next_open_day", date=format_date(following.day)))
    elif not after.is_open:
        lines.append(text("opening_hours.next_day_closed", date=format_date(after.day)) + after.reason)
    return lines


def _range_lines(query: DateQuery, facilities: Sequence[FacilityInfo], special: SpecialDays, today: date) -> list[str]:
    per_facility: dict[str, list[str]] = {}
    for facility in facilities:
        days = [
            status_on(facility, query.start + timedelta(days=i), special.get(facility.key))
            for i in range((query.end - query.start).days + 1)
        ]
        per_facility[facility.key] = _range_summary(query, facility, days, today, special.get(facility.key, {}))
    blocks = list(per_facility.values())
    if len(facilities) > 1 and all(b == blocks[0] for b in blocks):
        return [blocks[0][0], _shared_sentence(facilities)] + blocks[0][1:]
    if len(facilities) == 1:
        return blocks[0]
    return [_heading(f) + "\n".join(per_facility[f.key]) for f in facilities]


def _day_list(statuses: Sequence[OpenStatus], today: date) -> str:
    """「12月30日（水）、2027年1月4日（月）」: a day's year is written when it is not this year."""
    joiner = text("opening_hours.closed_days_joiner")
    return joiner.join(format_date(s.day, with_year=s.day.year != today.year) for s in statuses)


def _days_block(facility: FacilityInfo, days: Sequence[OpenStatus], today: date) -> list[str]:
    """One line with the open days and the closed days of ``days`` (the first day's kind first), then why each closed
    day is closed. More than LIST_OPEN_DAYS_UP_TO days: the closed days, and the others said to be open."""
    hours = format_hours(facility)
    opened = [s for s in days if s.is_open]
    closed = [s for s in days if not s.is_open]
    parts = []
    if opened and (len(days) <= LIST_OPEN_DAYS_UP_TO or not closed):
        parts.append(text("opening_hours.days_open", days=_day_list(opened, today), hours=hours))
    if closed:
        parts.append(text("opening_hours.days_closed", days=_day_list(closed, today)))
        if opened and len(days) > LIST_OPEN_DAYS_UP_TO:
            parts.append(text("opening_hours.days_others_open", hours=hours))
    if closed and opened and not days[0].is_open and len(days) <= LIST_OPEN_DAYS_UP_TO:
        parts.reverse()
    notes = _unique([s.reason for s in closed] + [s.text for s in days if s.kind == KIND_SPECIAL_OPEN])
    return ["".join(parts), *notes]


def compose_days_reply(queries: Sequence[DateQuery], match: FacilityMatch, special: SpecialDays, now: datetime) -> str:
    """The answer to a question about several days or periods (「12/30と1/4」「来週の月曜と火曜」): for each facility
    (one block when they agree), the open days, the closed days and the reasons."""
    days = sorted({q.start + timedelta(days=i) for q in queries for i in range((q.end - q.start).days + 1)})
    facilities = list(match.facilities)
    blocks = {
        f.key: _days_block(f, [status_on(f, d, special.get(f.key)) for d in days], now.date()) for f in facilities
    }
    first = blocks[facilities[0].key]
    if len(facilities) > 1 and all(b == first for b in blocks.values()):
        lines = [first[0], _shared_sentence(facilities)] + first[1:]
    elif len(facilities) == 1:
        lines = list(first)
    else:
        lines = [_heading(f) + "\n".join(blocks[f.key]) for f in facilities]
    lines[1:1] = _facility_sentences(match)
    if days[-1] < now.date():
        lines.append(text("opening_hours.past_note"))
    return "\n".join(lines)


def compose_reply(query: DateQuery, match: FacilityMatch, special: SpecialDays, now: datetime) -> str:
    """The full answer; ``now`` must already be in Asia/Tokyo (see japanese_calendar.now_in_tokyo)."""
    today = now.date()
    facilities = list(match.facilities)
    if query.is_range:
        lines = _range_lines(query, facilities, special, today)
    else:
        lines = _day_lines(query, facilities, special, now)
    lines[1:1] = _facility_sentences(match)
    if query.end < today:
        lines.append(text("opening_hours.past_note"))
    if query.label.startswith("次の祝日"):
        lines.append(text("opening_hours.holiday_note"))
    if not query.explicit:
        lines.append(text("opening_hours.no_date_note"))
    return "\n".join(lines)


def first_sentence(reply: str) -> str:
    """The verdict: the reply up to and including its first 「。」."""
    head, sep, _ = reply.partition("。")
    return head + sep
