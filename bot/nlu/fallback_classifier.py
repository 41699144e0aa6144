"""``AnswerAwareFallbackClassifier``: the FallbackClassifier that also doubts unsure FAQ answers.

Rasa's FallbackClassifier looks only at intent confidence. A message can be surely a handbook question
(intent ``faq`` at 0.99) while the ResponseSelector hardly knows which answer fits (「雪かきしてほしい」 →
faq/example_snow_effects at 0.26). Answering then gives a handbook fact to a question it does not answer.
Below ``answer_threshold`` the message becomes ``nlu_fallback`` too, and the user gets "did you mean" buttons.
"""

from __future__ import annotations

from typing import Any, Dict

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.core.parse_data import RESPONSE_SELECTOR_KEY, selected_answer


def answer_confidence(message: Message, retrieval_intent: str) -> float:
    """The ResponseSelector's confidence in its best answer for ``retrieval_intent`` (1.0 when absent)."""
    selected = selected_answer({RESPONSE_SELECTOR_KEY: message.get(RESPONSE_SELECTOR_KEY)}, retrieval_intent)
    return float(selected.get("confidence", 1.0))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AnswerAwareFallbackClassifier(FallbackClassifier):
    """FallbackClassifier plus a threshold on the FAQ answer's confidence."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**FallbackClassifier.get_default_config(), "retrieval_intent": "faq", "answer_threshold": 0.3}

    def _should_fallback(self, message: Message) -> bool:
        if super()._should_fallback(message):
            return True
        retrieval_intent = self.component_config["retrieval_intent"]
        if (message.get(INTENT) or {}).get(INTENT_NAME_KEY) != retrieval_intent:
            return False
        return answer_confidence(message, retrieval_intent) < self.component_config["answer_threshold"]
