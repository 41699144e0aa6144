"""Rasa adapter for a citizen's own situation (issue 14, kind 1): 「会員が2名だけど申請できる？」.

Thin: the facts are read by bot/core/situation.py, the answer is composed by bot/core/situation_answer.py. The facts
are set on the pre-check's slots (with precheck_prefilled), so the pre-check started from the button skips them.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.precheck_form import PREFILLED_SLOT, SLOT_KEYS
from actions.style import styled
from bot.core.situation import Facts, read_situation
from bot.core.situation_answer import START_PRECHECK_PAYLOAD, answer_text, concern, offer_text
from bot.core.texts import text

START_PAYLOAD = START_PRECHECK_PAYLOAD
RULES_RESPONSE = "utter_faq/registration_requirements"
_KEY_SLOTS = {key: slot for slot, key in SLOT_KEYS.items()}


def prefill_events(facts: Facts) -> list[EventType]:
    """The pre-check slots for the facts stated, and the mark that keeps them when the pre-check starts."""
    if not facts:
        return []
    events: list[EventType] = [SlotSet(_KEY_SLOTS[key], value) for key, value in facts.items()]
    return events + [SlotSet(PREFILLED_SLOT, True)]


def _offer_button() -> list[dict[str, Any]]:
    return [{"title": text("situation.offer_button"), "payload": START_PAYLOAD}]


class ActionAnswerSituation(Action):
    """The requirement concerned and the verdict on the fact, the 事務局's review, and the pre-check offer."""

    def name(self) -> str:
        return "action_answer_situation"

    @styled
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        message = str((tracker.latest_message or {}).get("text") or "")
        facts = read_situation(message)
        about = concern(message, facts)
        if about is None:
            dispatcher.utter_message(response=RULES_RESPONSE)
        else:
            dispatcher.utter_message(text=answer_text(facts, about))
        dispatcher.utter_message(text=offer_text(facts), buttons=_offer_button())
        return prefill_events(facts)
