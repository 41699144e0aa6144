"""Helpers of the pre-check form tests: Rasa's calls to the form's validator, and what the dispatcher got."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker

from actions.precheck_form import SLOT_KEYS, ValidatePrecheckForm

FORM = {"name": "precheck_form"}
SLOTS = list(SLOT_KEYS)


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def responses(dispatcher) -> list[str]:
    return [m.get("response") for m in dispatcher.messages]


def texts(dispatcher) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


@pytest.fixture
def reply(make_tracker):
    """A tracker as Rasa sends it to validate_precheck_form: the reply, then the from_text slot candidate."""

    def _reply(slot: str, text: str, slots: dict[str, Any] = None, intent: str = "inform_precheck") -> Tracker:
        tracker = make_tracker(
            text=text, intent=intent, slots={**(slots or {}), slot: text}, requested_slot=slot, active_loop=FORM
        )
        tracker.events.append({"event": "slot", "name": slot, "value": text, "timestamp": None})
        return tracker

    return _reply


async def validate(dispatcher, domain, tracker) -> dict[str, Any]:
    return slot_events(await ValidatePrecheckForm().run(dispatcher, tracker, domain))
