"""The coordinator's command line for special days (臨時休館 / special openings).

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
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from bot import db
from bot.core.japanese_calendar import format_date, now_in_tokyo
from bot.core.text_fold import fold

DATE_HELP = "日付は YYYY-MM-DD（例：2027-02-10）で指定します。"


def find_facilities(session: Any, wanted: str | None) -> list[db.Facility]:
    """All facilities, or the one whose key, name or alias is ``wanted``."""
    rows = db.list_facilities(session)
    if not wanted:
        return rows
    target = fold(wanted, lower=True)
    return [
        r for r in rows if target in {fold(n, lower=True) for n in (r.key, r.name, r.short_name, *(r.aliases or []))}
    ]


def _parse_day(value: str) -> date:
    try:
        return date.fromisoformat(fold(value).replace("/", "-"))
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


def main(argv: Sequence[str] | None = None, today: date | None = None) -> int:
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
