"""``action_restart`` (the ``/restart`` payload), overriding Rasa's default action of that name: listed in
domain.yml's actions, Rasa runs this one instead. A restart while a coordinator has the request (``handoff_pending``)
ends the pause like 「ボットに戻る」 does, so the request gets the same note; then the conversation restarts.
"""

from __future__ import annotations

import asyncio
import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, Restarted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.handoff import PENDING_SLOT, _sender, pending_request_note
from actions.style import styled
from bot.core.texts import text

logger = logging.getLogger(__name__)


class ActionRestart(Action):
    """Rasa's restart, plus the 「ボットに戻る」 note on a request still waiting; Rasa's utter_restart if defined."""

    def name(self) -> str:
        return "action_restart"

    @styled
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if tracker.get_slot(PENDING_SLOT):
            try:
                await asyncio.to_thread(pending_request_note, _sender(tracker), "system", text("handoff.resumed_note"))
            except Exception:  # noqa: BLE001 - restarting must work even without the database
                logger.exception("Noting the restart on the handoff request failed")
        if "utter_restart" in (domain.get("responses") or {}):
            dispatcher.utter_message(response="utter_restart")
        return [Restarted()]
