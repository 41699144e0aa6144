"""SituationRouter (bot/nlu/situation_router.py): an unsure or rule-answered message that states the group's own
situation becomes tell_situation; anything else keeps the classifiers' result."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.situation_router import SituationRouter

ROOT = Path(__file__).resolve().parents[2]


def message(text, intent, key=None):
    data = {"text": text, "intent": {"name": intent, "confidence": 0.4}, "intent_ranking": [{"name": intent}]}
    if key:
        data["response_selector"] = {"faq": {"response": {"intent_response_key": key, "confidence": 0.5}}}
    return Message(data=data)


@pytest.mark.parametrize(
    ("text", "intent", "key", "expected"),
    [
        ("合同会社ですが、登録できますか？", "nlu_fallback", None, "tell_situation"),
        ("会員6名の会です。市民団体になれますか", "faq", "faq/registration_requirements", "tell_situation"),
        ("釣りのサークルです。登録は無理かな", "faq", "faq/registration_exclusions", "tell_situation"),
        # another answer the classifiers chose stays
        ("合同会社ですが、登録できますか？", "faq", "faq/kouryukan_contact", "faq"),
        ("合同会社ですが、登録できますか？", "start_precheck", None, "start_precheck"),
        # a rule question stays with the FAQ answer
        ("非営利団体は登録できますか", "faq", "faq/registration_exclusions", "faq"),
        ("登録の要件は？", "nlu_fallback", None, "nlu_fallback"),
    ],
)
def test_routing(text, intent, key, expected):
    processed = SituationRouter({}).process([message(text, intent, key)])[0]
    assert processed.get("intent")["name"] == expected
    assert processed.get("intent_ranking")[0]["name"] == expected


def test_it_reads_the_whole_text_after_the_focus_is_restored():
    names = [step["name"] for step in yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]]
    router = names.index("bot.nlu.situation_router.SituationRouter")
    assert names.index("bot.nlu.question_focus.QuestionFocusRestore") < router
    assert router < names.index("bot.nlu.not_a_question.NotAQuestionClassifier")
