"""The dialogue data of the handoff and the feedback: the pause covers every intent, the rules read in Rasa."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PAUSE_RULES = [
    "while waiting for a coordinator, every message gets the waiting note",
    "while waiting, the coordinator has closed the request, so back to the bot",
]


def rules(name: str) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((ROOT / "data" / "rules" / name).read_text(encoding="utf-8"))
    return {rule["rule"]: rule for rule in data["rules"]}


@pytest.mark.parametrize("rule_name", PAUSE_RULES)
def test_the_pause_answers_every_intent_but_back_to_bot(domain, rule_name: str) -> None:
    rule = rules("handoff.yml")[rule_name]
    [choice] = [step["or"] for step in rule["steps"] if "or" in step]
    listed = [step["intent"] for step in choice]
    expected = [i for i in domain["intents"] if i != "back_to_bot"] + ["nlu_fallback"]
    assert sorted(listed) == sorted(expected), "add new intents to both pause rules in data/rules/handoff.yml"
    assert rule["condition"] == [{"active_loop": None}, {"slot_was_set": [{"handoff_pending": True}]}]


def test_faq_answers_end_with_the_feedback_question_except_inside_the_pre_check(domain) -> None:
    [faq_rule] = rules("faq.yml").values()
    assert [s.get("action") or s.get("intent") for s in faq_rule["steps"]] == ["faq", "utter_faq", "utter_ask_feedback"]
    mid_form = rules("precheck.yml")["answer a handbook question in the middle of the pre-check, then resume"]
    assert "utter_ask_feedback" not in [s.get("action") for s in mid_form["steps"]]
    buttons = domain["responses"]["utter_ask_feedback"][0]["buttons"]
    assert [(b["title"], b["payload"]) for b in buttons] == [
        ("👍 役に立った", "/feedback_good"),
        ("👎 役に立たなかった", "/feedback_bad"),
        ("やさしい日本語", "/easy_japanese_on"),  # issue 16: offered after each answer
    ]
    assert all(len(b["title"]) <= 20 for b in buttons)  # LINE quick-reply labels


def test_request_human_is_no_longer_a_plain_phone_answer_outside_the_pre_check() -> None:
    assert all(
        step.get("intent") != "request_human" for rule in rules("smalltalk.yml").values() for step in rule["steps"]
    )
    assert rules("handoff.yml")["offer a person (phone, online consultation, a message)"]["steps"] == [
        {"intent": "request_human"},
        {"action": "action_offer_handoff"},
    ]


def test_rasa_reads_the_rules_and_expands_the_pause(domain) -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader

    rasa_domain = Domain.load(str(ROOT / "domain.yml"))
    steps = YAMLStoryReader(rasa_domain).read_from_file(str(ROOT / "data" / "rules" / "handoff.yml"))
    intents: list[str] = [e.intent_name for step in steps for e in step.events if getattr(e, "intent_name", None)]
    assert set(intents) >= {"request_human", "leave_message", "back_to_bot", "nlu_fallback", "faq", "greet"}
    yaml.safe_load((ROOT / "data" / "rules" / "feedback.yml").read_text(encoding="utf-8"))
    YAMLStoryReader(rasa_domain).read_from_file(str(ROOT / "data" / "rules" / "feedback.yml"))


def test_the_forms_slots_and_actions_are_in_the_domain(domain) -> None:
    assert domain["forms"]["handoff_form"]["required_slots"] == ["handoff_message", "handoff_contact"]
    assert domain["forms"]["feedback_form"]["required_slots"] == ["feedback_comment"]
    for slot in ("handoff_message", "handoff_contact"):
        [mapping] = domain["slots"][slot]["mappings"]
        assert mapping["conditions"] == [{"active_loop": "handoff_form", "requested_slot": slot}]
    # やめる cancels while the message is asked; once it is written, any reply to the contact question is read
    assert domain["slots"]["handoff_message"]["mappings"][0]["not_intent"] == ["cancel_form"]
    assert "not_intent" not in domain["slots"]["handoff_contact"]["mappings"][0]
    assert domain["slots"]["handoff_pending"]["influence_conversation"] is True
    assert {
        "action_offer_handoff",
        "validate_handoff_form",
        "action_create_handoff",
        "action_handoff_pending",
        "action_resume_bot",
        "action_cancel_handoff",
        "action_record_feedback",
        "validate_feedback_form",
        "action_save_feedback_comment",
    } <= set(domain["actions"])
