"""The calendar snapshot the bot answers from: the facilities and their special days for a window of dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.core.calendar_rule import FacilityInfo, SpecialDayInfo
from bot.core.facilities import info_from_record
from bot.db.engine import session_scope
from bot.db.models import FACILITY_FIELDS, Facility
from bot.db.queries import list_facilities, special_days_between


def to_info(row: Facility) -> FacilityInfo:
    """The pure record the calendar rule works on."""
    return info_from_record({name: getattr(row, name) for name in FACILITY_FIELDS})


@dataclass
class Snapshot:
    """The facilities and their special days for a window of dates: everything an answer needs."""

    facilities: list[FacilityInfo]
    special: dict[str, dict[date, SpecialDayInfo]] = field(default_factory=dict)


def load_snapshot(start: date, end: date) -> Snapshot:
    """Facilities, and special days from ``start`` to ``end``, read in one session."""
    with session_scope() as session:
        facilities = [to_info(row) for row in list_facilities(session)]
        special: dict[str, dict[date, SpecialDayInfo]] = {}
        for row, key in special_days_between(session, start, end):
            special.setdefault(key, {})[row.day] = SpecialDayInfo(row.day, bool(row.is_open), row.reason or "")
    return Snapshot(facilities, special)
