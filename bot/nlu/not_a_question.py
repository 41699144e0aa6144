"""``NotAQuestionClassifier``: markup, code, SQL, URLs, mashing and bare symbols get the decline, not a guess.

It runs last in the pipeline, after the classifiers and the fallback. When ``is_not_a_question`` (bot/core) holds,
the intent becomes ``out_of_scope`` at confidence 1.0, first in the intent ranking; its rule answers with
utter_out_of_scope, which names what the bot covers. A sentence in English or rōmaji (``is_english_or_romaji``,
bot/core/language.py) keeps the classifiers' label when it is one of the core facts answered in English and they are
sure of it (``english_label``, bot/core/english_routing.py: the intent before the fallback, and the FAQ answer);
any other becomes ``english_note`` (confidence 1.0), a short English note (utter_english_note). Any other message
is left as it is.

It also keeps typed ``/intent`` payloads from reaching Rasa's RegexMessageHandler, which runs after the pipeline:
TextNormalizer folds a channel's "／faq" back into "/faq" by NFKC, so a text that starts with "/" and is not one of
the bot's own button payloads gets its "／" again (``as_user_text``, bot/core/payloads.py).
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.core.english_routing import ENGLISH_NOTE, RETRIEVAL_INTENT, Thresholds, english_label
from bot.core.language import is_english_or_romaji
from bot.core.not_a_question import is_not_a_question
from bot.core.parse_data import RESPONSE_SELECTOR_KEY, selected_answer
from bot.core.payloads import allowed_payloads, as_user_text
from bot.nlu.components import ConfiguredComponent
from bot.nlu.intent_override import override_intent

FALLBACK_INTENT = "nlu_fallback"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class NotAQuestionClassifier(ConfiguredComponent):
    """Sets ``out_of_scope`` (confidence 1.0) on messages that are no question at all."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        defaults = Thresholds()
        return {
            "intent": "out_of_scope",
            "english_intent": ENGLISH_NOTE,
            "guard_payloads": True,
            # English text keeps a core label at these confidences or above (bot/core/english_routing.py)
            "english_intent_threshold": defaults.intent,
            "english_answer_threshold": defaults.answer,
        }

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text:
                continue
            if self.component_config["guard_payloads"]:
                guarded = as_user_text(text, allowed_payloads())
                if guarded != text:
                    message.set(TEXT, guarded)
            if is_not_a_question(text):
                override_intent(message, self.component_config["intent"])
            elif self.component_config["english_intent"] and is_english_or_romaji(text):
                self._route_english(message)
        return messages

    def _route_english(self, message: Message) -> None:
        """A core label the classifiers are sure of stays (its intent first again, even after the fallback); any
        other English text gets the English note."""
        ranking = [e for e in message.get(INTENT_RANKING_KEY) or [] if e.get(INTENT_NAME_KEY) != FALLBACK_INTENT]
        top = ranking[0] if ranking else {}
        intent, confidence = str(top.get(INTENT_NAME_KEY) or ""), float(top.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
        answer = selected_answer({RESPONSE_SELECTOR_KEY: message.get(RESPONSE_SELECTOR_KEY)}, RETRIEVAL_INTENT)
        thresholds = Thresholds(
            intent=float(self.component_config["english_intent_threshold"]),
            answer=float(self.component_config["english_answer_threshold"]),
        )
        label = english_label(
            intent, confidence, answer.get("intent_response_key"), float(answer.get("confidence") or 0.0), thresholds
        )
        if label == ENGLISH_NOTE:
            override_intent(message, self.component_config["english_intent"])
            return
        message.data[INTENT] = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: confidence}
        message.data[INTENT_RANKING_KEY] = ranking
