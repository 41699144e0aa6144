"""The incremental dialogue states (bot/serving/states_cache.py) equal Rasa's own, call after call, for every
conversation test story turn by turn, for rewound, restarted and new-session conversations, for one sender id
reused with another history, and after a caller edits the states it was given; and a long conversation's turn
replays only its new events (counted, not timed)."""

from __future__ import annotations

import copy
import warnings
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.importers.importer import TrainingDataImporter

from bot.serving import states_cache

ROOT = Path(__file__).resolve().parents[2]
RULE_ONLY = {"slots": ["handoff_pending", "feedback_id"], "loops": ["feedback_form", "handoff_form"]}
OPTIONS = [
    {},
    {"omit_unset_slots": True},
    {"ignore_rule_only_turns": True, "rule_only_data": RULE_ONLY},
    {"omit_unset_slots": True, "ignore_rule_only_turns": True, "rule_only_data": RULE_ONLY},
]


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(ROOT / "domain.yml")


@pytest.fixture(scope="module")
def story_events(domain: Domain) -> dict[str, list[Event]]:
    importer = TrainingDataImporter.load_from_dict(
        domain_path=str(ROOT / "domain.yml"), training_data_paths=[str(ROOT / "tests" / "stories")]
    )
    with warnings.catch_warnings():  # the conversation tests name full retrieval intents (faq/<key>), as they should
        warnings.simplefilter("ignore", UserWarning)
        stories = importer.get_stories()
        generator = TrainingDataGenerator(stories, domain, augmentation_factor=0, remove_duplicates=False)
        trackers = generator.generate_story_trackers()
    assert len(trackers) >= 20
    return {f"{i}-{t.sender_id}": list(t.events) for i, t in enumerate(trackers)}


@pytest.fixture(autouse=True)
def installed():
    states_cache.install()
    states_cache.clear()
    yield
    states_cache.clear()


def stored(sender: str, events: list[Event], domain: Domain) -> DialogueStateTracker:
    """The tracker as a tracker store gives it back each turn: a new object, the events copied."""
    return DialogueStateTracker.from_events(sender, copy.deepcopy(events), domain.slots)


def rasas(domain: Domain, tracker: DialogueStateTracker, **options) -> list:
    return states_cache._rasa_states_for_tracker_history(domain, tracker, **options)


def turn_ends(events: list[Event]) -> list[int]:
    """Where a turn is over: after each action_listen, and the end."""
    ends = [i + 1 for i, e in enumerate(events) if isinstance(e, ActionExecuted) and e.action_name == "action_listen"]
    return [*ends, len(events)]


def test_the_cache_is_installed_in_place_of_rasas_method() -> None:
    assert Domain.states_for_tracker_history is states_cache.states_for_tracker_history
    assert DialogueStateTracker.applied_events is states_cache.applied_events


@pytest.mark.parametrize("options", OPTIONS, ids=["plain", "omit", "rules", "omit-rules"])
def test_every_test_story_turn_by_turn_gives_rasas_states(domain, story_events, options) -> None:
    compared = 0
    for name, events in story_events.items():
        for end in turn_ends(events):
            tracker = stored(name, events[:end], domain)
            for _ in range(2):  # several policies ask in one turn: the second call comes from the cache
                assert tracker.past_states(domain, **options) == rasas(domain, tracker, **options), (name, end)
                compared += 1
    assert compared >= 100


def conversation(turns: int, start: float = 1_700_000_000.0) -> list[Event]:
    events: list[Event] = [ActionExecuted("action_session_start", timestamp=start), SessionStarted(timestamp=start)]
    events.append(ActionExecuted("action_listen", timestamp=start + 0.1))
    for turn in range(turns):
        t = start + 1 + turn
        events.append(UserUttered(f"質問{turn}", {"name": "faq", "confidence": 0.9}, timestamp=t))
        events.append(ActionExecuted("utter_faq", timestamp=t + 0.1))
        events.append(SlotSet("feedback_id", str(turn), timestamp=t + 0.2))
        events.append(ActionExecuted("action_listen", timestamp=t + 0.3))
    return events


def assert_same(domain: Domain, tracker: DialogueStateTracker) -> None:
    for options in OPTIONS:
        assert tracker.past_states(domain, **options) == rasas(domain, tracker, **options)


@pytest.mark.parametrize(
    "tail",
    [
        [UserUtteranceReverted(timestamp=1_800_000_000.0)],
        [ActionReverted(timestamp=1_800_000_000.0)],
        [Restarted(timestamp=1_800_000_000.0)],
        [ActionExecuted("action_session_start", timestamp=1_800_000_000.0), SessionStarted(timestamp=1_800_000_000.0)],
        [ActiveLoop("precheck_form", timestamp=1_800_000_000.0), SlotSet("requested_slot", "precheck_non_profit")],
    ],
    ids=["rewind", "undo", "restart", "new-session", "form"],
)
def test_a_conversation_that_is_rewound_restarted_or_started_anew_gives_rasas_states(domain, tail) -> None:
    events = conversation(6)
    assert_same(domain, stored("long", events, domain))
    assert_same(domain, stored("long", events + tail, domain))
    more = [UserUttered("続き", {"name": "greet", "confidence": 1.0}, timestamp=1_800_000_001.0)]
    assert_same(domain, stored("long", events + tail + more, domain))


def test_one_sender_id_with_another_history_is_not_mistaken_for_the_cached_one(domain) -> None:
    assert_same(domain, stored("same-id", conversation(5), domain))
    assert_same(domain, stored("same-id", conversation(3, start=1_750_000_000.0), domain))
    other = conversation(5)
    other[4] = UserUttered("別の質問", {"name": "greet", "confidence": 0.9}, timestamp=other[4].timestamp)
    assert_same(domain, stored("same-id", other, domain))


def test_a_caller_editing_its_states_does_not_change_the_next_answer(domain) -> None:
    tracker = stored("edited", conversation(4), domain)
    given = tracker.past_states(domain)
    for state in given:
        state.get("user", {}).pop("text", None)
        state.get("user", {}).pop("intent", None)
    assert tracker.past_states(domain) == rasas(domain, tracker)


def test_a_long_conversation_replays_only_its_new_events(domain, monkeypatch) -> None:
    replayed = []
    real_update = DialogueStateTracker.update

    def counting_update(self, event, domain=None):
        replayed.append(event)
        return real_update(self, event, domain)

    events = conversation(300)
    tracker = stored("long", events[:-4], domain)
    tracker.past_states(domain)
    monkeypatch.setattr(DialogueStateTracker, "update", counting_update)
    tracker = DialogueStateTracker.from_events("long", events, domain.slots)  # rebuilding it counts its events too
    replayed.clear()
    ours = tracker.past_states(domain)
    assert len(replayed) == 4  # the cache replays the 4 events that are new since the last turn ...
    tracker.past_states(domain)
    assert len(replayed) == 4  # ... and nothing more for the next call within the turn,
    replayed.clear()
    assert ours == rasas(domain, tracker)
    assert len(replayed) == len(tracker.applied_events()) > 1200  # where Rasa's own method replays the whole session


def test_applied_events_is_remembered_only_while_the_events_are_unchanged(domain) -> None:
    tracker = stored("applied", conversation(3), domain)
    first = tracker.applied_events()
    first.clear()  # a caller's edit of its copy
    assert tracker.applied_events() == states_cache._rasa_applied_events(tracker) != []
    tracker.update(UserUtteranceReverted())
    assert tracker.applied_events() == states_cache._rasa_applied_events(tracker)
    tracker.update(Restarted())
    assert tracker.applied_events() == states_cache._rasa_applied_events(tracker) == []


def test_applied_events_extended_turn_by_turn_equal_rasas_even_when_a_later_loop_changes_earlier_ones(domain) -> None:
    loop_run = [ActionExecuted("precheck_form", timestamp=1_700_000_500.0)] * 2
    tail = [
        ActiveLoop("precheck_form", timestamp=1_700_000_600.0),
        *loop_run,
        ActiveLoop(None, timestamp=1_700_000_700.0),
    ]
    tracker = stored("loops", conversation(2) + loop_run, domain)
    for event in [*tail, UserUtteranceReverted(), ActionReverted(), Restarted(), *conversation(1)]:
        tracker.applied_events()  # the answer so far is remembered ...
        tracker.update(event)  # ... and extended by the next event, or recomputed when it names a new loop
        assert tracker.applied_events() == states_cache._rasa_applied_events(tracker)
