"""The fallback also catches a sure FAQ intent whose answer is unsure."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.fallback_classifier import AnswerAwareFallbackClassifier, answer_confidence


def message(intent, confidence, answer_confidence=None, second=0.0):
    data = {
        "text": "x",
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": intent, "confidence": confidence}, {"name": "greet", "confidence": second}],
    }
    if answer_confidence is not None:
        data["response_selector"] = {"faq": {"response": {"confidence": answer_confidence}}}
    return Message(data=data)


@pytest.fixture
def classifier():
    config = {**AnswerAwareFallbackClassifier.get_default_config(), "threshold": 0.55, "ambiguity_threshold": 0.1}
    return AnswerAwareFallbackClassifier(config)


@pytest.mark.parametrize(
    "intent,confidence,answer,falls_back",
    [
        ("faq", 0.99, 0.9, False),  # sure question, sure answer
        ("faq", 0.99, 0.25, True),  # sure question, unsure answer
        ("faq", 0.99, 0.3, False),  # at the threshold: answered
        ("faq", 0.40, 0.9, True),  # unsure question: the usual fallback
        ("greet", 0.99, 0.1, False),  # the answer's confidence only matters for faq
        ("greet", 0.99, None, False),
    ],
)
def test_should_fallback(classifier, intent, confidence, answer, falls_back):
    [processed] = classifier.process([message(intent, confidence, answer)])
    assert (processed.get("intent")["name"] == "nlu_fallback") is falls_back
    assert processed.get("intent_ranking")[0]["name"] == ("nlu_fallback" if falls_back else intent)


def test_answer_confidence_defaults_to_sure_without_a_selector():
    assert answer_confidence(message("faq", 1.0), "faq") == 1.0
