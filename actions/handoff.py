"""Rasa adapters for the handoff to a person: the offer, the message form, the stored request, the pause
while a coordinator has it, 「ボットに戻る」, and the follow-up of a fallback (log it; offer a person on the
second in a row). The rules are in bot/core/handoff_rules.py, the wording in data/texts/handoff.yml, storage in
bot/db.

The pause is the slot ``handoff_pending``: while it is true, the rules in data/rules/handoff.yml send every
message to ``action_handoff_pending``, which stores it on the request and answers with the waiting note,
until the citizen says 「ボットに戻る」 or a coordinator closes the request in the console.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.style import styled
from bot import db
from bot.core import handoff_rules as hl
from bot.core.japanese_calendar import now_in_tokyo
from bot.core.texts import text

logger = logging.getLogger(__name__)

PENDING_SLOT = "handoff_pending"
FORM_SLOTS = ("handoff_message", "handoff_contact")


def centre_availability(now: datetime) -> tuple[hl.Availability, hl.FacilityInfo]:
    """The support centre's availability at ``now`` from the facility DB; data/facilities.yml's rule if it fails."""
    try:
        from bot.db import load_snapshot

        snapshot = load_snapshot(now.date(), now.date() + timedelta(days=62))
        centre = next((f for f in snapshot.facilities if f.key == hl.CENTRE_KEY), None) or hl.default_centre()
        special = snapshot.special.get(hl.CENTRE_KEY, {})
    except Exception:  # noqa: BLE001 - the rule alone still gives a right answer on ordinary days
        logger.exception("Reading the facility database failed; using the calendar rule alone")
        centre, special = hl.default_centre(), {}
    return hl.availability(centre, special, now), centre


def _keys(tracker: Tracker) -> dict[str, str]:
    return db.conversation_keys(tracker.sender_id, tracker.get_latest_input_channel())


def _sender(tracker: Tracker) -> str:
    return _keys(tracker)["sender_id"]


class ActionOfferHandoff(Action):
    """「人と話したい」: phone, online consultation and a message when open; the next opening when closed."""

    def name(self) -> str:
        return "action_offer_handoff"

    @styled
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if await asyncio.to_thread(limit_reached, _sender(tracker)):
            dispatcher.utter_message(text=hl.limit_text())
            return []
        av, centre = await asyncio.to_thread(centre_availability, now_in_tokyo())
        dispatcher.utter_message(text=hl.offer_text(av, centre), buttons=[hl.leave_message_button()])
        return []


class ValidateHandoffForm(FormValidationAction):
    """The message (not empty, at most 1000 characters) and a contact that may be declined."""

    def name(self) -> str:
        return "validate_handoff_form"

    def validate_handoff_message(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        message = hl.clean_message(value if isinstance(value, str) else None)
        if message is None:
            dispatcher.utter_message(response="utter_handoff_message_invalid")
        return {"handoff_message": message}

    def validate_handoff_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = hl.parse_contact(value if isinstance(value, str) else None)
        if answer.kind == "invalid":
            dispatcher.utter_message(response="utter_handoff_contact_invalid")
            return {"handoff_contact": None}
        return {"handoff_contact": answer.value or ""}  # "" = declined (None would ask again)


def _requests_in_window(session: Any, sender_id: str) -> int:
    return db.count_handoffs_since(session, sender_id, hl.limit_since(db.utcnow()))


def limit_reached(sender_id: str) -> bool:
    """Whether the sender has opened MAX_REQUESTS_PER_DAY requests in the last 24 hours; False when the database
    cannot tell (the offer is still made, and the store checks again)."""
    try:
        with db.session_scope() as session:
            return hl.limit_reached(_requests_in_window(session, sender_id))
    except Exception:  # noqa: BLE001 - the offer's phone number is still right
        logger.exception("Counting the sender's handoff requests failed")
        return False


def store_request(tracker: Tracker) -> int | None:
    """Store the request from the filled form; its id, or None when the sender has reached the daily limit."""
    contact = tracker.get_slot("handoff_contact") or None
    with db.session_scope() as session:
        if hl.limit_reached(_requests_in_window(session, _sender(tracker))):
            return None
        row = db.add_row(
            session,
            db.HandoffRequest,
            **_keys(tracker),
            message=str(tracker.get_slot("handoff_message") or "")[: hl.MAX_MESSAGE_CHARS],
            contact=contact,
            transcript=hl.transcript(tracker.events),
        )
        return int(row.id)


class ActionCreateHandoff(Action):
    """Stores the request, confirms it and pauses the bot for this sender (``handoff_pending``); past the daily
    limit (hl.MAX_REQUESTS_PER_DAY) only the note with the centre's phone number, and no pause."""

    def name(self) -> str:
        return "action_create_handoff"

    @styled
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        reset = [SlotSet(slot, None) for slot in FORM_SLOTS]
        try:
            request_id = await asyncio.to_thread(store_request, tracker)
        except Exception:  # noqa: BLE001 - the citizen gets the phone number instead of an error
            logger.exception("Storing a handoff request failed")
            dispatcher.utter_message(text=hl.save_failed_text())
            return reset
        if request_id is None:
            dispatcher.utter_message(text=hl.limit_text())
            return reset
        av, _ = await asyncio.to_thread(centre_availability, now_in_tokyo())
        confirmation = hl.confirmation_text(request_id, bool(tracker.get_slot("handoff_contact")), av)
        dispatcher.utter_message(text=confirmation, buttons=[hl.back_to_bot_button()])
        return reset + [SlotSet(PENDING_SLOT, True)]


def pending_request_note(sender_id: str, who: str, text: str) -> str | None:
    """Add ``text`` (not button payloads) to the sender's request unless it is closed; its status, or None when
    none is waiting."""
    with db.session_scope() as session:
        rows = db.recent_rows(session, db.HandoffRequest, db.HandoffRequest.sender_id == sender_id, limit=1)
        if not rows or rows[0].status == "closed":
            return None
        if text.strip() and not text.startswith("/"):
            db.add_handoff_followup(session, rows[0].id, who, text.strip())
        return str(rows[0].status)


class ActionHandoffPending(Action):
    """While paused: store the message on the request and answer with the waiting note; resume once closed."""

    def name(self) -> str:
        return "action_handoff_pending"

    @styled
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        message = str((tracker.latest_message or {}).get("text") or "")[: hl.MAX_MESSAGE_CHARS]
        try:
            status = await asyncio.to_thread(pending_request_note, _sender(tracker), "user", message)
        except Exception:  # noqa: BLE001 - keep waiting; the note still tells how to come back
            logger.exception("Reading the handoff request failed")
            status = "unknown"
        if status is None:
            dispatcher.utter_message(text=text("handoff.closed"))
            return [SlotSet(PENDING_SLOT, False)]
        dispatcher.utter_message(text=text("handoff.waiting"), buttons=[hl.back_to_bot_button()])
        return []


class ActionResumeBot(Action):
    """「ボットに戻る」: the bot answers again; the request stays with the coordinators (noted on it)."""

    def name(self) -> str:
        return "action_resume_bot"

    @styled
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        try:
            await asyncio.to_thread(pending_request_note, _sender(tracker), "system", text("handoff.resumed_note"))
        except Exception:  # noqa: BLE001 - resuming must work even without the database
            logger.exception("Noting the return to the bot failed")
        dispatcher.utter_message(text=text("handoff.resumed"))
        return [SlotSet(PENDING_SLOT, False)]


class ActionCancelHandoff(Action):
    """「やめる」 in the message form: nothing is stored."""

    def name(self) -> str:
        return "action_cancel_handoff"

    @styled
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_handoff_cancelled")
        return [ActiveLoop(None), SlotSet("requested_slot", None)] + [SlotSet(s, None) for s in FORM_SLOTS]


def log_fallback_turn(tracker: Tracker) -> None:
    parse = tracker.latest_message or {}
    intent, confidence = hl.likeliest_other_intent(parse)
    with db.session_scope() as session:
        db.add_row(
            session,
            db.FallbackTurn,
            **_keys(tracker),
            text=str(parse.get("text") or "")[:2000],
            intent=intent,
            confidence=confidence,
        )


async def follow_up_fallback(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """After the fallback reply: log the message for the console (off the event loop, like the other writes), and
    offer a person on the second in a row."""
    try:
        await asyncio.to_thread(log_fallback_turn, tracker)
    except Exception:  # noqa: BLE001 - the log is for coordinators; the citizen still gets an answer
        logger.exception("Logging a fallback turn failed")
    if hl.consecutive_fallbacks(tracker.events) >= 2:
        dispatcher.utter_message(response="utter_offer_handoff")
