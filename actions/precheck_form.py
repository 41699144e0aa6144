"""Rasa adapters for the registration pre-check form (issue 4).

Thin: the questions' answers are read by actions/precheck_parsing.py, the verdict is decided and worded by
actions/eligibility.py, and completed pre-checks are stored anonymously through actions/db.py.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.style import styled
from bot import db
from bot.core import eligibility as el
from bot.core.situation import reply_answers
from bot.core.texts import text

logger = logging.getLogger(__name__)

FORM_NAME = "precheck_form"
FAILURES_SLOT = "precheck_failures"
PREFILLED_SLOT = "precheck_prefilled"  # set by action_answer_situation: the answers stated before the start stay
MAX_FAILURES = 2
# The form's slots, in the order asked, and the eligibility answer each one holds.
SLOT_KEYS: dict[str, str] = {
    "precheck_open_to_citizens": el.OPEN_TO_CITIZENS,
    "precheck_non_profit": el.NON_PROFIT,
    "precheck_continuing_activity": el.CONTINUING_ACTIVITY,
    "precheck_member_count": el.MEMBER_COUNT,
    "precheck_base_in_kanazawa": el.BASE_IN_KANAZAWA,
    "precheck_political_religious": el.POLITICAL_RELIGIOUS,
    "precheck_mutual_aid_or_hobby": el.MUTUAL_AID_OR_HOBBY,
    "precheck_is_corporation": el.IS_CORPORATION,
}
RETRY_RESPONSES: dict[str, str] = {
    el.MEMBER_COUNT: "utter_precheck_retry_member_count",
    el.BASE_IN_KANAZAWA: "utter_precheck_retry_place",
    el.IS_CORPORATION: "utter_precheck_retry_legal_form",
}
RETRY_YES_NO = "utter_precheck_retry_yes_no"


def _typed_answer(key: str, value: Any) -> Any | None:
    """A value that already is an answer (a bool, or an int count), else None."""
    if key == el.MEMBER_COUNT:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value and value == int(value)
        return int(value) if ok else None
    return value if isinstance(value, bool) else None


def validate_answer(slot: str, value: Any, failures: int, slots: dict[str, Any] | None = None) -> dict[str, Any]:
    """Slot updates for one reply: the parsed answer (failures reset), or None and one more failure.

    A reply stating other questions' answers too (「12人で金沢市内、営利じゃないです」) also fills those still empty in
    ``slots``; when it answers only other questions, this one is asked again without counting a failure.
    """
    key = SLOT_KEYS[slot]
    if isinstance(value, str):
        answer, facts = reply_answers(key, value)
    else:
        answer, facts = _typed_answer(key, value), {}
    filled = slots or {}
    extra = {
        other: facts[k] for other, k in SLOT_KEYS.items() if other != slot and k in facts and filled.get(other) is None
    }
    if answer is None:
        return {slot: None, FAILURES_SLOT: failures if extra else failures + 1, **extra}
    return {slot: answer, FAILURES_SLOT: 0, **extra}


def answers_from_slots(slots: dict[str, Any]) -> dict[str, Any]:
    """The eligibility answers held by the form's slots (a float count from Rasa comes back as int)."""
    answers: dict[str, Any] = {}
    for slot, key in SLOT_KEYS.items():
        value = slots.get(slot)
        if key == el.MEMBER_COUNT and isinstance(value, float) and value.is_integer():
            value = int(value)
        answers[key] = value
    return answers


def reset_events() -> list[EventType]:
    """Clear every answer, the failure count and the requested slot."""
    return [SlotSet(slot, None) for slot in SLOT_KEYS] + [
        SlotSet(FAILURES_SLOT, None),
        SlotSet("requested_slot", None),
        SlotSet(PREFILLED_SLOT, None),
    ]


def start_events(slots: dict[str, Any], restarting: bool) -> tuple[list[EventType], int]:
    """Clear the answers, except those the citizen stated just before (precheck_prefilled) unless restarting.
    Also returns how many answers were kept."""
    if restarting or slots.get(PREFILLED_SLOT) is not True:
        return reset_events(), 0
    kept = sum(1 for slot in SLOT_KEYS if slots.get(slot) is not None)
    return [SlotSet(FAILURES_SLOT, None), SlotSet("requested_slot", None), SlotSet(PREFILLED_SLOT, None)], kept


def _failures(tracker: Tracker) -> int:
    value = tracker.get_slot(FAILURES_SLOT)
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


class ValidatePrecheckForm(FormValidationAction):
    """Reads each reply; one not understood is asked again, the second failure in a row offers a person."""

    def name(self) -> str:
        return "validate_precheck_form"

    def _validate(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        if value is None:  # a reset (start, restart), not a reply: nothing to read, no failure
            return {slot: None}
        failures = _failures(tracker)
        updates = validate_answer(slot, value, failures, tracker.current_slot_values())
        if updates[slot] is not None or updates[FAILURES_SLOT] == failures:  # answered, or answered others only
            return updates
        dispatcher.utter_message(response=RETRY_RESPONSES.get(SLOT_KEYS[slot], RETRY_YES_NO))
        if updates[FAILURES_SLOT] >= MAX_FAILURES:
            dispatcher.utter_message(response="utter_precheck_offer_human")
            dispatcher.utter_message(response="utter_human_contact")
            updates[FAILURES_SLOT] = 0
        return updates

    # rasa_sdk looks the validators up by name: one per question, each reading its reply the same way.
    def validate_precheck_open_to_citizens(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._validate("precheck_open_to_citizens", value, dispatcher, tracker)

    def validate_precheck_non_profit(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._validate("precheck_non_profit", value, dispatcher, tracker)

    def validate_precheck_continuing_activity(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._validate("precheck_continuing_activity", value, dispatcher, tracker)

    def validate_precheck_member_count(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._validate("precheck_member_count", value, dispatcher, tracker)

    def validate_precheck_base_in_kanazawa(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._validate("precheck_base_in_kanazawa", value, dispatcher, tracker)

    def validate_precheck_political_religious(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._validate("precheck_political_religious", value, dispatcher, tracker)

    def validate_precheck_mutual_aid_or_hobby(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._validate("precheck_mutual_aid_or_hobby", value, dispatcher, tracker)

    def validate_precheck_is_corporation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._validate("precheck_is_corporation", value, dispatcher, tracker)


class ActionReportPrecheck(Action):
    """After the form: the verdict, then the anonymous record; the answers are cleared for a next check."""

    def name(self) -> str:
        return "action_report_precheck"

    @styled
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        answers = answers_from_slots(tracker.current_slot_values())
        results = el.check_eligibility(answers)
        if not all(r.answered for r in results) or not isinstance(answers[el.IS_CORPORATION], bool):
            dispatcher.utter_message(response="utter_precheck_incomplete")
            return reset_events()
        for message in el.build_verdict_messages(answers, results):
            dispatcher.utter_message(text=message)
        await asyncio.to_thread(store_precheck, answers, results, tracker.get_latest_input_channel())
        return reset_events()


def store_precheck(answers: dict[str, Any], results: list[el.RequirementResult], channel: str | None) -> bool:
    """Store the completed pre-check; a database failure is logged and never reaches the citizen."""
    try:
        with db.session_scope() as session:
            db.save_precheck(session, answers, el.verdict_code(results), el.failed_keys(results), channel)
        return True
    except Exception:  # noqa: BLE001 - the verdict was already given; storing is best effort
        logger.exception("Storing the registration pre-check failed")
        return False


class ActionStartPrecheck(Action):
    """Before the form starts (start_precheck) or starts over (restart_form): clear the answers."""

    def name(self) -> str:
        return "action_start_precheck"

    @styled
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        restarting = tracker.get_intent_of_latest_message() == "restart_form"
        dispatcher.utter_message(response="utter_precheck_restart" if restarting else "utter_precheck_intro")
        events, kept = start_events(tracker.current_slot_values(), restarting)
        if kept:
            dispatcher.utter_message(text=text("situation.prefilled_note", count=kept, left=len(SLOT_KEYS) - kept))
        return events


class ActionCancelPrecheck(Action):
    """「やめる」: end the pre-check and forget its answers."""

    def name(self) -> str:
        return "action_cancel_precheck"

    @styled
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if tracker.active_loop_name != FORM_NAME:
            dispatcher.utter_message(response="utter_precheck_nothing_to_cancel")
            return []
        dispatcher.utter_message(response="utter_precheck_cancelled")
        return [ActiveLoop(None)] + reset_events()
