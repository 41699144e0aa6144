"""Malformed and hostile requests against both chat endpoints (REST and web chat), served together by Rasa's own
app on loopback with the scripted bot: no 5xx ever, every 200 a non-empty answer, every 4xx a JSON error that
kept the request from the bot, and a normal question still answered after each request."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from bot.bench.fuzz_table import CASES, DEEP, ENDPOINTS, LIMIT, NORMAL, SENDERS, SILENT, dumps, with_sender
from bot.channels.ratelimit import ChatLimits
from bot.channels.rest.channel import ProjectRestInput
from bot.channels.webchat.channel import WebChatInput
from bot.core.facilities import contacts
from bot.core.texts import text
from tests.fakes.bot import FakeAgent, echo_answer
from tests.fakes.sanic_server import rasa_app, serve


class SilentWhenAsked(FakeAgent):
    """The scripted bot, answering nothing to SILENT (as Rasa does when its action server is down)."""

    def answers_for(self, text: str) -> list[dict[str, Any]]:
        return [] if text == SILENT else super().answers_for(text)


BATCH = 25
BATCHES = [CASES[i : i + BATCH] for i in range(0, len(CASES), BATCH)]


@dataclass
class Both:
    url: str
    agent: SilentWhenAsked
    http: aiohttp.ClientSession

    async def post(self, endpoint: str, body: bytes, content_type: str = "application/json") -> tuple[int, Any]:
        headers = {"Content-Type": content_type}
        async with self.http.post(self.url + ENDPOINTS[endpoint], data=io.BytesIO(body), headers=headers) as resp:
            raw = await resp.read()
            assert resp.status < 500, (resp.status, raw[:300])
            assert resp.content_type == "application/json", (resp.status, raw[:300])
            return resp.status, json.loads(raw)

    async def assert_normal_question_answered(self, endpoint: str) -> None:
        status, data = await self.post(endpoint, with_sender(SENDERS[endpoint]))
        texts = [m["text"] for m in (data if endpoint == "rest" else data["messages"])]
        assert (status, texts) == (200, [echo_answer(NORMAL)])


def answer_list(endpoint: str, data: Any) -> list[dict[str, Any]]:
    messages = data if endpoint == "rest" else data["messages"]
    assert isinstance(messages, list) and messages, data
    for message in messages:
        assert isinstance(message, dict) and (message.get("text") or message.get("buttons")), data
    return messages


@pytest_asyncio.fixture
async def both() -> Both:
    agent = SilentWhenAsked()
    off = ChatLimits.of(0, 0)  # the table floods one sender from one address: the rate limits are tested elsewhere
    channels = [ProjectRestInput(LIMIT, limits=off), WebChatInput(LIMIT, limits=off)]
    async with aiohttp.ClientSession() as http, serve(rasa_app(channels, agent)) as url:
        yield Both(url, agent, http)


def test_the_table_is_large_and_covers_both_endpoints() -> None:
    assert len(CASES) >= 200
    for endpoint in ENDPOINTS:
        statuses = [status for e, _, status in CASES if e == endpoint]
        assert statuses.count(400) >= 80 and statuses.count(200) >= 30


@pytest.mark.asyncio
@pytest.mark.parametrize("batch", range(len(BATCHES)))
async def test_no_5xx_no_silent_reply_and_the_bot_still_answers(both: Both, batch: int) -> None:
    for endpoint, body, expected in BATCHES[batch]:
        before = len(both.agent.received)
        status, data = await both.post(endpoint, body)
        assert status == expected, (endpoint, body[:120], data)
        if status == 200:
            answer_list(endpoint, data)
        else:
            assert isinstance(data, dict) and isinstance(data.get("error"), str) and data["error"], data
            assert len(both.agent.received) == before  # refused before the bot
        await both.assert_normal_question_answered(endpoint)
    for endpoint in ENDPOINTS:
        await both.assert_normal_question_answered(endpoint)


@pytest.mark.asyncio
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "", "multipart/form-data"])
async def test_the_content_type_does_not_matter(both: Both, endpoint: str, content_type: str) -> None:
    status, data = await both.post(endpoint, with_sender(SENDERS[endpoint]), content_type=content_type)
    assert status == 200 and answer_list(endpoint, data)[0]["text"] == echo_answer(NORMAL)
    assert (await both.post(endpoint, b"[" * DEEP, content_type=content_type))[0] == 400


@pytest.mark.asyncio
async def test_web_chat_refuses_a_deeply_nested_body_and_apologises_for_no_answer(both: Both) -> None:
    assert await both.post("webchat", b"[" * DEEP) == (400, {"error": "sender and message are required"})
    status, data = await both.post("webchat", with_sender(SENDERS["webchat"], SILENT))
    centre = contacts()["support_center"]
    assert (status, data) == (200, {"messages": [{"text": text("channels.no_answer", **centre)}]})
    assert centre["tel"] in data["messages"][0]["text"]


@pytest.mark.asyncio
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
async def test_hostile_messages_reach_the_bot_as_text_on_their_own_channel(both: Both, endpoint: str) -> None:
    await both.post(endpoint, with_sender(SENDERS[endpoint], "協働\x00とは\x1b何?"))
    await both.post(endpoint, dumps({"sender": SENDERS[endpoint], "message": "<b>x</b>", "input_channel": "line"}))
    stored = [(m.sender_id, m.input_channel, m.text) for m in both.agent.received]
    assert stored == [(SENDERS[endpoint], endpoint, "協働とは何?"), (SENDERS[endpoint], endpoint, "<b>x</b>")]
