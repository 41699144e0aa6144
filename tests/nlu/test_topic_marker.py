"""The topic / followup entities (bot/nlu/topic_marker.py): a question leaves its topic, a follow-up is marked."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.topic_marker import FOLLOWUP, TOPIC, TopicMarker, marker_entity


@pytest.mark.parametrize(
    ("intent", "key", "text", "expected"),
    [
        # a question that names its facility or topic leaves its answer's key
        ("faq", "faq/kouryukan_contact", "交流館の電話番号を教えてください", (TOPIC, "faq/kouryukan_contact")),
        ("faq", "faq/registration_benefits", "登録のメリットは？", (TOPIC, "faq/registration_benefits")),
        ("faq", "faq/what_is_kyodo", "協働って何ですか", (TOPIC, "faq/what_is_kyodo")),
        # an opening-hours question leaves the facility it names, or nothing
        ("ask_opening_hours", None, "明日サポセン開いてる？", (TOPIC, "support_center")),
        ("ask_opening_hours", None, "明日は開いてる？", None),
        # a follow-up shaped question or unsure message is marked, and leaves the previous topic alone
        ("faq", "faq/support_center_contact", "そっちのファックスは", (FOLLOWUP, "true")),
        ("nlu_fallback", "faq/kouryukan_address", "いや、サポセンのほうです", (FOLLOWUP, "true")),
        # an unsure message may name the topic it asks an aspect of; a confident one stands on its own
        ("nlu_fallback", "faq/principles", "原則は何個ある？", (FOLLOWUP, "true")),
        ("faq", "faq/principles", "原則は何個ある？", (TOPIC, "faq/principles")),
        # other intents are never marked, payloads get nothing
        ("start_precheck", None, "うちの団体が条件に合うか見てほしい", None),
        ("nlu_fallback", None, "ぴよぴよ", None),
        ("faq", "faq/kouryukan_contact", "/faq", None),
    ],
)
def test_marker_entity(intent: str, key: str | None, text: str, expected: tuple[str, str] | None) -> None:
    assert marker_entity(intent, key, text) == expected


def _message(text: str, intent: str, key: str | None = None) -> Message:
    data: dict[str, Any] = {"text": text, "intent": {"name": intent, "confidence": 0.9}}
    if key:
        data["response_selector"] = {"faq": {"response": {"intent_response_key": key}}}
    message = Message(data=data)
    message.set("entities", [{"entity": "message_language", "value": "ja", "start": 0, "end": len(text)}])
    return message


def _entities(message: Message) -> list[tuple[str, str]]:
    return [(e["entity"], e["value"]) for e in message.get("entities") or []]


def test_component_adds_one_entity_and_keeps_the_others() -> None:
    question = _message("交流館の住所はどこですか", "faq", "faq/kouryukan_address")
    followup = _message("そこの電話は？", "faq", "faq/support_center_contact")
    greeting = _message("こんにちは", "greet")
    component = TopicMarker()
    component.process([question, followup, greeting])
    component.process([question])  # idempotent
    assert _entities(question) == [("message_language", "ja"), (TOPIC, "faq/kouryukan_address")]
    assert _entities(followup) == [("message_language", "ja"), (FOLLOWUP, "true")]
    assert _entities(greeting) == [("message_language", "ja")]
    assert question.get("intent")["name"] == "faq"  # the intent and the answer are left as they were


def test_it_runs_after_every_component_that_sets_the_intent() -> None:
    from pathlib import Path

    import yaml

    config = Path(__file__).resolve().parents[2] / "config.yml"
    names = [step["name"] for step in yaml.safe_load(config.read_text(encoding="utf-8"))["pipeline"]]
    assert names[-1] == "bot.nlu.topic_marker.TopicMarker"
    assert names.index("bot.nlu.not_a_question.NotAQuestionClassifier") < names.index(names[-1])
