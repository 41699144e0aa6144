"""The facility and office records of data/facilities.yml: read, checked, and turned into the calendar rule's records.

Pure: no Rasa, no database. The database is seeded from the facilities (bot/db/seed.py); where the bot composes a
facility's or an office's contact (a phone number in an apology, the city office in a pre-check verdict) it takes it
from here, so data/facilities.yml is the one place that holds them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.core.calendar_rule import FacilityInfo
from bot.core.japanese_calendar import WEEKDAYS_JA

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "facilities.yml"
CONTACT_FIELDS = ("location", "postal_code", "address", "tel", "fax", "email")
OFFICE_FIELDS = ("name", "postal_code", "address", "tel", "fax", "email")


class FacilityDataError(ValueError):
    """data/facilities.yml is missing a field or has a value the bot cannot use."""


def _weekday(value: Any) -> int:
    text = str(value).strip()
    for index, char in enumerate(WEEKDAYS_JA):
        if text in (char, f"{char}曜", f"{char}曜日"):
            return index
    raise FacilityDataError(f"closed_weekday must be 月曜日 … 日曜日, not {value!r}")


def _hhmm(value: Any) -> str:
    return datetime.strptime(str(value), "%H:%M").strftime("%H:%M")


def _mmdd(value: Any) -> str:
    return datetime.strptime(f"2000-{value}", "%Y-%m-%d").strftime("%m-%d")


def _read(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


def load_facility_records(path: Path = DATA_FILE) -> list[dict[str, Any]]:
    """The facilities in ``path`` as flat dicts with the columns of ``bot.db.models.Facility``."""
    records = []
    for item in _read(path).get("facilities") or []:
        try:
            record: dict[str, Any] = {
                "key": str(item["key"]),
                "name": str(item["name"]),
                "short_name": str(item["short_name"]),
                "aliases": [str(a) for a in item.get("aliases") or []],
                "parts": [str(p) for p in item.get("parts") or []],
                "opens": _hhmm(item["hours"]["opens"]),
                "closes": _hhmm(item["hours"]["closes"]),
                "closed_weekday": _weekday(item["closed_weekday"]),
                "year_end_start": _mmdd(item["year_end"]["start"]),
                "year_end_end": _mmdd(item["year_end"]["end"]),
            }
        except (KeyError, TypeError, ValueError) as exc:
            raise FacilityDataError(f"{path}: bad facility entry {item!r}: {exc}") from exc
        for name in CONTACT_FIELDS:
            record[name] = str(item.get(name) or "")
        records.append(record)
    if not records:
        raise FacilityDataError(f"{path}: no facilities")
    return records


def _month_day(value: str) -> tuple[int, int]:
    month, day = (int(x) for x in value.split("-"))
    return month, day


def info_from_record(record: Mapping[str, Any]) -> FacilityInfo:
    """The pure record the calendar rule works on, from a record above or a ``Facility`` row's columns."""
    return FacilityInfo(
        key=record["key"],
        name=record["name"],
        short_name=record["short_name"],
        opens=time.fromisoformat(record["opens"]),
        closes=time.fromisoformat(record["closes"]),
        closed_weekday=record["closed_weekday"],
        year_end_start=_month_day(record["year_end_start"]),
        year_end_end=_month_day(record["year_end_end"]),
        location=record.get("location") or "",
        tel=record.get("tel") or "",
        aliases=tuple(record.get("aliases") or ()),
        parts=tuple(record.get("parts") or ()),
    )


@lru_cache(maxsize=1)
def contacts() -> dict[str, dict[str, str]]:
    """Facility key -> its name, short name and contact fields, read once from data/facilities.yml."""
    return {
        r["key"]: {"name": r["name"], "short_name": r["short_name"], **{k: r[k] for k in CONTACT_FIELDS}}
        for r in load_facility_records()
    }


def load_office_records(path: Path = DATA_FILE) -> list[dict[str, str]]:
    """The ``offices:`` of ``path`` (city offices: a contact, no opening days) as flat dicts of strings."""
    records = []
    for item in _read(path).get("offices") or []:
        try:
            record = {"key": str(item["key"]), "name": str(item["name"])}
        except (KeyError, TypeError) as exc:
            raise FacilityDataError(f"{path}: bad office entry {item!r}: {exc}") from exc
        records.append({**record, **{k: str(item.get(k) or "") for k in OFFICE_FIELDS if k != "name"}})
    return records


@lru_cache(maxsize=1)
def offices() -> dict[str, dict[str, str]]:
    """Office key -> its name and contact fields (``OFFICE_FIELDS``), read once from data/facilities.yml."""
    return {r["key"]: {k: r[k] for k in OFFICE_FIELDS} for r in load_office_records()}


@cache
def default_info(key: str) -> FacilityInfo:
    """The facility ``key`` as data/facilities.yml states it (read once): for when the database cannot be read."""
    for record in load_facility_records():
        if record["key"] == key:
            return info_from_record(record)
    raise FacilityDataError(f"{DATA_FILE}: no facility {key!r}")
