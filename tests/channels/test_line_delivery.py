"""How the LINE channel delivers, against the fake Messaging API: the loading animation (one-on-one chats only,
fire and forget), reply -> push only on LINE's "Invalid reply token", and pushes under one X-Line-Retry-Key."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio

from bot.channels.line.api import RETRY_KEY_HEADER, LineApiClient, loading_seconds
from bot.channels.line.channel import LineInput
from bot.channels.line.messages import text_message
from tests.channels.test_line_channel import GROUP, ROOM, SECRET, TOKEN, USER, Line, text_event
from tests.fakes.bot import FakeAgent, echo_answer
from tests.fakes.line_api import LOADING, PUSH, REPLY, FakeLineApi
from tests.fakes.sanic_server import rasa_app, serve

QUESTION = "協働とは何ですか"


async def send_while_the_bot_thinks(line: Line, *events) -> None:
    """Send ``events``; the bot answers once the loading call has reached LINE (a bot takes longer than that)."""
    line.agent.gate = asyncio.Event()
    sending = asyncio.ensure_future(line.send(*events))
    await asyncio.wait_for(line.api.loading_called.wait(), timeout=30)  # a safety net, not a timing
    line.agent.gate.set()
    await sending


@pytest_asyncio.fixture
async def line() -> AsyncIterator[Line]:
    api = FakeLineApi(TOKEN)
    channel = LineInput(SECRET, TOKEN, await api.start())
    channel.client.push_retry_delays = (0.0, 0.0)
    agent = FakeAgent()
    async with aiohttp.ClientSession() as http, serve(rasa_app([channel], agent)) as url:
        yield Line(url, channel, api, agent, http)
    await api.close()


@pytest.mark.parametrize("given, sent", [(0, 5), (1, 5), (5, 5), (7, 10), (20, 20), (59, 60), (60, 60), (300, 60)])
def test_loading_seconds_are_a_multiple_of_5_from_5_to_60(given: float, sent: int) -> None:
    assert loading_seconds(given) == sent


@pytest.mark.asyncio
async def test_a_one_on_one_message_starts_the_loading_animation(line: Line) -> None:
    await send_while_the_bot_thinks(line, text_event(QUESTION, token="rt-load"))
    [call] = line.api.loading
    # 202: the fake found the body valid (LOADING_BODY in tests/fakes/line_schema.py) and the token right
    assert (call.path, call.status, call.authorization) == (LOADING, 202, f"Bearer {TOKEN}")
    assert call.body == {"chatId": USER, "loadingSeconds": line.channel.loading_seconds}
    assert line.reply_texts() == [echo_answer(QUESTION)]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "source",
    [{"type": "group", "groupId": GROUP, "userId": USER}, {"type": "room", "roomId": ROOM, "userId": USER}],
    ids=["group", "room"],
)
async def test_no_loading_animation_in_groups_and_rooms(line: Line, source) -> None:
    await line.send(text_event(QUESTION, token="rt-group", source=source))
    assert line.api.loading == [] and line.reply_texts() == [echo_answer(QUESTION)]


@pytest.mark.asyncio
@pytest.mark.parametrize("status", [500, 429, 400, 401])
async def test_a_failing_loading_call_does_not_stop_the_answer(line: Line, status: int) -> None:
    line.api.loading_status = status
    await send_while_the_bot_thinks(line, text_event(QUESTION, token="rt-fail"))
    assert len(line.api.loading) == 1 and line.reply_texts() == [echo_answer(QUESTION)]


@pytest.mark.asyncio
async def test_a_hanging_loading_call_does_not_hold_the_answer(line: Line) -> None:
    line.api.loading_gate = asyncio.Event()  # LINE does not answer the loading call
    await send_while_the_bot_thinks(line, text_event(QUESTION, token="rt-hang"))
    assert len(line.api.loading) == 1 and line.reply_texts() == [echo_answer(QUESTION)]
    line.api.loading_gate.set()


@pytest.mark.asyncio
async def test_a_reply_refused_with_a_5xx_is_not_pushed_again(line: Line) -> None:
    line.api.fail_status = 500
    await line.send(text_event(QUESTION, token="rt-5xx"))
    assert [(r.path, r.status) for r in line.api.requests] == [(REPLY, 500)]


@pytest.mark.asyncio
async def test_a_refused_reply_token_is_pushed_with_a_retry_key(line: Line) -> None:
    line.api.expired_reply_tokens.add("rt-old")
    await line.send(text_event(QUESTION, token="rt-old"))
    refused, pushed = line.api.requests
    assert (refused.path, refused.status, pushed.path, pushed.status) == (REPLY, 400, PUSH, 200)
    assert refused.retry_key is None and uuid.UUID(pushed.retry_key or "").version == 4
    assert line.api.delivered(PUSH) == [{"to": USER, "messages": [text_message(echo_answer(QUESTION))]}]


@pytest.mark.asyncio
@pytest.mark.parametrize("failures, lost", [([500], 0), ([502, 503], 0), ([], 1), ([500], 1)])
async def test_a_retried_push_reuses_its_key_and_is_delivered_once(line: Line, failures, lost) -> None:
    line.api.push_failures, line.api.lost_push_answers = list(failures), lost
    async with aiohttp.ClientSession() as session:
        result = await line.channel.client.push(session, USER, [text_message("お知らせです。")])
    assert result.ok
    keys = {r.retry_key for r in line.api.requests}
    assert len(keys) == 1 and len(line.api.requests) == len(failures) + lost + 1
    assert line.api.delivered(PUSH) == [{"to": USER, "messages": [text_message("お知らせです。")]}]


@pytest.mark.asyncio
async def test_a_push_gives_up_after_its_attempts_and_a_4xx_is_not_retried(line: Line) -> None:
    line.api.push_failures = [500, 500, 500, 500]
    async with aiohttp.ClientSession() as session:
        assert not (await line.channel.client.push(session, USER, [text_message("一")])).ok
        assert len(line.api.requests) == 3 and line.api.delivered(PUSH) == []
        line.api.push_failures = [400]
        assert not (await line.channel.client.push(session, USER, [text_message("二")])).ok
    assert len(line.api.requests) == 4


@pytest.mark.asyncio
async def test_a_callers_retry_key_already_accepted_is_not_delivered_twice(line: Line) -> None:
    key = str(uuid.uuid4())
    async with aiohttp.ClientSession() as session:
        first = await line.channel.client.push(session, USER, [text_message("回答です。")], retry_key=key)
        again = await line.channel.client.push(session, USER, [text_message("回答です。")], retry_key=key)
    assert (first.status, again.status, again.ok) == (200, 409, True)
    assert len(line.api.delivered(PUSH)) == 1 and {r.retry_key for r in line.api.requests} == {key}


@pytest.mark.asyncio
async def test_a_push_header_is_a_uuid_the_fake_refuses_others(line: Line) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", RETRY_KEY_HEADER: "not-a-uuid"}
    body = {"to": USER, "messages": [text_message("x")]}
    async with aiohttp.ClientSession() as session:
        async with session.post(line.api.base_url + PUSH, json=body, headers=headers) as resp:
            assert resp.status == 400
    client = LineApiClient(TOKEN, line.api.base_url)
    assert await client.deliver(None, USER, [text_message("y")])
    assert uuid.UUID(line.api.requests[-1].retry_key or "")
