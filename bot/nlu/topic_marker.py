"""Tags each question with its topic, or marks it as a follow-up of the last answer (issue 14, kind 3).

Runs after the classifiers and the fallback: it changes no intent and no FAQ answer, it only adds an entity.

- A question (intent ``faq``) that is not follow-up shaped gets the entity ``topic`` = its FAQ answer key
  (``faq/<key>``); an opening-hours question that names a facility gets ``topic`` = that facility. The slot
  ``topic`` maps from this entity, so action_extract_slots keeps the topic of the last answer without an action
  server, and the plain rule ``faq → utter_faq`` keeps answering (data/rules/faq.yml).
- A follow-up shaped message (``bot.core.followup.followup_shaped``: 「そこのFAXは？」, 「住所も教えて」,
  「サポートセンターのことです」) of intent ``faq`` or ``nlu_fallback`` gets the entity ``followup`` and no
  ``topic``: the slot keeps the previous topic, and the rules of data/rules/followup.yml answer it with
  action_answer_followup (bot.core.followup.resolve_followup over the slot).
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.core.followup import followup_shaped, topic_of
from bot.nlu.components import StatelessComponent

TOPIC = "topic"
FOLLOWUP = "followup"
FOLLOWUP_INTENTS = ("faq", "nlu_fallback")


def answer_key(message: Message) -> str | None:
    """The ResponseSelector's ``faq/<key>`` for the message, or None."""
    selector = (message.get("response_selector") or {}).get("faq") or {}
    key = (selector.get("response") or {}).get("intent_response_key")
    return str(key) if key else None


def marker_entity(intent: str, key: str | None, text: str) -> tuple[str, str] | None:
    """(entity, value) to add: ``followup`` for a follow-up shaped question, else ``topic``; None for neither."""
    if not text or text.lstrip().startswith("/"):
        return None
    if intent in FOLLOWUP_INTENTS and followup_shaped(text, unsure=intent == "nlu_fallback"):
        return FOLLOWUP, "true"
    topic = topic_of(intent, key, text)
    return (TOPIC, topic) if topic else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class TopicMarker(StatelessComponent):
    """Adds the entity ``topic`` (the answer's key) or ``followup`` to every question in words."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            intent = str((message.get(INTENT) or {}).get(INTENT_NAME_KEY) or "")
            found = marker_entity(intent, answer_key(message), text if isinstance(text, str) else "")
            if found is None:
                continue
            entity, value = found
            entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") not in (TOPIC, FOLLOWUP)]
            entities.append(
                {"entity": entity, "value": value, "start": 0, "end": len(text), "extractor": type(self).__name__}
            )
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
