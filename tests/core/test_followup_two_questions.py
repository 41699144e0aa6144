"""bot.core.followup and bot.core.two_questions (issue 14, kinds 3 and 6)."""

from __future__ import annotations

import pytest

from bot.core.followup import resolve_followup
from bot.core.two_questions import split_questions


@pytest.mark.parametrize(
    ("text", "previous", "predicted", "expected"),
    [
        ("そこのFAXは？", "faq/kouryukan_address", "faq/support_center_contact", "faq/kouryukan_contact"),
        ("そこのFAXは？", "faq/support_center_location", "faq/kouryukan_contact", "faq/support_center_contact"),
        ("住所も教えて", "faq/kouryukan_contact", "faq/support_center_location", "faq/kouryukan_address"),
        ("それって無料？", "faq/kouryukan_rooms_reserve", "faq/kouryukan_rooms_free", "faq/room_fee"),
        (
            "サポートセンターのことです",
            "faq/kouryukan_contact",
            "faq/support_center_about",
            "faq/support_center_contact",
        ),
        ("協働とは？", "faq/kouryukan_address", "faq/what_is_kyodo", "faq/what_is_kyodo"),
        ("そこのFAXは？", None, "faq/kouryukan_contact", "faq/kouryukan_contact"),
    ],
)
def test_followup_takes_the_previous_facility(text: str, previous: str | None, predicted: str, expected: str) -> None:
    assert resolve_followup(text, previous, predicted) == expected


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("場所と電話番号を教えて", ["場所を教えて", "電話番号を教えて"]),
        ("メリットと手続きは？", ["メリットは？", "手続きは？"]),
        (
            "交流館の住所と電話番号を教えてください",
            ["交流館の住所を教えてください", "交流館の電話番号を教えてください"],
        ),
        ("交流館の住所は？あとサポートセンターの電話番号も", ["交流館の住所は？", "サポートセンターの電話番号も"]),
        ("協働とは何ですか", ["協働とは何ですか"]),
    ],
)
def test_split_questions(text: str, parts: list[str]) -> None:
    assert split_questions(text) == parts
