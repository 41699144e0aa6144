"""Which answer an English message gets (bot/core/english_routing.py): a sure core label, else the English note."""

from __future__ import annotations

import pytest

from bot.core.english_routing import CORE_LABELS, ENGLISH_NOTE, Thresholds, english_label


@pytest.mark.parametrize(
    ("intent", "confidence", "key", "answer", "expected"),
    [
        # sure core labels are kept
        ("faq", 0.95, "faq/kouryukan_address", 0.9, "faq/kouryukan_address"),
        ("faq", 0.61, "faq/registration_documents", 0.51, "faq/registration_documents"),
        ("ask_opening_hours", 0.8, None, 0.0, "ask_opening_hours"),
        # a FAQ answer outside the core facts, or an intent without an English answer: the note
        ("faq", 0.99, "faq/principle_equality", 0.99, ENGLISH_NOTE),
        ("faq", 0.99, "faq/room_fee", 0.99, ENGLISH_NOTE),
        ("greet", 0.99, None, 0.0, ENGLISH_NOTE),
        ("english_note", 0.9, None, 0.0, ENGLISH_NOTE),
        ("start_precheck", 0.99, None, 0.0, ENGLISH_NOTE),
        # unsure: the note
        ("faq", 0.59, "faq/kouryukan_contact", 0.99, ENGLISH_NOTE),
        ("faq", 0.99, "faq/kouryukan_contact", 0.49, ENGLISH_NOTE),
        ("ask_opening_hours", 0.3, None, 0.0, ENGLISH_NOTE),
        ("faq", 0.99, None, 0.0, ENGLISH_NOTE),
        ("", 0.0, None, 0.0, ENGLISH_NOTE),
    ],
)
def test_english_label(intent: str, confidence: float, key: str | None, answer: float, expected: str) -> None:
    assert english_label(intent, confidence, key, answer) == expected


def test_the_thresholds_can_be_set() -> None:
    assert english_label("faq", 0.5, "faq/kouryukan_about", 0.5, Thresholds(0.4, 0.4)) == "faq/kouryukan_about"
    assert english_label("faq", 0.95, "faq/kouryukan_about", 0.95, Thresholds(0.99, 0.4)) == ENGLISH_NOTE


def test_every_core_faq_label_has_an_english_answer() -> None:
    from bot.core.variants import ENGLISH_DIR, load_variants

    english = load_variants(ENGLISH_DIR)
    faq_labels = {label for label in CORE_LABELS if label.startswith("faq/")}
    assert len(faq_labels) == 12
    assert {f"utter_{label}" for label in faq_labels} <= set(english)
