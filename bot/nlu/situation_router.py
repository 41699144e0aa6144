"""``SituationRouter``: a citizen's own situation goes to ``tell_situation`` when the classifiers were unsure.

「合同会社です。登録の対象になりますか？」 is a statement about the group and an eligibility question; the
classifiers often leave such a message unsure (nlu_fallback) or give a registration FAQ answer (the rule list).
When ``states_own_situation`` (bot/core/situation_route.py) holds and the intent is one of those, the intent becomes
``tell_situation`` (confidence 1.0, first in the ranking), whose rule answers with the requirement concerned, the
verdict on the stated fact and the pre-filled pre-check. Any other message is left as it is. It runs after
QuestionFocusRestore, on the whole text the citizen wrote.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.core.parse_data import RESPONSE_SELECTOR_KEY, selected_answer
from bot.core.situation_route import states_own_situation
from bot.nlu.components import ConfiguredComponent
from bot.nlu.intent_override import override_intent


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SituationRouter(ConfiguredComponent):
    """Sets ``tell_situation`` on an unsure or rule-answered message that states the group's own situation."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "intent": "tell_situation",
            # the intents it may replace, and the FAQ answers (by prefix) under the retrieval intent "faq"
            "replaces": ["nlu_fallback"],
            "replaces_answers": ["faq/registration_"],
        }

    def _replaceable(self, message: Message) -> bool:
        intent = str((message.get(INTENT) or {}).get(INTENT_NAME_KEY) or "")
        if intent in self.component_config["replaces"]:
            return True
        if intent != "faq":
            return False
        key = str(
            selected_answer({RESPONSE_SELECTOR_KEY: message.get(RESPONSE_SELECTOR_KEY)}).get("intent_response_key")
            or ""
        )
        return key.startswith(tuple(self.component_config["replaces_answers"]))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and self._replaceable(message) and states_own_situation(text):
                override_intent(message, str(self.component_config["intent"]))
        return messages
