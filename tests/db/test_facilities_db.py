"""The facility tables, the idempotent seed from data/facilities.yml and the coordinator CLI, on SQLite and on
PostgreSQL (``any_db``, tests/db/conftest.py)."""

from datetime import date, datetime

import pytest
import yaml
from sqlalchemy import func, select

from actions.opening_hours import reply_for
from bot.core import facilities as facility_data
from bot.core.japanese_calendar import TOKYO
from bot.core.opening_answer import first_sentence
from bot.tools import facilities

NOW = datetime(2027, 1, 20, 12, 0, tzinfo=TOKYO)


def snapshot_rows(db):
    with db.session_scope() as session:
        rows = db.list_facilities(session)
        return [{k: getattr(r, k) for k in ("id", *db.FACILITY_FIELDS)} for r in rows]


def test_first_use_creates_and_seeds(any_db):
    rows = snapshot_rows(any_db)
    assert [r["key"] for r in rows] == ["kouryukan", "support_center"]
    hall, center = rows
    # exactly as in the handbook (p.08, p.09)
    assert (hall["name"], hall["postal_code"], hall["address"]) == (
        "金沢学生のまち市民交流館",
        "〒920-0981",
        "金沢市片町2丁目5番17号",
    )
    assert (hall["tel"], hall["fax"], hall["email"]) == (
        "076-255-0162",
        "076-255-0164",
        "shiminkouryukan@city.kanazawa.lg.jp",
    )
    assert (center["name"], center["location"]) == ("金沢市市民活動サポートセンター", "金沢学生のまち市民交流館1階")
    assert (center["tel"], center["fax"], center["email"]) == (
        "076-225-7763",
        "076-255-0164",
        "support_center@city.kanazawa.lg.jp",
    )
    for row in rows:
        assert (row["opens"], row["closes"], row["closed_weekday"]) == ("10:00", "22:00", 0)
        assert (row["year_end_start"], row["year_end_end"]) == ("12-29", "01-03")
    assert "サポセン" in center["aliases"] and "交流ホール" in hall["parts"]


def test_seed_twice_changes_nothing(any_db):
    before = snapshot_rows(any_db)  # first use already seeded once
    records = facility_data.load_facility_records()
    with any_db.session_scope() as session:
        assert any_db.seed_facilities(session, records) == 0
    with any_db.session_scope() as session:
        assert any_db.seed_facilities(session, records) == 0
    assert snapshot_rows(any_db) == before


def test_seed_follows_an_edited_file_and_then_settles(any_db, tmp_path):
    data = yaml.safe_load(facility_data.DATA_FILE.read_text(encoding="utf-8"))
    data["facilities"][1]["tel"] = "076-000-0000"
    edited = tmp_path / "facilities.yml"
    edited.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    records = facility_data.load_facility_records(edited)
    with any_db.session_scope() as session:
        assert any_db.seed_facilities(session, records) == 1
    with any_db.session_scope() as session:
        assert any_db.seed_facilities(session, records) == 0
        assert session.execute(select(func.count()).select_from(any_db.Facility)).scalar_one() == 2
    assert snapshot_rows(any_db)[1]["tel"] == "076-000-0000"


@pytest.mark.parametrize(
    "broken",
    [
        {"facilities": []},
        {"facilities": [{"key": "x"}]},
        {
            "facilities": [
                {
                    "key": "x",
                    "name": "X",
                    "short_name": "X",
                    "hours": {"opens": "10:00", "closes": "22:00"},
                    "closed_weekday": "週末",
                    "year_end": {"start": "12-29", "end": "01-03"},
                }
            ]
        },
    ],
)
def test_bad_facility_file_is_refused(tmp_path, broken):
    path = tmp_path / "facilities.yml"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    with pytest.raises(facility_data.FacilityDataError):
        facility_data.load_facility_records(path)


def test_cli_close_is_what_the_bot_answers(any_db, capsys):
    assert first_sentence(reply_for("2027年2月10日は開いてる？", NOW)).endswith(
        "は開館しています（午前10時〜午後10時）。"
    )
    assert facilities.main(["close", "2027-02-10", "--reason", "設備点検"]) == 0
    assert "2027年2月10日（水）を臨時休館日として登録しました" in capsys.readouterr().out
    reply = reply_for("2027年2月10日は開いてる？", NOW)
    assert reply.split("\n")[0] == "2027年2月10日（水）は臨時休館日です。設備点検のため、臨時に休館となります。"
    assert "次の開館日は2027年2月11日（木・祝）です。" in reply
    # closing again replaces, it does not duplicate
    assert facilities.main(["close", "2027-02-10", "--reason", "館内工事のため"]) == 0
    with any_db.session_scope() as session:
        rows = any_db.special_days_between(session, date(2027, 2, 10), date(2027, 2, 10))
        assert sorted(key for _, key in rows) == ["kouryukan", "support_center"]
        assert {row.reason for row, _ in rows} == {"館内工事のため"}


def test_cli_open_one_facility_by_alias_then_remove(any_db, capsys):
    assert facilities.main(["open", "2027-12-29", "--facility", "ｻﾎﾟｾﾝ", "--reason", "年末特別相談会"]) == 0
    now = datetime(2027, 12, 1, 12, 0, tzinfo=TOKYO)
    center = reply_for("12月29日サポセンは開いてる？", now)
    assert first_sentence(center) == "2027年12月29日（水）は特別に開館します（午前10時〜午後10時）。"
    hall = reply_for("12月29日の交流館は？", now)
    assert first_sentence(hall) == "2027年12月29日（水）は休館日です。"
    both = reply_for("12月29日は？", now)  # they differ that day: one answer per facility
    assert both.startswith("【金沢学生のまち市民交流館】2027年12月29日（水）は休館日です。")
    assert "【金沢市市民活動サポートセンター】2027年12月29日（水）は特別に開館します" in both
    capsys.readouterr()
    assert facilities.main(["list", "--all"]) == 0
    assert "2027-12-29" in capsys.readouterr().out
    assert facilities.main(["remove", "2027-12-29"]) == 0
    assert "1件取り消しました" in capsys.readouterr().out
    assert first_sentence(reply_for("12月29日サポセンは開いてる？", now)) == "2027年12月29日（水）は休館日です。"


def test_cli_refuses_bad_input(any_db, capsys):
    assert facilities.main(["close", "2027-02-11", "--facility", "図書館"]) == 2
    assert "施設が見つかりません" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        facilities.main(["close", "2027-02-30"])
    assert "日付として読めません" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        facilities.main([])


def test_cli_help_documents_the_command(capsys):
    with pytest.raises(SystemExit):
        facilities.main(["--help"])
    out = capsys.readouterr().out
    assert "python -m bot.tools.facilities close 2027-02-10 --reason 設備点検" in out
    for command in ("close", "open", "remove", "list"):
        assert command in out


def test_list_says_when_empty(any_db, capsys):
    assert facilities.main(["list"], today=date(2027, 1, 1)) == 0
    assert "登録されている特別な日はありません。" in capsys.readouterr().out
