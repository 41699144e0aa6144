"""The English kind of the unseen evaluator (bot/tools/unseen/english.py), with a fake parser."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from bot.tools.unseen.english import score_english_case

SET = Path(__file__).resolve().parents[1] / "nlu_unseen" / "english.yml"


def _parser(intent: str, key: str | None = None) -> Any:
    def parse(text: str) -> Mapping[str, Any]:
        selector = {"faq": {"response": {"intent_response_key": key}}} if key else {}
        return {"text": text, "intent": {"name": intent}, "response_selector": selector}

    return parse


def test_faq_case_right_and_wrong() -> None:
    case = {"text": "Where is the Citizens Exchange Center?", "expect": "faq/kouryukan_address"}
    assert score_english_case(case, _parser("faq", "faq/kouryukan_address")).right
    assert not score_english_case(case, _parser("faq", "faq/kouryukan_contact")).right
    assert not score_english_case(case, _parser("english_note")).right


def test_date_case_needs_the_days_too() -> None:
    case = {"text": "Are you open next Monday?", "expect": "ask_opening_hours", "dates": ["2026-12-07"]}
    assert score_english_case(case, _parser("ask_opening_hours")).right
    wrong_day = {**case, "dates": ["2026-12-14"]}
    outcome = score_english_case(wrong_day, _parser("ask_opening_hours"))
    assert not outcome.right
    assert outcome.got == ("ask_opening_hours", ["2026-12-07"])
    assert not score_english_case(case, _parser("faq", "faq/opening_hours")).right


def test_every_case_of_the_english_set_scores() -> None:
    cases = yaml.safe_load(SET.read_text(encoding="utf-8"))
    assert cases
    for case in cases:
        outcome = score_english_case(case, _parser("nlu_fallback"))
        assert outcome.text == case["text"]
        assert not outcome.right
