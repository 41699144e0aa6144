"""The English opening-day reply as pure functions (bot/core/opening_english.py)."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.core.calendar_rule import SpecialDayInfo
from bot.core.facilities import default_info
from bot.core.opening_english import english_date, english_opening_reply, english_time, named_facilities

TODAY = date(2026, 12, 2)
FACILITIES = [default_info("kouryukan"), default_info("support_center")]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [(time(10, 0), "10 a.m."), (time(22, 0), "10 p.m."), (time(21, 30), "9:30 p.m."), (time(12, 0), "noon")],
)
def test_english_time(moment: time, expected: str) -> None:
    assert english_time(moment) == expected


def test_english_date() -> None:
    assert english_date(date(2027, 1, 4)) == "Monday, January 4, 2027"
    assert english_date(date(2026, 12, 25), with_year=False) == "Friday, December 25"


@pytest.mark.parametrize(
    ("typed", "keys"),
    [
        ("Is the support center open tomorrow?", ["support_center"]),
        ("is the suport centre open", ["support_center"]),
        ("Is the exchange center open on Monday?", ["kouryukan"]),
        ("kouryukan open today?", ["kouryukan"]),
        ("Are you open tomorrow?", ["kouryukan", "support_center"]),
        ("Are the exchange center and the support center open?", ["kouryukan", "support_center"]),
    ],
)
def test_named_facilities(typed: str, keys: list[str]) -> None:
    assert [f.key for f in named_facilities(typed, FACILITIES)] == keys


def test_a_weekend_gets_one_verdict_per_day() -> None:
    lines = english_opening_reply("Is the center open this weekend?", TODAY, FACILITIES, {}).split("\n")
    assert [line.split(" are both ")[1] for line in lines[:2]] == [
        "open on Saturday, December 5, 2026 (10 a.m. to 10 p.m.).",
        "open on Sunday, December 6, 2026 (10 a.m. to 10 p.m.).",
    ]


def test_a_holiday_monday_is_open_and_says_why() -> None:
    lines = english_opening_reply("Is it open on January 11?", TODAY, FACILITIES, {}).split("\n")
    assert lines[0].endswith("are both open on Monday, January 11, 2027 (10 a.m. to 10 p.m.).")
    assert lines[1] == (
        "Monday is the weekly closing day, but Monday, January 11 is a public holiday, so it is open; "
        "the next weekday, Tuesday, January 12, is closed instead."
    )


def test_a_special_closure_of_one_facility_splits_the_answer() -> None:
    special = {"kouryukan": {date(2026, 12, 3): SpecialDayInfo(date(2026, 12, 3), False, "設備点検")}}
    lines = english_opening_reply("open tomorrow?", TODAY, FACILITIES, special).split("\n")
    assert (
        lines[0]
        == "The Kanazawa Student Town Citizens Exchange Center is temporarily closed on Thursday, December 3, 2026."
    )
    assert "The next opening day is Friday, December 4, 2026." in lines
    assert any(
        line.startswith("The Kanazawa Citizens Activity Support Center") and " is open on " in line for line in lines
    )


def test_too_many_days_are_cut_with_a_note() -> None:
    typed = "open on Dec 3, Dec 4, Dec 5, Dec 6, Dec 8, Dec 9, Dec 10, Dec 11?"
    lines = english_opening_reply(typed, TODAY, FACILITIES, {}).split("\n")
    assert sum(" on " in line and "2026" in line for line in lines) == 7
    assert "Only the first 7 days are shown." in lines
