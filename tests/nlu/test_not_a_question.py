"""The last pipeline component: no question at all becomes out_of_scope; typed /payloads stay text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.not_a_question import NotAQuestionClassifier

ROOT = Path(__file__).resolve().parents[2]


def message(text, intent="ask_opening_hours", confidence=0.97):
    ranking = [{"name": intent, "confidence": confidence}, {"name": "out_of_scope", "confidence": 0.01}]
    return Message(data={"text": text, "intent": {"name": intent, "confidence": confidence}, "intent_ranking": ranking})


@pytest.fixture
def classifier():
    return NotAQuestionClassifier(NotAQuestionClassifier.get_default_config())


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "' OR 1=1 --", "SELECT * FROM users", "console.log(1);", "asdfghjkl", "!!!???"],
)
def test_no_question_becomes_out_of_scope(classifier, text):
    [processed] = classifier.process([message(text)])
    assert processed.get("intent") == {"name": "out_of_scope", "confidence": 1.0}
    ranking = processed.get("intent_ranking")
    assert ranking[0] == {"name": "out_of_scope", "confidence": 1.0}
    assert [r["name"] for r in ranking[1:]] == ["ask_opening_hours"]  # the old out_of_scope entry is not repeated
    assert processed.get("text") == text


@pytest.mark.parametrize("text", ["今日は開いていますか", "076-225-7763に電話すればいいですか", "19:00まで？", "5"])
def test_a_question_is_left_as_it_is(classifier, text):
    before = message(text)
    expected = dict(before.data)
    [processed] = classifier.process([before])
    assert processed.data == expected


@pytest.mark.parametrize(
    "text, kept",
    [
        ("/faq", "／faq"),
        ('/faq{"x":1}', '／faq{"x":1}'),
        ("/faq@0.01", "／faq@0.01"),
        ("/restart", "／restart"),
        ("/feedback_good", "/feedback_good"),
        ("/leave_message", "/leave_message"),
    ],
)
def test_typed_payloads_stay_text(classifier, text, kept):
    [processed] = classifier.process([message(text)])
    assert processed.get("text") == kept
    if kept != text:
        assert processed.get("intent")["name"] == "out_of_scope"


def test_a_message_without_text_or_intent(classifier):
    [empty] = classifier.process([Message(data={"text": ""})])
    assert empty.get("intent") is None
    [bare] = classifier.process([Message(data={"text": "<b>x</b>"})])
    assert bare.get("intent_ranking") == [{"name": "out_of_scope", "confidence": 1.0}]


def test_it_runs_last_of_the_classifiers_in_the_pipeline():
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    names = [step["name"] for step in pipeline]
    # After the fallback, and after the whole text is back (QuestionFocusRestore): it judges what the citizen wrote.
    # Only the language and topic tags (entities, no intent) come after it.
    assert names[-6:] == [
        "bot.nlu.fallback_classifier.AnswerAwareFallbackClassifier",
        "bot.nlu.question_focus.QuestionFocusRestore",
        "bot.nlu.situation_router.SituationRouter",
        "bot.nlu.not_a_question.NotAQuestionClassifier",
        "bot.nlu.message_language.MessageLanguage",
        "bot.nlu.topic_marker.TopicMarker",
    ]


@pytest.mark.parametrize("text", ["Where can I park my car?", "gomi no hi wa itsu desu ka", "Ｈｅｌｌｏ ｔｈｅｒｅ"])
def test_english_or_romaji_becomes_english_note(classifier, text):
    processed = classifier.process([message(text, intent="faq", confidence=0.8)])[0]
    assert processed.get("intent") == {"name": "english_note", "confidence": 1.0}
    assert [r["name"] for r in processed.get("intent_ranking")] == ["english_note", "faq", "out_of_scope"]


def answered(text, intent, confidence, key=None, answer=0.0, fallback=False):
    """A message as the classifiers leave it: the intent (after nlu_fallback when ``fallback``) and the FAQ answer."""
    ranking = [{"name": intent, "confidence": confidence}, {"name": "out_of_scope", "confidence": 0.01}]
    if fallback:
        ranking.insert(0, {"name": "nlu_fallback", "confidence": 0.6})
    data = {"text": text, "intent": ranking[0], "intent_ranking": ranking}
    if key:
        data["response_selector"] = {"faq": {"response": {"intent_response_key": key, "confidence": answer}}}
    return Message(data=data)


@pytest.mark.parametrize(
    ("text", "intent", "confidence", "key", "answer", "fallback", "expected"),
    [
        ("Where is the support center?", "faq", 0.9, "faq/support_center_location", 0.8, False, "faq"),
        ("Is the exchange center open on Dec 30?", "ask_opening_hours", 0.9, None, 0.0, False, "ask_opening_hours"),
        ("What documents do we need to register?", "faq", 0.7, "faq/registration_documents", 0.4, True, "english_note"),
        ("Where is the support centre located?", "faq", 0.7, "faq/support_center_location", 0.7, True, "faq"),
        ("What are the seven principles?", "faq", 0.95, "faq/principles_list", 0.9, False, "english_note"),
        ("Hello there, good morning", "greet", 0.99, None, 0.0, False, "english_note"),
        ("kouryukan wa doko desu ka", "faq", 0.4, "faq/kouryukan_address", 0.9, True, "english_note"),
    ],
)
def test_english_keeps_a_sure_core_label_else_gets_the_note(
    classifier, text, intent, confidence, key, answer, fallback, expected
):
    [processed] = classifier.process([answered(text, intent, confidence, key, answer, fallback)])
    assert processed.get("intent")["name"] == expected
    ranking = [r["name"] for r in processed.get("intent_ranking")]
    assert ranking[0] == expected
    if expected != "english_note":
        assert "nlu_fallback" not in ranking
        assert processed.get("intent")["confidence"] == confidence  # the classifier's own confidence, restored


@pytest.mark.parametrize("text", ["交流館の住所は？", "Wi-Fiは使えますか", "5", "ok"])
def test_japanese_and_form_answers_keep_their_intent(classifier, text):
    processed = classifier.process([message(text)])[0]
    assert processed.get("intent") == {"name": "ask_opening_hours", "confidence": 0.97}


def test_the_domain_answers_english_note_in_english_with_the_three_numbers():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    facilities = yaml.safe_load((ROOT / "data" / "facilities.yml").read_text(encoding="utf-8"))
    note = domain["responses"]["utter_english_note"][0]["text"]
    assert "english_note" in domain["intents"]
    assert "Japanese" in note
    for place in facilities["facilities"] + facilities["offices"][:1]:
        assert place["tel"] in note
    rules = yaml.safe_load((ROOT / "data" / "rules" / "english.yml").read_text(encoding="utf-8"))["rules"]
    assert [{"intent": "english_note"}, {"action": "utter_english_note"}] in [rule["steps"] for rule in rules]


def test_the_recipe_builds_a_graph_with_it():
    from rasa.engine.recipes.default_recipe import DefaultV1Recipe
    from rasa.shared.data import TrainingType

    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    graph = DefaultV1Recipe().graph_config_for_recipe(config, {}, TrainingType.BOTH)
    nodes = graph.predict_schema.nodes
    [decline] = [name for name in nodes if "NotAQuestionClassifier" in name]
    [language] = [name for name in nodes if "MessageLanguage" in name]
    [topic] = [name for name in nodes if "TopicMarker" in name]
    assert nodes[language].needs["messages"] == decline  # the language tag reads the declined messages too
    assert nodes[topic].needs["messages"] == language  # and so does the topic tag, last
    assert nodes["run_RegexMessageHandler"].needs["messages"] == topic


def test_the_domain_declines_out_of_scope():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert "out_of_scope" in domain["intents"]
    assert domain["responses"]["utter_out_of_scope"]
    steps = [
        rule["steps"]
        for path in sorted((ROOT / "data" / "rules").glob("*.yml"))
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
        if not rule.get("condition")
    ]
    assert [{"intent": "out_of_scope"}, {"action": "utter_out_of_scope"}] in steps


@pytest.mark.parametrize("text, intent", [("/faq", "out_of_scope"), ("/feedback_good", "feedback_good")])
def test_rasas_payload_parser_after_it(classifier, text, intent):
    from rasa.nlu.classifiers.regex_message_handler import RegexMessageHandler
    from rasa.shared.core.domain import Domain

    domain = Domain.load(str(ROOT / "domain.yml"))
    [processed] = RegexMessageHandler().process(classifier.process([message(text)]), domain)
    assert processed.get("intent")["name"] == intent
