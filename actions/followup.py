"""``action_answer_followup``: a follow-up (「そこのFAXは？」) answered about the topic of the last answer.

The rules of data/rules/followup.yml run it for a message bot.nlu.topic_marker.TopicMarker marked ``followup``.
``resolve_followup`` (bot/core/followup.py) picks the answer from the message, the slot ``topic`` and what the NLU
predicted for the message alone; the answer is the FAQ response ``utter_faq/<key>`` (served by the styled NLG in
standard, やさしい or English words) followed by the 👍/👎 question (``utter_ask_feedback``), and the slot keeps its
key, which a press on 👍/👎 then rates (bot/core/feedback_rules.py). With nothing to lean on, the reply is the one the
plain rules give: the ResponseSelector's answer, or the "did you mean" buttons of an unsure message (no 👍/👎).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionSuggestCandidates
from bot.core.followup import resolve_followup
from bot.core.parse_data import routing_label

TOPIC_SLOT = "topic"


def followup_answer(latest: dict[str, Any], topic: str | None) -> str:
    """The label the follow-up gets: ``faq/<key>``, or another label when there is no FAQ answer to give."""
    text = str(latest.get("text") or "")
    return resolve_followup(text, topic if isinstance(topic, str) and topic else None, routing_label(latest))


class ActionAnswerFollowup(Action):
    """Answers a follow-up about the topic of the last answer; never an empty reply."""

    def name(self) -> str:
        return "action_answer_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        label = followup_answer(tracker.latest_message or {}, tracker.get_slot(TOPIC_SLOT))
        if label.startswith("faq/"):
            dispatcher.utter_message(response=f"utter_{label}")
            dispatcher.utter_message(response="utter_ask_feedback")
            return [SlotSet(TOPIC_SLOT, label)]
        return await ActionSuggestCandidates().run(dispatcher, tracker, domain)
