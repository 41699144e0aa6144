"""The tracker copy from a kept replay (bot/serving/tracker_copy.py) equals Rasa's ``travel_back_in_time`` copy, turn
by turn, for every conversation test story and for rewound, restarted and form conversations; it shares nothing
that a caller changes, ignores the processor's direct changes to the original as Rasa's copy does, and replays only
the new events (counted, not timed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    FollowupAction,
    Restarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from bot.serving import tracker_copy
from tests.serving.test_states_cache import conversation, stored, story_events, turn_ends

ROOT = Path(__file__).resolve().parents[2]
story_events = story_events  # the fixture: every conversation test story as events


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(ROOT / "domain.yml")


@pytest.fixture(autouse=True)
def installed():
    tracker_copy.install()


def snapshot(tracker: DialogueStateTracker) -> dict:
    """Everything a copy carries: the state Rasa serialises, and the attributes it does not."""
    seen = tracker.current_state(EventVerbosity.ALL)
    attributes = {k: v for k, v in vars(tracker).items() if not k.startswith("_kyodo") and k not in ("events", "slots")}
    slots = {name: (slot.value, slot.has_been_set) for name, slot in tracker.slots.items()}
    return {"state": seen, "attributes": attributes, "slots": slots, "events": list(tracker.events)}


def assert_copies_equal(tracker: DialogueStateTracker) -> DialogueStateTracker:
    ours = tracker.copy()
    assert snapshot(ours) == snapshot(tracker_copy._rasa_copy(tracker))
    return ours


def test_the_kept_replay_is_installed_in_place_of_rasas_copy() -> None:
    assert DialogueStateTracker.copy is tracker_copy.tracker_copy


def test_every_test_story_turn_by_turn_copies_as_rasa_copies(domain, story_events) -> None:
    compared = 0
    for name, events in story_events.items():
        tracker = DialogueStateTracker.from_events(name, [], domain.slots)
        done = 0
        for end in turn_ends(events):
            for event in events[done:end]:
                tracker.update(event)  # one live tracker, as in a turn: it grows, and is copied before each action
            done = end
            assert_copies_equal(tracker)
            compared += 1
    assert compared >= 100


@pytest.mark.parametrize(
    "tail",
    [
        [UserUtteranceReverted()],
        [ActionReverted()],
        [Restarted()],
        [FollowupAction("utter_greet")],
        [
            ActiveLoop("precheck_form"),
            SlotSet("requested_slot", "precheck_non_profit"),
            ActionExecuted("precheck_form"),
        ],
    ],
    ids=["rewind", "undo", "restart", "followup", "form"],
)
def test_rewound_restarted_and_form_conversations_copy_as_rasa_copies(domain, tail) -> None:
    tracker = stored("tail", conversation(4), domain)
    assert_copies_equal(tracker)
    for event in tail:
        tracker.update(event)
        assert_copies_equal(tracker)
    tracker.update(UserUttered("続き", {"name": "greet", "confidence": 1.0}))
    assert_copies_equal(tracker)


def test_changing_a_copy_or_the_original_in_place_leaves_the_next_copy_as_rasas(domain) -> None:
    tracker = stored("edits", conversation(3), domain)
    tracker.update(ActiveLoop("precheck_form"))
    first = assert_copies_equal(tracker)
    first.update(SlotSet("feedback_id", "changed"))
    first.active_loop.is_interrupted = True  # type: ignore[union-attr]
    first.latest_action["action_name"] = "edited"  # type: ignore[index]
    first.events.clear()
    tracker.clear_followup_action()  # the processor changes the original without an event ...
    tracker.active_loop.is_interrupted = True  # type: ignore[union-attr]
    second = assert_copies_equal(tracker)  # ... and Rasa's copy, a replay of the events, does not see it
    assert second.get_slot("feedback_id") == "2"


def test_a_copy_replays_only_the_events_added_since_the_last_one(domain, monkeypatch) -> None:
    tracker = stored("count", conversation(300), domain)
    tracker.copy()
    replayed = []
    real_update = DialogueStateTracker.update
    monkeypatch.setattr(DialogueStateTracker, "update", lambda t, e, d=None: (replayed.append(e), real_update(t, e, d)))
    tracker.update(UserUttered("もう一つ", {"name": "faq", "confidence": 0.9}))
    tracker.update(ActionExecuted("utter_faq"))
    replayed.clear()
    tracker.copy()
    assert len(replayed) == 2
    replayed.clear()
    tracker_copy._rasa_copy(tracker)
    assert len(replayed) == len(tracker.events) > 1200
