"""action_answer_followup (actions/followup.py): a follow-up answered about the topic slot, never an empty reply."""

from __future__ import annotations

from typing import Any

import pytest

from actions.followup import ActionAnswerFollowup, followup_answer
from bot.core.parse_data import routing_label

FOLLOWUP_ENTITY = [{"entity": "followup", "value": "true", "start": 0, "end": 5}]


def selector(key: str) -> dict[str, Any]:
    return {"faq": {"response": {"intent_response_key": key, "confidence": 0.7}, "ranking": []}}


def test_name_and_domain(domain: dict[str, Any]) -> None:
    assert ActionAnswerFollowup().name() == "action_answer_followup"
    assert "action_answer_followup" in domain["actions"]
    assert domain["slots"]["topic"]["influence_conversation"] is False
    assert domain["slots"]["topic"]["mappings"] == [{"type": "from_entity", "entity": "topic"}]


@pytest.mark.parametrize(
    ("latest", "label"),
    [
        ({"intent": {"name": "faq"}, "response_selector": selector("faq/publisher")}, "faq/publisher"),
        ({"intent": {"name": "faq"}}, "faq"),
        ({"intent": {"name": "nlu_fallback"}, "response_selector": selector("faq/publisher")}, "nlu_fallback"),
        ({}, "nlu_fallback"),
    ],
)
def test_the_predicted_label_is_the_routing_label_the_scorer_reads(latest: dict[str, Any], label: str) -> None:
    """The action leans on routing_label (bot/core/parse_data.py), the one the unseen scorer and channels use."""
    assert routing_label(latest) == label


@pytest.mark.parametrize(
    ("text", "intent", "key", "topic", "response"),
    [
        (
            "そっちのファックスは",
            "faq",
            "faq/kouryukan_contact",
            "faq/support_center_location",
            "faq/support_center_contact",
        ),
        ("駐車場ある？", "nlu_fallback", "faq/kouryukan_address", "faq/kouryukan_contact", "faq/kouryukan_access"),
        ("いや、サポセンのほうです", "nlu_fallback", None, "faq/kouryukan_contact", "faq/support_center_contact"),
        ("特典はありますか", "faq", "faq/registration_benefits", None, "faq/registration_benefits"),  # no topic yet
        ("特典はありますか", "faq", "faq/registration_benefits", "", "faq/registration_benefits"),
    ],
)
async def test_a_followup_gets_the_faq_answer_about_the_topic(
    make_tracker, dispatcher, domain, text: str, intent: str, key: str | None, topic: str | None, response: str
) -> None:
    tracker = make_tracker(
        text,
        intent,
        slots={"topic": topic},
        entities=FOLLOWUP_ENTITY,
        response_selector=selector(key) if key else None,
    )
    events = await ActionAnswerFollowup().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [f"utter_{response}", "utter_ask_feedback"]
    assert events == [{"event": "slot", "timestamp": None, "name": "topic", "value": response}]


async def test_an_unsure_followup_with_nothing_to_lean_on_gets_the_did_you_mean_reply(
    temp_db, make_tracker, dispatcher, domain
) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "out_of_scope", "confidence": 0.3}]
    tracker = make_tracker("そこの電話は？", "nlu_fallback", 0.5, intent_ranking=ranking, entities=FOLLOWUP_ENTITY)
    events = await ActionAnswerFollowup().run(dispatcher, tracker, domain)
    assert events == []
    assert dispatcher.messages, "never an empty reply"
    assert dispatcher.messages[0]["response"] in ("utter_did_you_mean", "utter_out_of_scope")


def test_no_topic_leaves_the_nlu_answer_and_a_facility_topic_counts() -> None:
    latest = {"text": "そこの住所は", "intent": {"name": "nlu_fallback"}}
    assert followup_answer(latest, None) == "nlu_fallback"
    assert followup_answer(latest, "kouryukan") == "faq/kouryukan_address"


async def test_a_did_you_mean_keeps_its_likeliest_answer_as_the_topic_for_the_next_message(
    temp_db, make_tracker, dispatcher, domain
) -> None:
    from actions.fallback import ActionSuggestCandidates

    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.45}]
    answers = {
        "faq": {
            "response": {"intent_response_key": "faq/kouryukan_contact", "confidence": 0.5},
            "ranking": [
                {"intent_response_key": "faq/kouryukan_contact", "confidence": 0.5},
                {"intent_response_key": "faq/support_center_contact", "confidence": 0.45},
            ],
        }
    }
    unsure = make_tracker("ふぁっくす番号", "nlu_fallback", 0.5, intent_ranking=ranking, response_selector=answers)
    events = await ActionSuggestCandidates().run(dispatcher, unsure, domain)
    assert dispatcher.messages[0]["response"] == "utter_did_you_mean"
    assert events == [{"event": "slot", "timestamp": None, "name": "topic", "value": "faq/kouryukan_contact"}]
    # then 「サポートセンターのことです」 is the same question about the サポートセンター
    answer = followup_answer(
        {"text": "サポートセンターのことです", "intent": {"name": "nlu_fallback"}}, events[0]["value"]
    )
    assert answer == "faq/support_center_contact"
