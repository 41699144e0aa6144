"""English date expressions (bot/core/date_english.py), today = Wednesday 2 December 2026."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.date_english import english_dates

TODAY = date(2026, 12, 2)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Is the exchange center open on Dec 30?", [date(2026, 12, 30)]),
        ("December 30th", [date(2026, 12, 30)]),
        ("30 Dec", [date(2026, 12, 30)]),
        ("the 3rd of January", [date(2027, 1, 3)]),
        ("12/30", [date(2026, 12, 30)]),
        ("open on January 4?", [date(2027, 1, 4)]),
        ("next Monday", [date(2026, 12, 7)]),
        ("next Wednesday", [date(2026, 12, 9)]),
        ("this Saturday", [date(2026, 12, 5)]),
        ("on Wednesday", [date(2026, 12, 2)]),
        ("tomorrow", [date(2026, 12, 3)]),
        ("today", [date(2026, 12, 2)]),
        ("the day after tomorrow", [date(2026, 12, 4)]),
        ("this weekend", [date(2026, 12, 5), date(2026, 12, 6)]),
        ("next weekend", [date(2026, 12, 12), date(2026, 12, 13)]),
        ("Can I visit on Christmas Day?", [date(2026, 12, 25)]),
        ("Christmas Eve", [date(2026, 12, 24)]),
        ("Is it open on New Year's Day?", [date(2027, 1, 1)]),
        ("New Year’s Eve", [date(2026, 12, 31)]),
        ("Dec 30 or 31 Dec", [date(2026, 12, 30), date(2026, 12, 31)]),
        ("12/30/2027", [date(2027, 12, 30)]),
    ],
)
def test_english_dates(text: str, expected: list[date]) -> None:
    assert english_dates(text, TODAY) == expected


@pytest.mark.parametrize(
    "text", ["May I come?", "Is the sun room free?", "What is the address?", "13/45", "February 30"]
)
def test_no_date(text: str) -> None:
    assert english_dates(text, TODAY) == []


def test_a_passed_date_is_next_years() -> None:
    assert english_dates("Dec 1", TODAY) == [date(2027, 12, 1)]
    assert english_dates("Dec 2", TODAY) == [date(2026, 12, 2)]


def test_next_weekday_on_that_weekday_is_a_week_later() -> None:
    sunday = date(2026, 12, 6)
    assert english_dates("this weekend", sunday) == [sunday]
    assert english_dates("next Sunday", sunday) == [date(2026, 12, 13)]
    assert english_dates("Sunday", sunday) == [sunday]
