"""Rasa adapters for the 👍/👎 buttons after a FAQ answer (``utter_ask_feedback``).

👍 or 👎 (intents feedback_good / feedback_bad, sent as button payloads on the web page and LINE) stores the
rated question, its answer key, NLU confidence and channel. 👎 then asks for an optional word
(``feedback_form``), which ``action_save_feedback_comment`` adds to the same row (slot ``feedback_id``).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import db
from bot.core.feedback_rules import RatedAnswer, clean_comment, rated_answer

logger = logging.getLogger(__name__)


def store_feedback(rated: RatedAnswer, helpful: bool, sender_id: str | None, channel: str | None) -> int:
    with db.session_scope() as session:
        row = db.add_row(
            session,
            db.AnswerFeedback,
            **db.conversation_keys(sender_id, channel),
            question=rated.question,
            answer_key=rated.answer_key,
            confidence=rated.confidence,
            helpful=helpful,
        )
        return int(row.id)


def store_comment(feedback_id: int, comment: str) -> bool:
    with db.session_scope() as session:
        row = session.get(db.AnswerFeedback, feedback_id)
        if row is None or row.helpful:
            return False
        row.comment = comment
        return True


class ActionRecordFeedback(Action):
    """Stores a 👍/👎 press on the FAQ answer just given; thanks for 👍 (👎 goes on to the form)."""

    def name(self) -> str:
        return "action_record_feedback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        helpful = ((tracker.latest_message or {}).get("intent") or {}).get("name") == "feedback_good"
        rated = rated_answer(tracker.events)
        feedback_id: int | None = None
        if rated is not None:
            try:
                feedback_id = await asyncio.to_thread(
                    store_feedback, rated, helpful, tracker.sender_id, tracker.get_latest_input_channel()
                )
            except Exception:  # noqa: BLE001 - feedback is not worth an error message
                logger.exception("Storing feedback failed")
        if helpful:
            dispatcher.utter_message(response="utter_feedback_thanks")
        return [SlotSet("feedback_id", feedback_id)]


class ValidateFeedbackForm(FormValidationAction):
    def name(self) -> str:
        return "validate_feedback_form"

    def validate_feedback_comment(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"feedback_comment": clean_comment(value if isinstance(value, str) else None)}


class ActionSaveFeedbackComment(Action):
    """Adds the word (if any) to the 👎 row, and thanks."""

    def name(self) -> str:
        return "action_save_feedback_comment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        comment, feedback_id = tracker.get_slot("feedback_comment") or "", tracker.get_slot("feedback_id")
        if comment and isinstance(feedback_id, (int, float)):
            try:
                await asyncio.to_thread(store_comment, int(feedback_id), comment)
            except Exception:  # noqa: BLE001
                logger.exception("Storing a feedback comment failed")
        dispatcher.utter_message(response="utter_feedback_comment_thanks" if comment else "utter_feedback_thanks")
        return [SlotSet("feedback_comment", None), SlotSet("feedback_id", None)]
