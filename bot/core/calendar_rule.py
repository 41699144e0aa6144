"""The opening-day rule of the two facilities, as a pure function (no Rasa, no database).

From the handbook (p.08/p.09), for both 金沢学生のまち市民交流館 and 金沢市市民活動サポートセンター:
開館時間 午前10時から午後10時まで; 休館日 毎週月曜日（月曜日が祝日の場合はその直後の平日）、
年末年始（12月29日から1月3日まで）. A 平日 is a weekday (Mon–Fri) that is not a national holiday.
Holidays, 平日 and the date formats: bot/core/japanese_calendar.py.
A special day (臨時休館 or a special opening, with its reason) overrides everything else.
The sentences are in data/texts/calendar.yml; here only the values (dates, times, holiday names) are formatted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from bot.core.japanese_calendar import (
    WEEKDAYS_JA,
    format_date,
    format_time,
    holiday_label,
    holiday_name,
    holiday_word,
    is_heijitsu,
    next_heijitsu,
)
from bot.core.texts import text

KIND_OPEN = "open"
KIND_SPECIAL_OPEN = "special_open"
KIND_SPECIAL_CLOSED = "special_closed"
KIND_YEAR_END = "year_end"
KIND_WEEKLY = "weekly"
KIND_HOLIDAY_SHIFT = "holiday_shift"


@dataclass(frozen=True)
class FacilityInfo:
    """What the rule and the answers need to know about one facility."""

    key: str
    name: str
    short_name: str
    opens: time = time(10, 0)
    closes: time = time(22, 0)
    closed_weekday: int = 0  # 0 = Monday
    year_end_start: tuple[int, int] = (12, 29)
    year_end_end: tuple[int, int] = (1, 3)
    location: str = ""
    tel: str = ""
    aliases: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpecialDayInfo:
    """A row of the special-day table: 臨時休館 (is_open=False) or a special opening (is_open=True)."""

    day: date
    is_open: bool
    reason: str = ""


@dataclass(frozen=True)
class OpenStatus:
    """The verdict for one facility on one date."""

    facility_key: str
    day: date
    is_open: bool
    kind: str
    verdict: str  # the first sentence, e.g. 「2027年1月12日（火）は休館日です。」
    reason: str = ""  # the sentence(s) explaining it ("" when there is nothing to add)
    hours: tuple[time, time] | None = None
    holiday_name: str | None = None
    shifted_from: date | None = None
    special_reason: str | None = None

    @property
    def text(self) -> str:
        return self.verdict + self.reason


def format_hours(facility: FacilityInfo) -> str:
    return f"{format_time(facility.opens)}〜{format_time(facility.closes)}"


def year_end_label(facility: FacilityInfo) -> str:
    """「年末年始（12月29日から1月3日まで）」."""
    (sm, sd), (em, ed) = facility.year_end_start, facility.year_end_end
    return text("calendar.year_end_label", start_month=sm, start_day=sd, end_month=em, end_day=ed)


def in_year_end(facility: FacilityInfo, day: date) -> bool:
    md = (day.month, day.day)
    start, end = facility.year_end_start, facility.year_end_end
    if start <= end:
        return start <= md <= end
    return md >= start or md <= end


def shifted_closure_source(facility: FacilityInfo, day: date) -> date | None:
    """If ``day`` is the first 平日 after a closed weekday that is a holiday, that holiday; else None."""
    if not is_heijitsu(day) or day.weekday() == facility.closed_weekday:
        return None
    prev = day - timedelta(days=1)
    for _ in range(7):
        if prev.weekday() == facility.closed_weekday:
            return prev if holiday_name(prev) else None
        if is_heijitsu(prev):
            return None  # an earlier 平日 already took the closure
        prev -= timedelta(days=1)
    return None


def _because(reason: str) -> str:
    """A coordinator's reason (「設備点検」, 「設備点検のため。」) phrased as a cause: 「設備点検のため」."""
    reason = reason.strip().rstrip("。")
    already = reason.endswith(text("calendar.because", reason=""))
    return reason if already else text("calendar.because", reason=reason)


def _holiday_values(day: date) -> dict[str, str]:
    """The values a sentence about the holiday on ``day`` needs: 「祝日」 or 「休日」, and its name."""
    name = holiday_name(day) or ""
    return {"holiday_word": holiday_word(name), "holiday": holiday_label(name)}


def status_on(
    facility: FacilityInfo,
    day: date,
    special_days: Mapping[date, SpecialDayInfo] | None = None,
) -> OpenStatus:
    """Whether ``facility`` is open on ``day``, with the verdict sentence and its reason."""
    label = format_date(day)
    hol = holiday_name(day)
    hours = (facility.opens, facility.closes)
    opened = text("calendar.open", date=label, hours=format_hours(facility))
    closed = text("calendar.closed", date=label)
    base: dict[str, Any] = dict(facility_key=facility.key, day=day, holiday_name=hol)
    special = (special_days or {}).get(day)
    if special is not None:
        given = bool(special.reason.strip())
        because = _because(special.reason) if given else ""
        if special.is_open:
            verdict = text("calendar.special_open", date=label, hours=format_hours(facility))
            reason = text("calendar.special_open_reason", because=because) if given else ""
            return OpenStatus(
                is_open=True,
                kind=KIND_SPECIAL_OPEN,
                verdict=verdict,
                hours=hours,
                reason=reason,
                special_reason=special.reason,
                **base,
            )
        closing = "calendar.special_closed_reason" if given else "calendar.special_closed_no_reason"
        reason = text(closing, because=because)
        return OpenStatus(
            is_open=False,
            kind=KIND_SPECIAL_CLOSED,
            verdict=text("calendar.special_closed", date=label),
            reason=reason,
            special_reason=special.reason,
            **base,
        )
    if in_year_end(facility, day):
        return OpenStatus(
            is_open=False,
            kind=KIND_YEAR_END,
            verdict=closed,
            reason=text("calendar.closed_year_end", year_end=year_end_label(facility)),
            **base,
        )
    weekday_name = WEEKDAYS_JA[facility.closed_weekday]
    if day.weekday() == facility.closed_weekday:
        if hol is None:
            return OpenStatus(
                is_open=False,
                kind=KIND_WEEKLY,
                verdict=closed,
                reason=text("calendar.closed_weekly", weekday=weekday_name),
                **base,
            )
        shifted = format_date(next_heijitsu(day), with_year=False, mark_holiday=False)
        reason = text("calendar.open_on_holiday", weekday=weekday_name, shifted=shifted, **_holiday_values(day))
        return OpenStatus(is_open=True, kind=KIND_OPEN, verdict=opened, reason=reason, hours=hours, **base)
    source = shifted_closure_source(facility, day)
    if source is not None:
        reason = text(
            "calendar.closed_after_holiday",
            source=format_date(source, with_year=False, mark_holiday=False),
            **_holiday_values(source),
        )
        return OpenStatus(
            is_open=False, kind=KIND_HOLIDAY_SHIFT, verdict=closed, reason=reason, shifted_from=source, **base
        )
    return OpenStatus(is_open=True, kind=KIND_OPEN, verdict=opened, hours=hours, **base)


def next_open_day(
    facility: FacilityInfo,
    after: date,
    special_days: Mapping[date, SpecialDayInfo] | None = None,
    limit_days: int = 60,
) -> OpenStatus | None:
    """The first open day strictly after ``after`` (None if none within ``limit_days``)."""
    return _nearest_open_day(facility, after, 1, special_days, limit_days)


def previous_open_day(
    facility: FacilityInfo,
    before: date,
    special_days: Mapping[date, SpecialDayInfo] | None = None,
    limit_days: int = 60,
) -> OpenStatus | None:
    """The last open day strictly before ``before`` (None if none within ``limit_days``)."""
    return _nearest_open_day(facility, before, -1, special_days, limit_days)


def _nearest_open_day(
    facility: FacilityInfo,
    origin: date,
    step: int,
    special_days: Mapping[date, SpecialDayInfo] | None,
    limit_days: int,
) -> OpenStatus | None:
    for offset in range(1, limit_days + 1):
        status = status_on(facility, origin + timedelta(days=step * offset), special_days)
        if status.is_open:
            return status
    return None


def now_sentence(status: OpenStatus, facility: FacilityInfo, now: datetime) -> str:
    """Whether the facility is open at ``now`` (already in Asia/Tokyo), given today's ``status``."""
    clock = format_time(now.time().replace(second=0, microsecond=0))
    if not status.is_open:
        return text("calendar.now_closed", clock=clock)
    opens, closes = status.hours or (facility.opens, facility.closes)
    current = now.time()
    if current < opens:
        key = "calendar.now_before_opening"
    elif current >= closes:
        key = "calendar.now_after_closing"
    else:
        key = "calendar.now_open"
    return text(key, clock=clock, opens=format_time(opens), closes=format_time(closes))


def time_sentence(status: OpenStatus, facility: FacilityInfo, at: time) -> str:
    """Whether a given time of the day falls within the opening hours."""
    if not status.is_open:
        return ""
    opens, closes = status.hours or (facility.opens, facility.closes)
    key = "calendar.time_within_hours" if opens <= at < closes else "calendar.time_outside_hours"
    return text(key, time=format_time(at), opens=format_time(opens), closes=format_time(closes))
