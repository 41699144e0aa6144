"""action_answer_opening_hours answers an English question in English (issue 16 part 3), from the same calendar
rule and database as the Japanese answer."""

import asyncio
from datetime import datetime

import pytest

from actions import opening_hours
from actions.opening_hours import ActionAnswerOpeningHours
from bot.core.japanese_calendar import TOKYO

SOURCE = (
    "(Source: Kyodo Handbook III-01 Kanazawa Student Town Citizens Exchange Center, "
    "III-02 Kanazawa Citizens Activity Support Center, translated from Japanese)"
)
BOTH = (
    "The Kanazawa Student Town Citizens Exchange Center and the Kanazawa Citizens Activity Support Center "
    "on its 1st floor"
)


@pytest.fixture
def clock(monkeypatch):
    moment = datetime(2026, 12, 2, 15, 0, tzinfo=TOKYO)  # Wednesday afternoon
    monkeypatch.setattr(opening_hours, "now_in_tokyo", lambda now=None: moment)


def run_action(tracker, dispatcher):
    asyncio.run(ActionAnswerOpeningHours().run(dispatcher, tracker, {}))
    assert len(dispatcher.messages) == 1
    return dispatcher.messages[0]["text"]


@pytest.mark.parametrize(
    ("typed", "first", "more"),
    [
        (
            "Is the exchange center open on Dec 30?",
            "The Kanazawa Student Town Citizens Exchange Center is closed on Wednesday, December 30, 2026.",
            [
                "Closing days: the New Year holidays (December 29 to January 3).",
                "The next opening day is Tuesday, January 5, 2027.",
                "Contact: the Exchange Center, TEL 076-255-0162.",
            ],
        ),
        (
            "Are you open next Monday?",
            f"{BOTH} are both closed on Monday, December 7, 2026.",
            ["Closing day: every Monday.", "The next opening day is Tuesday, December 8, 2026."],
        ),
        (
            "Is the support center open tomorrow?",
            "The Kanazawa Citizens Activity Support Center (1st floor of the Exchange Center) is open on "
            "Thursday, December 3, 2026 (10 a.m. to 10 p.m.).",
            ["Contact: the Support Center, TEL 076-225-7763."],
        ),
        (
            "open on Jan 12?",
            f"{BOTH} are both closed on Tuesday, January 12, 2027.",
            [
                "Monday, January 11 was a public holiday (the weekly closing day), "
                "so the next weekday is closed instead."
            ],
        ),
    ],
)
def test_english_question_gets_an_english_answer(temp_db, clock, make_tracker, dispatcher, typed, first, more):
    lines = run_action(make_tracker(typed, "ask_opening_hours"), dispatcher).split("\n")
    assert lines[0] == first
    assert all(line in lines for line in more)
    assert lines[-1] == SOURCE


def test_english_question_without_a_date_answers_for_today(temp_db, clock, make_tracker, dispatcher):
    lines = run_action(make_tracker("are you open now", "ask_opening_hours"), dispatcher).split("\n")
    assert lines[0] == f"{BOTH} are both open on Wednesday, December 2, 2026 (10 a.m. to 10 p.m.)."
    assert lines[1].startswith("You did not name a date")


def test_a_japanese_question_still_gets_the_japanese_answer(temp_db, clock, make_tracker, dispatcher):
    text = run_action(make_tracker("12月30日は開いてる？", "ask_opening_hours"), dispatcher)
    assert text.startswith("2026年12月30日（水）は休館日です。")
