"""The idempotent seed of the reference data from data/ (today: the facilities of data/facilities.yml)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.facilities import load_facility_records
from bot.db.models import FACILITY_FIELDS, Facility


def seed_facilities(session: Session, records: Sequence[dict[str, Any]]) -> int:
    """Insert or update facilities from ``records`` (keyed by ``key``); returns rows changed (0 on a re-run)."""
    existing = {f.key: f for f in session.execute(select(Facility)).scalars()}
    changed = 0
    for order, record in enumerate(records):
        values = {k: record[k] for k in FACILITY_FIELDS if k in record}
        values["sort_order"] = order
        row = existing.get(values["key"])
        if row is None:
            session.add(Facility(**values))
            changed += 1
            continue
        diff = {k: v for k, v in values.items() if getattr(row, k) != v}
        for k, v in diff.items():
            setattr(row, k, v)
        changed += bool(diff)
    return changed


def seed_reference_data(session: Session) -> int:
    """Seed everything the bot reads from data/; rows changed."""
    return seed_facilities(session, load_facility_records())
