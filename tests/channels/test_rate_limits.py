"""The chat channels' messages-per-minute limits (bot/channels/ratelimit.py): the limiter with a fake clock, then
the web chat and REST channels over HTTP (Rasa's app on loopback, the scripted bot); LINE in test_line_limits.py.
A refused message gets the channels.rate_limited text with 200 and never reaches the bot."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest

from bot.channels.proxy import parse_trusted
from bot.channels.ratelimit import ChatLimits, RateLimiter, rate_limited_text, short_id
from bot.channels.rest.channel import ProjectRestInput
from bot.channels.webchat.channel import WebChatInput
from bot.core.facilities import contacts
from tests.fakes.bot import FakeAgent, echo_answer
from tests.fakes.sanic_server import rasa_app, serve


@dataclass
class FakeClock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


# --- the limiter -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "limit, times, allowed",
    [
        (3, [0, 1, 2, 3], [True, True, True, False]),
        (3, [0, 10, 20, 59.9, 60, 61], [True, True, True, False, True, False]),  # 0 leaves the window at 60
        (2, [0, 0, 30, 60, 90, 120], [True, True, False, True, True, True]),  # a refusal is not counted
        (1, [0, 59, 60, 119.5, 120], [True, False, True, False, True]),
        (0, [0] * 50, [True] * 50),  # 0: no limit
    ],
)
def test_the_sliding_window(limit: int, times: list[float], allowed: list[bool]) -> None:
    clock = FakeClock(0.0)
    limiter = RateLimiter(limit, clock)
    got = []
    for t in times:
        clock.now = t
        got.append(limiter.allow("sender"))
    assert got == allowed


def test_keys_are_counted_apart_and_idle_keys_are_dropped() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2, clock)
    assert [limiter.allow(k) for k in ("a", "a", "a", "b", "b", "b")] == [True, True, False, True, True, False]
    for i in range(1000):
        limiter.allow(f"visitor-{i}")
    assert len(limiter) == 1002
    clock.advance(61)
    assert limiter.allow("a") and len(limiter) == 1  # every other key was idle for a whole window


def test_at_most_max_keys_are_kept_the_least_recently_used_forgotten() -> None:
    limiter = RateLimiter(1, FakeClock(), max_keys=3)
    assert [limiter.allow(k) for k in ("a", "b", "c", "d")] == [True] * 4
    assert len(limiter) == 3 and limiter.allow("a") and not limiter.allow("d")


def test_threads_sharing_a_limiter_get_exactly_the_limit() -> None:
    limiter = RateLimiter(50, FakeClock())
    results: list[bool] = []
    lock = threading.Lock()

    def flood() -> None:
        mine = [limiter.allow("one-sender") for _ in range(100)]
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=flood) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == 50 and len(results) == 800


@pytest.mark.parametrize(
    "environ, limits",
    [
        ({}, (20, 120)),
        ({"CHAT_RATE_PER_SENDER": "5", "CHAT_RATE_PER_ADDRESS": "0"}, (5, 0)),
        ({"CHAT_RATE_PER_SENDER": " 0 ", "CHAT_RATE_PER_ADDRESS": ""}, (0, 120)),
    ],
)
def test_the_limits_come_from_the_environment(environ: dict[str, str], limits: tuple[int, int]) -> None:
    built = ChatLimits.from_env(environ)
    assert (built.per_sender.per_minute, built.per_address.per_minute) == limits


@pytest.mark.parametrize("value", ["-1", "1.5", "twenty", "20/min"])
def test_a_wrong_setting_fails_at_start_up(value: str) -> None:
    with pytest.raises(ValueError, match="CHAT_RATE_PER_ADDRESS"):
        ChatLimits.from_env({"CHAT_RATE_PER_ADDRESS": value})


def test_a_message_refused_by_one_limit_is_counted_by_neither() -> None:
    limits = ChatLimits.of(2, 3, FakeClock())
    got = [limits.refusal("rest", s, "10.0.0.1") for s in ("a", "a", "a", "b", "c", "d")]
    assert got == [None, None, "sender", None, "address", "address"]
    assert limits.refusal("rest", "c", "10.0.0.2") is None  # "c" was refused by address, its own count is 0


def test_the_polite_text_asks_to_wait_and_gives_the_centres_phone() -> None:
    centre = contacts()["support_center"]
    assert f"{centre['name']}（TEL {centre['tel']}）" in rate_limited_text()
    assert "もう一度送信してください" in rate_limited_text()


# --- web chat and REST over HTTP -------------------------------------------------------------------------------

CHANNELS: dict[str, tuple[type, str, Callable[[Any], list[str]]]] = {
    "webchat": (WebChatInput, "/webhooks/webchat/webhook", lambda data: [m["text"] for m in data["messages"]]),
    "rest": (ProjectRestInput, "/webhooks/rest/webhook", lambda data: [m["text"] for m in data]),
}


@dataclass
class Chat:
    url: str
    path: str
    texts_of: Callable[[Any], list[str]]
    agent: FakeAgent
    clock: FakeClock
    http: aiohttp.ClientSession
    sent: int = field(default=0)

    async def say(self, sender: str, forwarded_for: str | None = None) -> list[str]:
        self.sent += 1
        message = f"質問その{self.sent}"
        headers = {"Content-Type": "application/json"}
        if forwarded_for:
            headers["X-Forwarded-For"] = forwarded_for
        body = json.dumps({"sender": sender, "message": message}, ensure_ascii=False).encode()
        async with self.http.post(self.url + self.path, data=body, headers=headers) as resp:
            assert resp.status == 200
            texts = self.texts_of(await resp.json())
        assert texts in ([echo_answer(message)], [rate_limited_text()])
        return texts

    async def answered(self, sender: str, forwarded_for: str | None = None) -> bool:
        before = len(self.agent.received)
        texts = await self.say(sender, forwarded_for)
        reached = len(self.agent.received) - before
        assert reached == (texts != [rate_limited_text()])  # a refused message never reaches the bot
        return bool(reached)


@asynccontextmanager
async def chat(kind: str, per_sender: int, per_address: int, trusted: str = "") -> AsyncIterator[Chat]:
    channel_class, path, texts_of = CHANNELS[kind]
    clock, agent = FakeClock(), FakeAgent()
    channel = channel_class(200, ChatLimits.of(per_sender, per_address, clock), parse_trusted(trusted))
    async with aiohttp.ClientSession() as http, serve(rasa_app([channel], agent)) as url:
        yield Chat(url, path, texts_of, agent, clock, http)


SENDER_A, SENDER_B = "sender-aaaa-0001", "sender-bbbb-0002"


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", CHANNELS)
async def test_the_21st_message_in_a_minute_gets_the_polite_text_and_not_the_bot(kind: str, caplog) -> None:
    async with chat(kind, 20, 120) as c:
        assert [await c.answered(SENDER_A) for _ in range(20)] == [True] * 20
        c.clock.advance(59)
        with caplog.at_level(logging.WARNING, logger="bot.channels.ratelimit"):
            assert await c.say(SENDER_A) == [rate_limited_text()]
        assert len(c.agent.received) == 20
        assert await c.answered(SENDER_B)  # another sender is not affected
        c.clock.advance(1.5)  # the first 20 left the window
        assert await c.answered(SENDER_A)
    [refusal] = [r.getMessage() for r in caplog.records]
    assert short_id(SENDER_A) in refusal and "127.0.0.1" in refusal and SENDER_A not in refusal


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", CHANNELS)
async def test_the_per_address_limit_holds_across_senders(kind: str) -> None:
    async with chat(kind, 20, 5) as c:
        assert [await c.answered(f"sender-{i:04d}-xyz") for i in range(7)] == [True] * 5 + [False] * 2


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", CHANNELS)
async def test_zero_turns_each_limit_off(kind: str) -> None:
    async with chat(kind, 0, 3) as c:
        assert [await c.answered(SENDER_A) for _ in range(3)] == [True] * 3  # no per-sender limit
    async with chat(kind, 2, 0) as c:
        assert [await c.answered(f"sender-{i:04d}-xyz") for i in range(30)] == [True] * 30  # no per-address limit
        assert [await c.answered(SENDER_A) for _ in range(3)] == [True, True, False]


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", CHANNELS)
async def test_x_forwarded_for_is_believed_only_from_a_trusted_proxy(kind: str) -> None:
    async with chat(kind, 20, 2, trusted="127.0.0.1") as c:
        assert [await c.answered(f"sender-{i:04d}-one", "203.0.113.1") for i in range(3)] == [True, True, False]
        assert await c.answered(SENDER_A, "203.0.113.2")  # another client behind the same proxy
        assert await c.answered(SENDER_B, "198.51.100.7, 203.0.113.3")  # the client's own entry is not believed
        assert not await c.answered("sender-zzzz-9", "203.0.113.99, 203.0.113.1")
    async with chat(kind, 20, 2) as c:  # a direct peer: the header is the client's word and changes nothing
        answered = [await c.answered(f"sender-{i:04d}-two", f"203.0.113.{i}") for i in range(3)]
        assert answered == [True, True, False]


def test_the_channels_read_their_limits_and_proxies_once_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("CHAT_RATE_PER_SENDER", "7")
    monkeypatch.setenv("CHAT_RATE_PER_ADDRESS", "0")
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8")
    for channel in (WebChatInput.from_credentials(None), ProjectRestInput.from_credentials(None)):
        assert (channel.limits.per_sender.per_minute, channel.limits.per_address.per_minute) == (7, 0)
        assert [str(n) for n in channel.trusted_proxies] == ["10.0.0.0/8"]
    monkeypatch.setenv("CHAT_RATE_PER_SENDER", "abc")
    with pytest.raises(ValueError, match="CHAT_RATE_PER_SENDER"):
        WebChatInput.from_credentials(None)
