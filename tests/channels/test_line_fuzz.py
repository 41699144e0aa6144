"""Malformed and hostile LINE webhooks, signed with the channel secret (as LINE, or someone holding a leaked secret,
would send them): no 5xx ever, a 400 for a body that is not LINE's shape, every text message answered with a
non-empty reply, nothing answered that LINE would not expect an answer to, and a normal question still answered
after each request."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from bot.bench.fuzz_table import HOSTILE_MESSAGES, SILENT
from bot.channels.chat_requests import no_answer_text
from tests.channels import test_line_channel as line_channel
from tests.channels.test_line_channel import GROUP, USER, Line, event, sign, text_event
from tests.fakes.bot import echo_answer

line = line_channel.line  # the signed-webhook fixture: Rasa's app, the scripted bot, the fake LINE API

NORMAL = "協働とは何ですか"
NORMAL_TOKENS = itertools.count()  # LINE accepts each reply token once
DEEP = 100_000

BAD_BODIES: list[bytes] = [
    b"",
    b" ",
    b"null",
    b"[]",
    b"123",
    b'"events"',
    b"true",
    b"{not json",
    b"\xff\xfe\x00{",
    b"\xc3\x28",
    b"[" * DEEP,
    b'{"events":' * DEEP,
    b'{"events": ' + b"[" * DEEP + b"]" * DEEP + b"}",
    b"{}",
    b'{"events": null}',
    b'{"events": {}}',
    b'{"events": "x"}',
    b'{"events": 1}',
    b'{"destination": "U0"}',
    b"NaN",
    b"1e309",
]


def events_body(*events: Any) -> bytes:
    return json.dumps({"destination": "U" + "f" * 32, "events": list(events)}, ensure_ascii=False).encode()


def silent_events() -> list[Any]:
    """Events that carry no question from a LINE user: accepted with 200, answered with nothing."""
    text_from = text_event("協働とは")
    return [
        None,
        1,
        "message",
        [text_from],
        {},
        {"type": None},
        {"type": "message"},
        {"type": "unknown-kind", "replyToken": "rt"},
        event("message", message={"type": "text"}),
        event("message", message={"type": "text", "text": None}),
        event("message", message={"type": "text", "text": 12}),
        event("message", message={"type": "text", "text": ["協働"]}),
        event("message", message={"type": "text", "text": ""}),
        event("message", message={"type": "text", "text": " \u3000\n"}),
        event("postback", postback=None),
        event("postback", postback={"data": None}),
        event("postback", postback={"data": ""}),
        event("unfollow", token=None),
        event("leave", token=None, source={"type": "group", "groupId": GROUP}),
        event("memberJoined", source={"type": "group", "groupId": GROUP}),
        event("beacon"),
        event("accountLink"),
        {**text_from, "mode": "standby"},
        {**text_from, "source": None},
        {**text_from, "source": "U" + "0" * 32},
        {**text_from, "source": {}},
        {**text_from, "source": {"type": "user"}},
        {**text_from, "source": {"type": "user", "userId": None}},
        {**text_from, "source": {"type": "user", "userId": "U" + "0" * 200}},
        {**text_from, "source": {"type": "user", "userId": USER.upper()}},
        {**text_from, "source": {"type": "user", "userId": "<script>alert(1)</script>"}},
        {**text_from, "source": {"type": "user", "userId": "'; DROP TABLE events;--"}},
        {**text_from, "source": {"type": "group"}},
        {**text_from, "source": {"type": "group", "groupId": "C123"}},
        {**text_from, "source": {"type": "room", "roomId": None}},
        {**text_from, "source": {"type": "admin", "userId": USER}},
    ]


ANSWERED_TEXTS = [m for m in HOSTILE_MESSAGES if m.strip() and len(m) <= 5000] + [
    "協働" * 2500,
    "/faq",
    '/faq{"x":1}',
    "/leave_message",
    "@everyone",
]


def answered_events() -> list[dict[str, Any]]:
    """Events a LINE user expects an answer to: exactly one reply, with at least one non-empty message."""
    events = [text_event(message, token=f"rt-{i}") for i, message in enumerate(ANSWERED_TEXTS)]
    events += [
        event("postback", token="rt-pb", postback={"data": data})
        for data in ["<b>", "/greet", "x" * 300, "/restart", '/greet{"x":1}', "/feedback_good"]
    ]
    events += [event("message", token="rt-img", message={"type": kind, "id": "1"}) for kind in ["image", "sticker"]]
    events += [event("message", token="rt-null", message=None)]  # not LINE's shape: the polite "text only" note
    events += [event("message", token="rt-loc", message={"type": "location", "latitude": 36.56, "longitude": 136.65})]
    events += [text_event("協働とは何ですか", token="rt-g", source={"type": "group", "groupId": GROUP, "userId": USER})]
    events += [event("follow", token="rt-follow"), text_event("質問です", token=None)]
    return events


@pytest.fixture(autouse=True)
def no_rate_limits(monkeypatch) -> None:
    """One sender floods the channel here: the rate limits are tested in test_rate_limits.py."""
    monkeypatch.setenv("CHAT_RATE_PER_SENDER", "0")
    monkeypatch.setenv("CHAT_RATE_PER_ADDRESS", "0")


def test_the_table_covers_bodies_silent_and_answered_events() -> None:
    assert len(BAD_BODIES) + len(silent_events()) + len(answered_events()) >= 100


async def sent_nothing(line: Line) -> bool:
    await line.channel.wait_idle()
    return [r for r in line.api.requests if r.status < 300] == []


async def assert_a_normal_question_is_answered(line: Line) -> None:
    line.api.requests.clear()
    assert await line.send(text_event(NORMAL, token=f"rt-normal-{next(NORMAL_TOKENS)}")) == 200
    assert line.reply_texts() == [echo_answer(NORMAL)]
    line.api.requests.clear()


@pytest.mark.asyncio
@pytest.mark.parametrize("body", BAD_BODIES, ids=range(len(BAD_BODIES)))
async def test_a_signed_body_that_is_not_a_webhook_gets_400_and_nothing_is_sent(line: Line, body: bytes) -> None:
    assert await line.post(body, sign(body)) == 400
    assert await sent_nothing(line) and line.agent.received == []
    await assert_a_normal_question_is_answered(line)


@pytest.mark.asyncio
async def test_events_without_a_question_are_accepted_and_answered_with_nothing(line: Line) -> None:
    for item in silent_events():
        assert await line.send(item) == 200, item
        assert await sent_nothing(line), item
        assert line.agent.received == [], item
        await assert_a_normal_question_is_answered(line)
        line.agent.received.clear()


@pytest.mark.asyncio
async def test_every_question_gets_one_non_empty_reply(line: Line) -> None:
    for item in answered_events():
        assert await line.send(item) == 200, item
        await line.channel.wait_idle()
        sent = [r.body for r in line.api.requests if r.status < 300]
        assert len(sent) == 1, (item, sent)
        messages = sent[0]["messages"]
        assert 1 <= len(messages) <= 5 and all(m.get("text") or m.get("type") != "text" for m in messages), item
        await assert_a_normal_question_is_answered(line)


@pytest.mark.asyncio
async def test_the_verification_webhook_without_events_gets_200_and_nothing_is_sent(line: Line) -> None:
    assert await line.post(body := events_body(), sign(body)) == 200
    assert await sent_nothing(line) and line.agent.received == []


@pytest.mark.asyncio
async def test_several_events_in_one_webhook_are_each_answered_and_one_bad_event_breaks_none(line: Line) -> None:
    good = [text_event(f"質問{i}", token=f"rt-many-{i}") for i in range(3)]
    assert await line.post(body := events_body(good[0], None, {"type": 5}, good[1], [], good[2]), sign(body)) == 200
    await line.channel.wait_idle()
    assert sorted(line.reply_texts()) == sorted(echo_answer(f"質問{i}") for i in range(3))


@pytest.mark.asyncio
async def test_a_question_the_bot_answers_with_nothing_gets_the_apology(line: Line, monkeypatch) -> None:
    answers_for = line.agent.answers_for
    monkeypatch.setattr(line.agent, "answers_for", lambda t: [] if t == SILENT else answers_for(t))
    assert await line.send(text_event(SILENT, token="rt-silent")) == 200
    assert line.reply_texts() == [no_answer_text()]
