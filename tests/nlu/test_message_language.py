"""The message_language entity (bot/nlu/message_language.py)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.message_language import ENTITY, MessageLanguage, message_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Where is the Citizens Exchange Center?", "en"),
        ("Is the support center open tomorrow?", "en"),
        ("nihongo ga wakarimasen", "en"),
        ("交流館の住所を教えて", "ja"),
        ("Wi-Fiは使えますか", "ja"),
        ("/faq{}", None),
        ("", None),
        ("   ", None),
    ],
)
def test_message_language(text: str, expected: str | None) -> None:
    assert message_language(text) == expected


def _languages(message: Message) -> list[str]:
    return [e["value"] for e in message.get("entities") or [] if e["entity"] == ENTITY]


def test_component_tags_once_and_keeps_other_entities() -> None:
    component = MessageLanguage()
    english = Message(data={"text": "What is the phone number of the exchange center?"})
    english.set("entities", [{"entity": "facility", "value": "kouryukan", "start": 0, "end": 4}])
    japanese = Message(data={"text": "明日は開いてますか"})
    payload = Message(data={"text": "/affirm"})
    component.process([english, japanese, payload])
    component.process([english])
    assert _languages(english) == ["en"]
    assert [e["entity"] for e in english.get("entities")] == ["facility", ENTITY]
    assert _languages(japanese) == ["ja"]
    assert _languages(payload) == []
