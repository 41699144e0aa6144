"""The project's SQL tracker store: its URL from the environment (SQLite under var/ by default), and the deletes
the console and the retention rule use, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.serving import tracker_store
from bot.serving.tracker_store import ProjectSQLTrackerStore, tracker_store_url


def test_the_url_comes_from_the_environment_else_a_file_under_var():
    assert tracker_store_url({"TRACKER_STORE_URL": " postgresql://k@127.0.0.1/k "}) == "postgresql://k@127.0.0.1/k"
    assert tracker_store_url({}) == f"sqlite:///{tracker_store.DEFAULT_PATH}"
    assert tracker_store.DEFAULT_PATH.parent.name == "var"


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = f"sqlite:///{tmp_path / 't.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    made = ProjectSQLTrackerStore(domain=Domain.empty(), url=url)
    yield made
    made.engine.dispose()


def tracker(sender: str, *stamps: float) -> DialogueStateTracker:
    events = []
    for stamp in stamps:
        events += [
            UserUttered("こんにちは", {"name": "greet"}, timestamp=stamp),
            ActionExecuted("action_listen", timestamp=stamp + 0.5),
        ]
    return DialogueStateTracker.from_events(sender, events)


async def test_deletes_one_conversation_and_keeps_the_others(store):
    await store.save(tracker("a", 100.0, 200.0))
    await store.save(tracker("b", 100.0))
    assert store.delete_conversation("a") == 4
    assert await store.retrieve("a") is None and len((await store.retrieve("b")).events) == 2
    assert store.delete_conversation("nobody") == 0


async def test_deletes_what_is_older_than_a_moment_and_reads_the_user_turns(store):
    await store.save(tracker("a", 100.0, 200.0))
    assert [e["timestamp"] for e in store.user_event_dicts()] == [100.0, 200.0]
    assert store.delete_events_before(150.0) == 2
    assert [e["timestamp"] for e in store.user_event_dicts()] == [200.0]
