"""The rate limits shared in Redis (bot/channels/ratelimit_shared.py): two processes (replicas) share one sender's and
one address's limit, a refused message is not counted, the window slides, 0 turns a limit off, and without Redis
each process falls back to its own limits; against a real Redis."""

from __future__ import annotations

import uuid

import pytest

from bot.channels.ratelimit import ChatLimits
from bot.channels.ratelimit_shared import SharedChatLimits, chat_limits

pytestmark = pytest.mark.redis


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def channel() -> str:
    return f"test-{uuid.uuid4().hex[:8]}"  # fresh keys for each test


def replicas(redis_url: str, per_sender: int, per_address: int, clock: Clock, count: int = 2) -> list[SharedChatLimits]:
    import redis

    client = redis.Redis.from_url(redis_url)
    return [SharedChatLimits(client, ChatLimits.of(per_sender, per_address), clock=clock) for _ in range(count)]


def test_two_replicas_share_one_senders_limit(redis_url, channel) -> None:
    clock = Clock()
    first, second = replicas(redis_url, 5, 0, clock)
    verdicts = [(first if i % 2 else second).refusal(channel, "citizen-1") for i in range(8)]
    assert verdicts == [None] * 5 + ["sender"] * 3  # 5 in all, not 5 on each
    assert first.refusal(channel, "citizen-2") is None  # another sender has its own window


def test_a_refused_message_is_not_counted_and_the_window_slides(redis_url, channel) -> None:
    clock = Clock()
    [limits] = replicas(redis_url, 3, 0, clock, count=1)
    for _ in range(3):
        clock.now += 1
        assert limits.refusal(channel, "s") is None
    for _ in range(10):
        assert limits.refusal(channel, "s") == "sender"
    clock.now += 58.5  # the first message (at +1 s) has left the 60 s window, the others not yet
    assert limits.refusal(channel, "s") is None
    assert limits.refusal(channel, "s") == "sender"


def test_the_address_limit_is_shared_and_counts_only_messages_let_through(redis_url, channel) -> None:
    clock = Clock()
    first, second = replicas(redis_url, 2, 3, clock)
    results = [(first, "a"), (second, "b"), (first, "c"), (second, "d")]
    assert [r.refusal(channel, s, "203.0.113.7") for r, s in results] == [None, None, None, "address"]
    assert first.refusal(channel, "e", "198.51.100.1") is None  # another address


def test_zero_turns_the_limits_off(redis_url, channel) -> None:
    clock = Clock()
    [limits] = replicas(redis_url, 0, 0, clock, count=1)
    assert all(limits.refusal(channel, "s", "192.0.2.1") is None for _ in range(50))


def test_without_redis_each_process_keeps_its_own_limits(channel) -> None:
    limits = SharedChatLimits.from_url("redis://127.0.0.1:1/0", ChatLimits.of(2, 0))
    assert [limits.refusal(channel, "s") for _ in range(3)] == [None, None, "sender"]


def test_the_shared_limits_are_chosen_by_lock_store_url() -> None:
    assert isinstance(chat_limits({"LOCK_STORE_URL": "redis://127.0.0.1:6379/0"}), SharedChatLimits)
    assert isinstance(chat_limits({}), ChatLimits)
    assert chat_limits({"CHAT_RATE_PER_SENDER": "7"}).per_sender.per_minute == 7
