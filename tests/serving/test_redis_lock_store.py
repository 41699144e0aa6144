"""The Redis lock store is race-safe across processes; Rasa 3.6's own RedisLockStore is not (RasaHQ/rasa#9213).

Each "replica" is a thread with its own event loop and its own lock store object (its own Redis connection), all
taking the lock of ONE conversation over and over, as Rasa does for every message. Inside the lock a counter shows
whether two hold it at once.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Callable

import pytest
from rasa.core.lock_store import LockError, LockStore, RedisLockStore

from bot.serving.redis_lock_store import AtomicRedisLockStore

pytestmark = pytest.mark.redis


def contend(
    make_store: Callable[[], LockStore],
    replicas: int = 4,
    rounds: int = 30,
    lifetime: float = 3.0,
    deadline: float = 20.0,
) -> dict[str, float]:
    """Every replica takes the one conversation's lock ``rounds`` times; counts overlaps, errors, and replicas still
    waiting for the lock when the deadline (plus one lock lifetime) has passed ("stuck": a waiter whose ticket was
    lost spins for ever in Rasa's store)."""
    conversation = f"race-{uuid.uuid4().hex}"
    state = {"inside": 0, "overlaps": 0, "done": 0, "errors": 0, "stuck": 0}
    guard = threading.Lock()
    stop_at = time.monotonic() + deadline

    def replica() -> None:
        store = make_store()

        async def run() -> None:
            for _ in range(rounds):
                if time.monotonic() > stop_at:
                    return
                try:
                    async with store.lock(conversation, lock_lifetime=lifetime, wait_time_in_seconds=0.005):
                        with guard:
                            state["inside"] += 1
                            state["overlaps"] += state["inside"] > 1
                        await asyncio.sleep(0.002)
                        with guard:
                            state["inside"] -= 1
                            state["done"] += 1
                except LockError:
                    with guard:
                        state["errors"] += 1

        async def bounded() -> None:
            try:
                await asyncio.wait_for(run(), timeout=deadline + lifetime)
            except asyncio.TimeoutError:
                with guard:
                    state["stuck"] += 1

        asyncio.run(bounded())

    threads = [threading.Thread(target=replica) for _ in range(replicas)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return state


def test_one_holder_at_a_time_and_every_message_served(redis_url):
    state = contend(lambda: AtomicRedisLockStore(url=redis_url))
    assert state["overlaps"] == 0 and state["errors"] == 0 and state["stuck"] == 0
    assert state["done"] == 4 * 30


def test_rasas_redis_lock_store_lets_two_replicas_in_at_once(redis_url):
    """The test above, on Rasa's store: it fails it (overlaps, lost tickets that end in LockError, or waiters stuck on
    a lost ticket)."""
    from urllib.parse import urlsplit

    parts = urlsplit(redis_url)
    db = int((parts.path or "/0").strip("/") or 0)
    state = contend(
        lambda: RedisLockStore(host=parts.hostname, port=parts.port or 6379, db=db, key_prefix="racetest"), deadline=8.0
    )
    assert state["overlaps"] > 0 or state["errors"] > 0 or state["stuck"] > 0 or state["done"] < 4 * 30


def test_tickets_are_served_in_the_order_they_were_issued(redis_url):
    store = AtomicRedisLockStore(url=redis_url)
    conversation = f"order-{uuid.uuid4().hex}"
    first, second, third = (store.issue_ticket(conversation, 5) for _ in range(3))
    assert (first, second, third) == (1, 2, 3)
    assert [store.ticket_status(conversation, t) for t in (first, second, third)] == [1, 0, 0]
    store.cleanup(conversation, first)
    assert [store.ticket_status(conversation, t) for t in (second, third)] == [1, 0]
    store.cleanup(conversation, second)
    store.cleanup(conversation, third)
    assert store.red.exists(*store._keys(conversation)) == 0  # nothing left behind


def test_an_expired_ticket_is_skipped_and_then_refused(redis_url):
    store = AtomicRedisLockStore(url=redis_url)
    conversation = f"expiry-{uuid.uuid4().hex}"
    stale = store.issue_ticket(conversation, 0.05)  # a replica that died holding the lock
    waiting = store.issue_ticket(conversation, 5)
    assert store.ticket_status(conversation, waiting) == 0
    time.sleep(0.1)
    assert store.ticket_status(conversation, waiting) == 1
    assert store.ticket_status(conversation, stale) == -1

    async def take_stale() -> None:
        await store._acquire_lock(conversation, stale, 0.01)

    with pytest.raises(LockError):
        asyncio.run(take_stale())
    store.cleanup(conversation, waiting)


def test_without_a_url_it_says_what_to_set(monkeypatch):
    monkeypatch.delenv("LOCK_STORE_URL", raising=False)
    with pytest.raises(LockError, match="LOCK_STORE_URL"):
        AtomicRedisLockStore()


def test_rasa_builds_it_from_the_endpoint_config(redis_url, monkeypatch):
    from rasa.utils.endpoints import EndpointConfig

    monkeypatch.setenv("LOCK_STORE_URL", redis_url)
    store = LockStore.create(EndpointConfig(type="bot.serving.redis_lock_store.AtomicRedisLockStore"))
    assert isinstance(store, AtomicRedisLockStore)

    from rasa.core.utils import number_of_sanic_workers

    monkeypatch.setenv("SANIC_WORKERS", "2")
    assert number_of_sanic_workers(EndpointConfig(type="bot.serving.redis_lock_store.AtomicRedisLockStore")) == 2
