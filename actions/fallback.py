"""``action_suggest_candidates``: the reply to a message the model is not sure about."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import follow_up_fallback
from bot.core.suggestions import rank_candidates

logger = logging.getLogger(__name__)


class ActionSuggestCandidates(Action):
    """Offers the 2–3 likeliest questions as buttons ("did you mean"), or declines politely."""

    def name(self) -> str:
        return "action_suggest_candidates"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        try:
            candidates = rank_candidates(tracker.latest_message or {})
        except Exception:  # a broken data file must not turn into a server error
            logger.exception("could not rank fallback candidates")
            candidates = []
        if not candidates:
            dispatcher.utter_message(response="utter_out_of_scope")
        else:
            buttons = [{"title": c.title, "payload": c.payload} for c in candidates]
            dispatcher.utter_message(response="utter_did_you_mean", buttons=buttons)
        await follow_up_fallback(
            dispatcher, tracker
        )  # log for the console; offer a person on the 2nd fallback in a row
        # The likeliest answer becomes the topic: 「サポートセンターのことです」 then gets that question's answer
        # for the サポートセンター (action_answer_followup, issue 14 kind 3).
        return [SlotSet("topic", candidates[0].key)] if candidates and candidates[0].key.startswith("faq/") else []
