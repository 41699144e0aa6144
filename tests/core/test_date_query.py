"""days_in_question / facility_in_question: literal tables of Japanese sentences (today = 2026-12-02, a Wednesday)."""

from datetime import date, timedelta

import pytest

from bot.core.date_query import days_in_question, facility_in_question

TODAY = date(2026, 12, 2)


def span(start: str, end: str) -> list[date]:
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("クリスマスって交流館やってる？", "2026-12-25", "2026-12-25"),
        ("クリスマスイブに行けますか", "2026-12-24", "2026-12-24"),
        ("月末は開館してますか", "2026-12-31", "2026-12-31"),
        ("来月末は使える？", "2027-01-31", "2027-01-31"),
        ("年明けはいつから開いてる？", "2027-01-01", "2027-01-04"),
        ("成人の日の翌日は休み？", "2027-01-12", "2027-01-12"),
        ("元日の前日は閉まってる？", "2026-12-31", "2026-12-31"),
        ("春分の日の振替休日はやってますか", "2027-03-22", "2027-03-22"),
        ("建国記念日は空いてる？", "2027-02-11", "2027-02-11"),
        ("体育の日って営業してる？", "2027-10-11", "2027-10-11"),
        ("次の日曜は開いてる？", "2026-12-06", "2026-12-06"),
        ("しあさっては行ける？", "2026-12-05", "2026-12-05"),
        ("再来週の月曜はサポセン休み？", "2026-12-14", "2026-12-14"),
        ("令和9年1月4日は開館？", "2027-01-04", "2027-01-04"),
        ("年末年始はいつからいつまで休み？", "2026-12-29", "2027-01-03"),
        ("来週開いてる日", "2026-12-07", "2026-12-13"),
    ],
)
def test_one_mention(text, start, end):
    assert days_in_question(text, TODAY) == span(start, end)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("12/30と1/4は開いてる？", ["2026-12-30", "2027-01-04"]),
        ("来週の月曜と火曜は使える？", ["2026-12-07", "2026-12-08"]),
        ("1月4日と5日はやってる？", ["2027-01-04", "2027-01-05"]),
        ("明日か明後日に行きたい", ["2026-12-03", "2026-12-04"]),
    ],
)
def test_several_mentions_in_order(text, days):
    assert days_in_question(text, TODAY) == [date.fromisoformat(d) for d in days]


@pytest.mark.parametrize("text", ["開館時間は？", "交流館の電話番号", "ライブ配信の機材ありますか", "2月30日は？"])
def test_no_day(text):
    assert days_in_question(text, TODAY) == []


def test_a_range_stays_one_period():
    assert days_in_question("12/28から1/4まで開いてる日は？", TODAY) == span("2026-12-28", "2027-01-04")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("明日交流館あいてる？", "kouryukan"),
        ("サポセンは土曜やってる？", "support_center"),
        ("交流ホールは元日使える？", "kouryukan"),
        ("明日は開いてる？", None),
        ("交流館とサポートセンターは明日開いてる？", None),
    ],
)
def test_facility_in_question(text, key):
    assert facility_in_question(text) == key
