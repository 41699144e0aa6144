"""The facility data: loading data/facilities.yml, the calendar snapshot the bot answers from, and the
coordinator's command line for special days (臨時休館 / special openings).

Usage (from the project root, with the project's venv)::

    python -m bot.tools.facilities close 2027-02-10 --reason 設備点検       # 臨時休館 (both facilities)
    python -m bot.tools.facilities open 2026-12-29 --reason 年末特別開館     # special opening
    python -m bot.tools.facilities close 2027-02-10 --facility サポセン --reason 研修
    python -m bot.tools.facilities remove 2027-02-10                          # back to the normal rule
    python -m bot.tools.facilities list [--all]                               # special days from today

``--facility`` takes a key (kouryukan, support_center) or any alias (交流館, サポセン …); without it the
command applies to every facility (they share one building and one calendar). The database is the one in
``DATABASE_URL`` (default: the SQLite file under var/), created and seeded on first use.
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import yaml

from bot.db import models as db
from bot.core.calendar_rule import WEEKDAYS_JA, FacilityInfo, SpecialDayInfo, format_date, now_in_tokyo

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "facilities.yml"
DATE_HELP = "日付は YYYY-MM-DD（例：2027-02-10）で指定します。"


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


def load_facility_records(path: Path = DATA_FILE) -> List[Dict[str, Any]]:
    """The facilities in ``path`` as flat dicts with the columns of ``db.Facility``."""
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    records = []
    for item in data.get("facilities") or []:
        try:
            record = {
                "key": str(item["key"]), "name": str(item["name"]), "short_name": str(item["short_name"]),
                "aliases": [str(a) for a in item.get("aliases") or []],
                "parts": [str(p) for p in item.get("parts") or []],
                "opens": _hhmm(item["hours"]["opens"]), "closes": _hhmm(item["hours"]["closes"]),
                "closed_weekday": _weekday(item["closed_weekday"]),
                "year_end_start": _mmdd(item["year_end"]["start"]), "year_end_end": _mmdd(item["year_end"]["end"]),
            }
        except (KeyError, TypeError, ValueError) as exc:
            raise FacilityDataError(f"{path}: bad facility entry {item!r}: {exc}") from exc
        for name in ("location", "postal_code", "address", "tel", "fax", "email"):
            record[name] = str(item.get(name) or "")
        records.append(record)
    if not records:
        raise FacilityDataError(f"{path}: no facilities")
    return records


def to_info(row: db.Facility) -> FacilityInfo:
    """The pure record the calendar rule works on."""
    (sm, sd), (em, ed) = (tuple(int(x) for x in v.split("-")) for v in (row.year_end_start, row.year_end_end))
    return FacilityInfo(
        key=row.key, name=row.name, short_name=row.short_name,
        opens=time.fromisoformat(row.opens), closes=time.fromisoformat(row.closes),
        closed_weekday=row.closed_weekday, year_end_start=(sm, sd), year_end_end=(em, ed),
        location=row.location or "", tel=row.tel or "",
        aliases=tuple(row.aliases or ()), parts=tuple(row.parts or ()),
    )


@dataclass
class Snapshot:
    """The facilities and their special days for a window of dates: everything an answer needs."""

    facilities: List[FacilityInfo]
    special: Dict[str, Dict[date, SpecialDayInfo]] = field(default_factory=dict)


def load_snapshot(start: date, end: date) -> Snapshot:
    """Facilities, and special days from ``start`` to ``end``, read in one session."""
    with db.session_scope() as session:
        facilities = [to_info(row) for row in db.list_facilities(session)]
        special: Dict[str, Dict[date, SpecialDayInfo]] = {}
        for row, key in db.special_days_between(session, start, end):
            special.setdefault(key, {})[row.day] = SpecialDayInfo(row.day, bool(row.is_open), row.reason or "")
    return Snapshot(facilities, special)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def find_facilities(session: Any, wanted: Optional[str]) -> List[db.Facility]:
    """All facilities, or the one whose key, name or alias is ``wanted``."""
    rows = db.list_facilities(session)
    if not wanted:
        return rows
    target = _fold(wanted)
    return [r for r in rows if target in {_fold(n) for n in (r.key, r.name, r.short_name, *(r.aliases or []))}]


def _parse_day(value: str) -> date:
    try:
        return date.fromisoformat(unicodedata.normalize("NFKC", value).replace("/", "-"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日付として読めません：{value}。{DATE_HELP}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.tools.facilities",
        description="交流館・サポートセンターの特別な日（臨時休館・特別開館）を登録します。ボットは登録内容を優先して答えます。",
        epilog="例：python -m bot.tools.facilities close 2027-02-10 --reason 設備点検",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("close", "臨時休館日を登録する"), ("open", "特別開館日を登録する（休館日に開ける）")):
        p = sub.add_parser(name, help=help_text, description=help_text + "。" + DATE_HELP)
        p.add_argument("day", type=_parse_day, help="日付 YYYY-MM-DD")
        p.add_argument("--reason", default="", help="理由（例：設備点検）。回答に「…のため」として表示されます")
        p.add_argument("--facility", help="施設のキーまたは別名（例：交流館、サポセン）。省略時は全施設")
    p = sub.add_parser("remove", help="登録した特別な日を取り消す（通常の規則に戻す）")
    p.add_argument("day", type=_parse_day, help="日付 YYYY-MM-DD")
    p.add_argument("--facility", help="施設のキーまたは別名。省略時は全施設")
    p = sub.add_parser("list", help="登録済みの特別な日を表示する（既定は今日以降）")
    p.add_argument("--all", action="store_true", help="過去の日も含めて表示する")
    return parser


def main(argv: Optional[Sequence[str]] = None, today: Optional[date] = None) -> int:
    args = build_parser().parse_args(argv)
    today = today or now_in_tokyo().date()
    with db.session_scope() as session:
        if args.command == "list":
            start = date(1900, 1, 1) if args.all else today
            rows = db.special_days_between(session, start, start + timedelta(days=365 * 300))
            names = {f.key: f.name for f in db.list_facilities(session)}
            for row, key in rows:
                kind = "特別開館" if row.is_open else "臨時休館"
                print(f"{row.day.isoformat()}  {format_date(row.day)}  {kind}  {names.get(key, key)}  {row.reason}")
            if not rows:
                print("登録されている特別な日はありません。")
            return 0
        facilities = find_facilities(session, args.facility)
        if not facilities:
            print(f"施設が見つかりません：{args.facility}", file=sys.stderr)
            return 2
        if args.command == "remove":
            count = db.remove_special_days(session, args.day, [f.id for f in facilities])
            print(f"{format_date(args.day)}の特別な日を{count}件取り消しました。")
            return 0
        for facility in facilities:
            db.set_special_day(session, facility.id, args.day, args.command == "open", args.reason.strip())
        kind = "特別開館日" if args.command == "open" else "臨時休館日"
        print(f"{format_date(args.day)}を{kind}として登録しました：{'、'.join(f.name for f in facilities)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
