"""The LINE channel's hardening: a flood from one LINE user gets the channels.rate_limited reply (per LINE sender
only: every request comes from LINE's servers), a silent bot gets channels.no_answer, and an event whose source is
not a LINE id is ignored and logged (bot/channels/line/ids.py)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from bot.channels.chat_requests import no_answer_text
from bot.channels.line.channel import LineInput
from bot.channels.ratelimit import ChatLimits, rate_limited_text
from tests.channels.test_line_channel import GROUP, SECRET, TOKEN, USER, Line, event, text_event
from tests.channels.test_rate_limits import FakeClock
from tests.fakes.bot import FakeAgent, echo_answer
from tests.fakes.line_api import FakeLineApi
from tests.fakes.sanic_server import rasa_app, serve

SILENT = "アクションサーバーが止まっているときの質問"
OTHER_USER = "U" + "abcdef0123456789" * 2


class SilentWhenAsked(FakeAgent):
    def answers_for(self, text: str) -> list[dict[str, Any]]:
        return [] if text == SILENT else super().answers_for(text)


@pytest_asyncio.fixture
async def line() -> AsyncIterator[tuple[Line, FakeClock]]:
    api, clock = FakeLineApi(TOKEN), FakeClock()
    channel = LineInput(SECRET, TOKEN, await api.start(), limits=ChatLimits.of(3, 1, clock))
    agent = SilentWhenAsked()
    async with aiohttp.ClientSession() as http, serve(rasa_app([channel], agent)) as url:
        yield Line(url, channel, api, agent, http), clock
    await api.close()


def from_user(user: str, text: str, n: int) -> dict[str, Any]:
    return text_event(text, token=f"rt-{user[-4:]}-{n}", source={"type": "user", "userId": user})


@pytest.mark.asyncio
async def test_a_flood_from_one_line_user_gets_the_polite_reply(line) -> None:
    line, clock = line
    assert await line.send(*(from_user(USER, f"質問{n}", n) for n in range(5))) == 200
    assert line.agent.texts == ["質問0", "質問1", "質問2"]
    assert line.reply_texts() == [echo_answer(f"質問{n}") for n in range(3)] + [rate_limited_text()] * 2
    # LINE's servers are the only peer: no per-address limit (it is 1 here), another user is answered
    await line.send(from_user(OTHER_USER, "別の人の質問", 9))
    assert line.reply_texts()[-1] == echo_answer("別の人の質問")
    clock.advance(60)
    await line.send(from_user(USER, "一分後", 10))
    assert line.reply_texts()[-1] == echo_answer("一分後")


@pytest.mark.asyncio
async def test_a_silent_bot_gets_the_no_answer_reply_on_line(line) -> None:
    line, _ = line
    await line.send(text_event(SILENT, token="rt-silent"))
    assert line.agent.texts == [SILENT]
    assert line.replies() == [{"replyToken": "rt-silent", "messages": [{"type": "text", "text": no_answer_text()}]}]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "source",
    [
        {"type": "user", "userId": "U1234"},
        {"type": "user", "userId": USER + "0"},  # one digit too many: ignored, never cut to 33 characters
        {"type": "user", "userId": USER.upper()},
        {"type": "user", "userId": "C" + USER[1:]},
        {"type": "user", "userId": USER + "\n"},
        {"type": "user", "userId": 12345},
        {"type": "user"},
        {"type": "group", "groupId": GROUP, "userId": "someone"},
        {"type": "group", "groupId": GROUP[:-1]},
        {"type": "room", "roomId": GROUP, "userId": USER},
        {"type": "channel", "userId": USER},
    ],
)
async def test_an_event_whose_source_is_not_a_line_id_is_ignored_and_logged(line, source, caplog) -> None:
    line, _ = line
    with caplog.at_level(logging.WARNING, logger="bot.channels.line.channel"):
        assert await line.send(text_event("協働とは何ですか", source=source), event("follow", source=source)) == 200
    assert line.agent.received == [] and line.api.requests == []
    assert [r.getMessage().startswith("LINE: a ") and "ignored" in r.getMessage() for r in caplog.records] == [True] * 2
