"""The tracker store keeps the trackers it served (bot/serving/tracker_cache.py) and still gives exactly what Rasa's
own SQLTrackerStore gives: turn by turn, after another process (replica) wrote, after the console's and the retention
rule's deletes, across a new session and after a turn that failed before saving; on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from bot.serving.tracker_store import ProjectSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(ROOT / "domain.yml")


@pytest.fixture(params=["sqlite", "postgresql"])
def stores(request, tmp_path, domain):
    """This process's store, another replica's, and Rasa's own path (the reference), on one database."""
    url = f"sqlite:///{tmp_path / 't.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    made = [ProjectSQLTrackerStore(domain=domain, url=url) for _ in range(3)]
    made[2].keeps = False
    yield made
    for store in made:
        store.engine.dispose()


def turn(tracker: DialogueStateTracker, n: int, stamp: float) -> None:
    tracker.update(UserUttered(f"質問{n}", {"name": "faq", "confidence": 0.9}, timestamp=stamp))
    tracker.update(ActionExecuted("utter_faq", timestamp=stamp + 0.1))
    tracker.update(SlotSet("feedback_id", str(n), timestamp=stamp + 0.2))
    tracker.update(ActionExecuted("action_listen", timestamp=stamp + 0.3))


def seen(tracker: DialogueStateTracker | None) -> dict | None:
    return None if tracker is None else tracker.current_state(EventVerbosity.ALL)


async def same_as_rasa(store: ProjectSQLTrackerStore, reference: ProjectSQLTrackerStore, sender: str):
    got = await store.retrieve(sender)
    assert seen(got) == seen(await reference.retrieve(sender))
    return got


async def test_turn_by_turn_the_kept_tracker_is_handed_back_and_equals_rasas(stores, domain) -> None:
    here, _, rasa = stores
    tracker = DialogueStateTracker.from_events(
        "citizen", [ActionExecuted("action_listen", timestamp=1.0)], domain.slots
    )
    await here.save(tracker)  # a first turn: the store keeps what it stored
    tracker = await here.retrieve("citizen")
    for n in range(5):
        got = await same_as_rasa(here, rasa, "citizen")
        assert got is tracker  # nothing re-read: the tracker this process saved
        turn(got, n, 10.0 + n)
        await here.save(got)
    assert len((await rasa.retrieve("citizen")).events) == 1 + 5 * 4


async def test_events_another_replica_wrote_are_read_and_applied(stores, domain) -> None:
    here, there, rasa = stores
    tracker = DialogueStateTracker.from_events("shared", [ActionExecuted("action_listen", timestamp=1.0)], domain.slots)
    turn(tracker, 0, 10.0)
    await here.save(tracker)
    tracker = await here.retrieve("shared")
    for n in range(1, 4):
        other = await there.retrieve("shared")  # the next turn lands on the other replica
        turn(other, n, 10.0 + n)
        await there.save(other)
        got = await same_as_rasa(here, rasa, "shared")
        assert got is tracker and got.get_slot("feedback_id") == str(n)


async def test_deletes_by_another_process_are_seen(stores, domain) -> None:
    here, there, rasa = stores
    tracker = DialogueStateTracker.from_events("gone", [ActionExecuted("action_listen", timestamp=1.0)], domain.slots)
    for n in range(3):
        turn(tracker, n, 100.0 * (n + 1))
    await here.save(tracker)
    tracker = await here.retrieve("gone")
    assert await same_as_rasa(here, rasa, "gone") is tracker
    assert there.delete_events_before(150.0) == 5  # the retention rule, run by another process
    assert len((await same_as_rasa(here, rasa, "gone")).events) == len(tracker.events) - 5
    assert there.delete_conversation("gone") > 0  # the console's delete
    assert await same_as_rasa(here, rasa, "gone") is None


async def test_a_new_session_is_read_from_its_start_as_rasa_reads_it(stores, domain) -> None:
    here, _, rasa = stores
    tracker = DialogueStateTracker.from_events(
        "sessions", [ActionExecuted("action_listen", timestamp=1.0)], domain.slots
    )
    turn(tracker, 0, 10.0)
    await here.save(tracker)
    tracker.update(ActionExecuted("action_session_start", timestamp=5000.0))
    tracker.update(SessionStarted(timestamp=5000.1))
    tracker.update(ActionExecuted("action_listen", timestamp=5000.2))
    turn(tracker, 1, 5001.0)
    await here.save(tracker)
    got = await same_as_rasa(here, rasa, "sessions")
    assert got is not tracker and isinstance(got.events[0], SessionStarted)  # Rasa reads from SessionStarted on
    turn(got, 2, 5002.0)
    await here.save(got)
    assert await same_as_rasa(here, rasa, "sessions") is got


async def test_a_turn_that_failed_before_saving_leaves_no_unsaved_event_behind(stores, domain) -> None:
    here, _, rasa = stores
    tracker = DialogueStateTracker.from_events("failed", [ActionExecuted("action_listen", timestamp=1.0)], domain.slots)
    await here.save(tracker)
    got = await here.retrieve("failed")
    turn(got, 0, 10.0)  # the turn raised here: nothing saved
    again = await same_as_rasa(here, rasa, "failed")
    assert again is not got and len(again.events) == 1


async def test_an_unknown_sender_gets_none_and_the_switch_turns_the_keeping_off(stores, domain) -> None:
    here, _, rasa = stores
    assert await here.retrieve("nobody") is None
    tracker = DialogueStateTracker.from_events("off", [ActionExecuted("action_listen", timestamp=1.0)], domain.slots)
    await rasa.save(tracker)
    assert await rasa.retrieve("off") is not tracker and rasa._kept == {}
