"""action_answer_opening_hours with the shared dispatcher/tracker fixtures and a throw-away database."""

import asyncio
from datetime import datetime, timezone

import pytest

from actions import opening_hours
from actions.opening_hours import ActionAnswerOpeningHours, unavailable_text
from bot.core.facilities import contacts
from bot.core.japanese_calendar import TOKYO
from bot.core.opening_answer import first_sentence

SHARED = (
    "金沢学生のまち市民交流館と金沢市市民活動サポートセンター（金沢学生のまち市民交流館1階）は、"
    "開館日・開館時間が同じです。"
)


@pytest.fixture
def clock(monkeypatch):
    """Freeze the action's clock; returns a setter."""

    def _set(moment: datetime) -> None:
        monkeypatch.setattr(opening_hours, "now_in_tokyo", lambda now=None: moment.astimezone(TOKYO))

    _set(datetime(2027, 1, 6, 15, 0, tzinfo=TOKYO))  # Wednesday afternoon
    return _set


def run_action(tracker, dispatcher):
    events = asyncio.run(ActionAnswerOpeningHours().run(dispatcher, tracker, {}))
    assert events == []
    assert len(dispatcher.messages) == 1
    return dispatcher.messages[0]["text"]


def test_name_and_domain(domain):
    assert ActionAnswerOpeningHours().name() == "action_answer_opening_hours"
    assert "action_answer_opening_hours" in domain["actions"]
    assert "ask_opening_hours" in domain["intents"]


def test_holiday_monday_shift(temp_db, clock, make_tracker, dispatcher):
    text = run_action(make_tracker("1/12は開館してる？", "ask_opening_hours"), dispatcher)
    lines = text.split("\n")
    assert lines[0] == (
        "2027年1月12日（火）は休館日です。1月11日（月）が祝日（成人の日）のため、その直後の平日が休館となります。"
    )
    assert lines[1] == SHARED  # no facility named: both, and they share hours
    assert "次の開館日は2027年1月13日（水）です。" in lines


@pytest.mark.parametrize(
    "typed,name,other",
    [
        ("明日ｻﾎﾟｾﾝやってますか", "金沢市市民活動サポートセンター", "金沢学生のまち市民交流館についての"),
        ("明日サポートセンターやってますか", "金沢市市民活動サポートセンター", "金沢学生のまち市民交流館についての"),
        ("明日、学生のまち市民交流館は開いてますか", "金沢学生のまち市民交流館", "サポートセンター"),
        ("明日の交流館は？", "金沢学生のまち市民交流館", "サポートセンター"),
    ],
)
def test_facility_by_alias(temp_db, clock, make_tracker, dispatcher, typed, name, other):
    text = run_action(make_tracker(typed, "ask_opening_hours"), dispatcher)
    assert first_sentence(text) == "2027年1月7日（木）は開館しています（午前10時〜午後10時）。"
    assert f"{name}" in text.split("\n")[1]
    assert other not in text
    assert SHARED not in text


def test_room_maps_to_its_building(temp_db, clock, make_tracker, dispatcher):
    text = run_action(make_tracker("2027年1月11日に交流ホール使える？", "ask_opening_hours"), dispatcher)
    assert first_sentence(text) == "2027年1月11日（月・祝）は開館しています（午前10時〜午後10時）。"
    assert "交流ホールは金沢学生のまち市民交流館の施設のため" in text
    assert "TEL 076-255-0162" in text


@pytest.mark.parametrize(
    "moment,expected",
    [
        (
            datetime(2027, 1, 6, 0, 30, tzinfo=timezone.utc),
            "ただいま（午前9時30分）は開館前です。午前10時に開館します。",
        ),
        (datetime(2027, 1, 6, 6, 5, tzinfo=timezone.utc), "ただいま（午後3時5分）は開館時間内です（午後10時まで）。"),
        (
            datetime(2027, 1, 6, 13, 30, tzinfo=timezone.utc),
            "ただいま（午後10時30分）は本日の開館時間（午後10時まで）を過ぎています。",
        ),
    ],
)
def test_now_question_in_tokyo_time(temp_db, clock, make_tracker, dispatcher, moment, expected):
    clock(moment)
    text = run_action(make_tracker("今から行っても大丈夫？", "ask_opening_hours"), dispatcher)
    assert first_sentence(text) == "2027年1月6日（水）は開館しています（午前10時〜午後10時）。"
    assert expected in text.split("\n")


def test_after_closing_time_gives_the_next_open_day(temp_db, clock, make_tracker, dispatcher):
    clock(datetime(2027, 1, 9, 22, 30, tzinfo=TOKYO))  # Saturday night; Sunday is open
    text = run_action(make_tracker("今開いてる？", "ask_opening_hours"), dispatcher)
    assert "次の開館日は2027年1月10日（日）です。" in text


def test_closed_now(temp_db, clock, make_tracker, dispatcher):
    clock(datetime(2027, 1, 4, 11, 0, tzinfo=TOKYO))  # Monday after the year-end
    text = run_action(make_tracker("いま開いてますか", "ask_opening_hours"), dispatcher)
    assert first_sentence(text) == "2027年1月4日（月）は休館日です。"
    assert "ただいま（午前11時）はご利用いただけません。" in text
    assert "次の開館日は2027年1月5日（火）です。" in text


def test_no_date_answers_for_today_and_says_so(temp_db, clock, make_tracker, dispatcher):
    text = run_action(make_tracker("開いてますか", "ask_opening_hours"), dispatcher)
    assert first_sentence(text) == "2027年1月6日（水）は開館しています（午前10時〜午後10時）。"
    assert "日付の指定がなかったため、本日についてお答えしました。" in text


def test_impossible_date_gets_a_polite_correction(temp_db, clock, make_tracker, dispatcher):
    text = run_action(make_tracker("2月30日は開いてる？", "ask_opening_hours"), dispatcher)
    assert text.startswith("2月30日という日付はありません。")


def test_golden_week_range(temp_db, clock, make_tracker, dispatcher):
    text = run_action(make_tracker("GWは開いてる？", "ask_opening_hours"), dispatcher)
    # GW is 4/29-5/5 (tests/nlu_unseen/README.md); the closure moved to 5/6 is named after it, with its reason.
    assert first_sentence(text) == (
        "ゴールデンウィーク（2027年4月29日（木・祝）〜5月5日（水・祝））は、すべて開館しています（午前10時〜午後10時）。"
    )
    assert (
        "なお、翌日の2027年5月6日（木）は休館日です。5月3日（月）が祝日（憲法記念日）のため、その直後の平日が休館となります。"
        in text
    )


def test_year_end_range(temp_db, clock, make_tracker, dispatcher):
    clock(datetime(2027, 12, 1, 12, 0, tzinfo=TOKYO))
    text = run_action(make_tracker("年末年始は開いてる？", "ask_opening_hours"), dispatcher)
    assert first_sentence(text) == "年末年始（2027年12月29日（水）〜2028年1月3日（月））は、すべて休館日です。"
    assert "直前の開館日は2027年12月28日（火）です。" in text
    assert "次の開館日は2028年1月4日（火）です。" in text


@pytest.fixture
def unreadable_db(tmp_path, monkeypatch):
    """A facility database that cannot be opened (its directory does not exist)."""
    from bot import db

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/missing-dir/x.db")
    db.reset_engine()
    yield
    db.reset_engine()


def test_database_failure_gives_a_polite_answer(unreadable_db, clock, make_tracker, dispatcher, caplog):
    text = run_action(make_tracker("明日は開いてる？", "ask_opening_hours"), dispatcher)
    assert text == unavailable_text()
    assert "Reading the facility database failed" in caplog.text


def test_unexpected_error_still_answers(temp_db, clock, monkeypatch, make_tracker, dispatcher):
    def broken(text, now):
        raise RuntimeError("boom")

    monkeypatch.setattr(opening_hours, "reply_for", broken)
    assert run_action(make_tracker("明日は？", "ask_opening_hours"), dispatcher) == unavailable_text()


def test_database_failure_answers_an_english_question_in_english(unreadable_db, clock, make_tracker, dispatcher):
    text = run_action(make_tracker("Is the exchange center open tomorrow?", "ask_opening_hours"), dispatcher)
    found = contacts()
    assert text == unavailable_text(english=True)
    assert text.startswith("Sorry, the opening days cannot be checked right now.")
    assert found["kouryukan"]["tel"] in text and found["support_center"]["tel"] in text
    assert not any("\u3040" <= ch <= "\u9fff" for ch in text)  # no Japanese in it


def test_unexpected_error_answers_an_english_question_in_english(temp_db, clock, monkeypatch, make_tracker, dispatcher):
    def broken(text, now):
        raise RuntimeError("boom")

    monkeypatch.setattr(opening_hours, "reply_for", broken)
    tracker = make_tracker("Are you open on Dec 30?", "ask_opening_hours")
    assert run_action(tracker, dispatcher) == unavailable_text(english=True)


@pytest.mark.parametrize("typed", ["", "？", "😀😀", "9999999999日", "12:99"])
def test_odd_text_gets_an_answer(temp_db, clock, make_tracker, dispatcher, typed):
    text = run_action(make_tracker(typed, "ask_opening_hours"), dispatcher)
    assert text.endswith("。")
