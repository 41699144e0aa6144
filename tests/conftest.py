"""Shared fixtures: a CollectingDispatcher, a Tracker factory, the domain and a throw-away database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    with open(ROOT / "domain.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)


@pytest.fixture
def make_tracker() -> Callable[..., Tracker]:
    """Build a Tracker whose latest user message is ``text`` with ``intent``."""

    def _make(
        text: str = "",
        intent: str = "",
        confidence: float = 1.0,
        slots: dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
        events: list[dict[str, Any]] | None = None,
        sender_id: str = "test-user",
        channel: str = "rest",
        active_loop: dict[str, Any] | None = None,
        intent_ranking: list[dict[str, Any]] | None = None,
        response_selector: dict[str, Any] | None = None,
        requested_slot: str | None = None,
    ) -> Tracker:
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "entities": entities or [],
            "intent_ranking": intent_ranking or [{"name": intent, "confidence": confidence}],
        }
        if response_selector is not None:
            latest["response_selector"] = response_selector
        all_slots = dict(slots or {})
        if requested_slot is not None:
            all_slots["requested_slot"] = requested_slot
        user_event = {
            "event": "user",
            "text": text,
            "parse_data": latest,
            "input_channel": channel,
        }
        return Tracker(
            sender_id=sender_id,
            slots=all_slots,
            latest_message=latest,
            events=list(events or []) + [user_event],
            paused=False,
            followup_action=None,
            active_loop=active_loop or {},
            latest_action_name="action_listen",
        )

    return _make


@pytest.fixture
def temp_db(tmp_path, monkeypatch):
    """Point DATABASE_URL at a fresh SQLite file for one test, and reset the engine around it."""
    from bot import db

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'test.db'}")
    db.reset_engine()
    yield db
    db.reset_engine()


@pytest.fixture(autouse=True)
def _never_the_real_database(tmp_path, monkeypatch):
    """No test writes to var/kyodo.db: actions that log as a side effect (the fallback log) get a scratch file."""
    import sys

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'scratch.db'}")
    db = sys.modules.get("bot.db.engine")
    if db is not None:
        db.reset_engine()
    yield
    db = sys.modules.get("bot.db.engine")
    if db is not None:
        db.reset_engine()


from tests.servers import postgres_url, redis_url  # noqa: E402,F401  (fixtures for the tests that need the servers)
