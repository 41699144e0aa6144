"""Tags each user message with its language (issue 16): an entity ``message_language`` = "en" for a sentence in
English or rōmaji (bot/core/language.py), "ja" for any other text. The slot ``message_language`` maps from this
entity, so bot/serving/styled_nlg.py answers in English where data/english has a variant.

Button payloads ("/intent...") and empty texts get no entity, so the slot keeps the language of the conversation.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.core.language import is_english_or_romaji
from bot.nlu.components import StatelessComponent

ENTITY = "message_language"


def message_language(text: str | None) -> str | None:
    """ "en" or "ja" for a user's text, None for a payload or an empty text."""
    if not text or not text.strip() or text.lstrip().startswith("/"):
        return None
    return "en" if is_english_or_romaji(text) else "ja"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class MessageLanguage(StatelessComponent):
    """Adds the ``message_language`` entity to every message in words."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            language = message_language(text if isinstance(text, str) else None)
            if language is None:
                continue
            entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != ENTITY]
            entities.append(
                {"entity": ENTITY, "value": language, "start": 0, "end": len(text), "extractor": type(self).__name__}
            )
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
