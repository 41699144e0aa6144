"""The LINE channel end to end: a signed webhook into Rasa's app, the scripted bot, a fake LINE API."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import itertools
import json
import logging
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from bot.channels.line.channel import LineInput
from tests.fakes.bot import FakeAgent, domain_response, echo_answer
from tests.fakes.line_api import PUSH, REPLY, FakeLineApi
from tests.fakes.sanic_server import rasa_app, serve

SECRET = "8c2d0f4b6a7e9135c0ffee00deadbeef"
TOKEN = "fake-access-token-Zx81"
USER = "U" + "0123456789abcdef" * 2
GROUP = "C" + "fedcba9876543210" * 2
ROOM = "R" + "00112233445566778899aabbccddeeff"
_ids = itertools.count(1)


def sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()).decode("ascii")


def event(
    kind: str, token: str | None = "rt-default", source: dict[str, str] | None = None, **extra: Any
) -> dict[str, Any]:
    ev = {
        "type": kind,
        "mode": "active",
        "timestamp": 1700000000000,
        "source": source or {"type": "user", "userId": USER},
        "webhookEventId": f"01HKZTEST{next(_ids):017d}",
        "deliveryContext": {"isRedelivery": False},
    }
    if token:
        ev["replyToken"] = token
    ev.update(extra)
    return ev


def text_event(text: str, **kw: Any) -> dict[str, Any]:
    return event("message", message={"type": "text", "id": str(next(_ids)), "quoteToken": "q", "text": text}, **kw)


@dataclass
class Line:
    url: str
    channel: LineInput
    api: FakeLineApi
    agent: FakeAgent
    http: aiohttp.ClientSession

    async def post(self, body: bytes, signature: str | None) -> int:
        headers = {"Content-Type": "application/json"}
        if signature is not None:
            headers["X-Line-Signature"] = signature
        async with self.http.post(self.url + "/webhooks/line/webhook", data=body, headers=headers) as resp:
            return resp.status

    async def send(self, *events: dict[str, Any]) -> int:
        body = json.dumps({"destination": "U" + "f" * 32, "events": list(events)}, ensure_ascii=False).encode()
        status = await self.post(body, sign(body))
        await self.channel.wait_idle()
        return status

    def replies(self) -> list[dict[str, Any]]:
        return self.api.accepted(REPLY)

    def reply_texts(self) -> list[str]:
        return [m["text"] for body in self.replies() for m in body["messages"]]


@pytest_asyncio.fixture
async def line(monkeypatch) -> Line:
    api = FakeLineApi(TOKEN)
    monkeypatch.setenv("LINE_CHANNEL_SECRET", SECRET)
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("LINE_API_BASE", await api.start())
    channel = LineInput.from_credentials(None)
    agent = FakeAgent()
    async with aiohttp.ClientSession() as http, serve(rasa_app([channel], agent)) as url:
        yield Line(url, channel, api, agent, http)
    await api.close()


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "question", ["協働とは何ですか", "市民活動サポートセンターの開館時間を教えて", "<b>太字</b>は使えますか"]
)
async def test_signed_text_event_is_answered_by_reply(line: Line, question: str) -> None:
    assert await line.send(text_event(question, token="rt-text")) == 200
    assert line.agent.texts == [question]
    received = line.agent.received[0]
    assert (received.sender_id, received.input_channel) == (USER, "line")
    assert line.replies() == [{"replyToken": "rt-text", "messages": [{"type": "text", "text": echo_answer(question)}]}]
    assert {r.authorization for r in line.api.requests} == {f"Bearer {TOKEN}"}


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "signature",
    [None, "", sign(b"another body"), "WRONG-SECRET", "not base64 at all", "署名"],
    ids=["missing", "empty", "other-body", "wrong-secret", "garbage", "non-ascii"],
)
async def test_missing_or_forged_signature_gets_4xx_and_nothing_is_processed(line: Line, signature) -> None:
    body = json.dumps({"events": [text_event("協働とは何ですか")]}).encode()
    if signature == "WRONG-SECRET":
        signature = sign(body, "wrong-secret")
    status = await line.post(body, signature)
    await line.channel.wait_idle()
    assert 400 <= status < 500
    assert line.agent.received == [] and line.api.requests == []


@pytest.mark.asyncio
async def test_follow_event_greets_with_the_help_menu_as_quick_replies(line: Line) -> None:
    assert await line.send(event("follow", token="rt-follow")) == 200
    assert line.agent.texts == ["/greet"]
    greet, menu = domain_response("utter_greet"), domain_response("utter_help_menu")
    [body] = line.replies()
    assert [m["text"] for m in body["messages"]] == [greet["text"], menu["text"]]
    items = body["messages"][-1]["quickReply"]["items"]
    expected = menu["buttons"][:13]
    assert [i["action"]["data"] for i in items] == [b["payload"] for b in expected]
    assert [i["action"]["displayText"] for i in items] == [b["title"] for b in expected]
    assert all(i["action"]["type"] == "postback" and len(i["action"]["label"]) <= 20 for i in items)


@pytest.mark.asyncio
async def test_postback_data_goes_to_the_bot_as_the_payload(line: Line) -> None:
    payload = "協働の7つの原則を教えて"
    await line.send(event("postback", token="rt-pb", postback={"data": payload}))
    assert line.agent.texts == [payload]
    assert line.reply_texts() == [echo_answer(payload)]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "message",
    [
        {"type": "sticker", "id": "1", "packageId": "446", "stickerId": "1988", "stickerResourceType": "STATIC"},
        {"type": "image", "id": "2", "contentProvider": {"type": "line"}},
        {"type": "video", "id": "3", "duration": 1000, "contentProvider": {"type": "line"}},
        {"type": "audio", "id": "4", "duration": 1000, "contentProvider": {"type": "line"}},
        {"type": "location", "id": "5", "latitude": 36.56, "longitude": 136.65, "address": "金沢市"},
    ],
    ids=lambda m: m["type"],
)
async def test_non_text_messages_get_a_polite_text_and_skip_the_bot(line: Line, message) -> None:
    await line.send(event("message", token="rt-sticker", message=message))
    assert line.agent.received == []
    [text] = line.reply_texts()
    assert "文字" in text and text.endswith("。") and "申し訳ありません" in text


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "silent",
    [
        event("unfollow", token=None),
        event("leave", token=None, source={"type": "group", "groupId": GROUP}),
        event("unsend", token=None, unsend={"messageId": "1"}),
        dict(text_event("協働とは何ですか", token=None), mode="standby"),
    ],
    ids=["unfollow", "leave", "unsend", "standby"],
)
async def test_events_that_need_no_answer_get_none(line: Line, silent) -> None:
    assert await line.send(silent) == 200
    assert line.agent.received == [] and line.api.requests == []


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "source, chat_id",
    [
        ({"type": "group", "groupId": GROUP, "userId": USER}, GROUP),
        ({"type": "room", "roomId": ROOM, "userId": USER}, ROOM),
    ],
    ids=["group", "room"],
)
async def test_group_and_room_messages_are_answered_in_the_chat(line: Line, source, chat_id) -> None:
    await line.send(text_event("協働とは何ですか", token="rt-group", source=source))
    assert line.agent.received[0].sender_id == f"{chat_id}:{USER}"
    assert line.reply_texts() == [echo_answer("協働とは何ですか")]
    line.api.expired_reply_tokens.add("rt-late")
    await line.send(text_event("交流館の場所は", token="rt-late", source=source))
    [push] = line.api.accepted(PUSH)
    assert push["to"] == chat_id and push["messages"][0]["text"] == echo_answer("交流館の場所は")


@pytest.mark.asyncio
async def test_refused_reply_token_falls_back_to_push_to_the_same_user(line: Line) -> None:
    line.api.expired_reply_tokens.add("rt-expired")
    await line.send(event("follow", token="rt-expired"))
    assert [(r.path, r.status) for r in line.api.requests] == [(REPLY, 400), (PUSH, 200)]
    refused, pushed = line.api.requests[0].body, line.api.requests[1].body
    assert pushed == {"to": USER, "messages": refused["messages"]}
    assert "quickReply" in pushed["messages"][-1]


@pytest.mark.asyncio
async def test_redelivered_event_is_answered_once(line: Line) -> None:
    first = text_event("協働とは何ですか", token="rt-once")
    again = dict(first, deliveryContext={"isRedelivery": True})
    assert await line.send(first) == 200
    assert await line.send(again) == 200
    assert await line.send(first, again) == 200
    assert line.agent.texts == ["協働とは何ですか"] and len(line.api.requests) == 1
    unseen = dict(text_event("開館日を教えて", token="rt-unseen"), deliveryContext={"isRedelivery": True})
    await line.send(unseen)  # redelivered but never handled here (e.g. we were down): answered once
    assert line.agent.texts == ["協働とは何ですか", "開館日を教えて"]


@pytest.mark.asyncio
async def test_many_long_buttons_become_at_most_13_short_quick_replies(line: Line) -> None:
    await line.send(text_event("ボタンがたくさん", token="rt-buttons"))
    [body] = line.replies()
    items = body["messages"][-1]["quickReply"]["items"]
    assert len(items) == 13
    assert all(len(i["action"]["label"]) <= 20 and i["action"]["label"].endswith("…") for i in items)
    assert [i["action"]["data"] for i in items] == [f'/choose{{"n": {n}}}' for n in range(13)]


@pytest.mark.asyncio
@pytest.mark.parametrize("question", ["長い答え", "答えがたくさん"])
async def test_answers_keep_within_5_messages_of_5000_characters(line: Line, question: str) -> None:
    await line.send(text_event(question, token="rt-long"))
    [body] = line.replies()  # the schema check of the fake already refuses anything over the limits
    sent = "".join(line.reply_texts()).replace("\n", "")
    expected = "".join(a["text"] for a in line.agent.answers_for(question)).replace("\n", "")
    assert sent == expected and 1 < len(body["messages"]) <= 5


@pytest.mark.asyncio
async def test_bot_failure_gets_a_polite_apology(line: Line) -> None:
    await line.send(text_event("エラーになる質問", token="rt-fail"))
    [text] = line.reply_texts()
    assert text.startswith("申し訳ありません") and text.endswith("。")


@pytest.mark.asyncio
async def test_api_errors_are_logged_without_tokens_and_the_server_keeps_going(line: Line, caplog) -> None:
    caplog.set_level(logging.INFO)
    line.api.fail_status = 500
    assert await line.send(text_event("協働とは何ですか", token="rt-secret-reply-token")) == 200
    failures = [r for r in caplog.records if "API failed" in r.getMessage()]
    assert failures and "status=500" in failures[0].getMessage()
    assert TOKEN not in caplog.text and "rt-secret-reply-token" not in caplog.text
    line.api.fail_status = None
    await line.send(text_event("もう一度", token="rt-next"))
    assert line.reply_texts() == [echo_answer("もう一度")]


@pytest.mark.asyncio
async def test_webhook_answers_200_before_the_bot_is_done(line: Line) -> None:
    line.agent.gate = asyncio.Event()
    body = json.dumps({"events": [text_event("協働とは何ですか", token="rt-bg")]}).encode()
    assert await line.post(body, sign(body)) == 200
    for _ in range(1000):  # let the background task start; it then waits on the gate
        if line.agent.received:
            break
        await asyncio.sleep(0)
    assert line.agent.texts == ["協働とは何ですか"] and line.api.requests == []
    line.agent.gate.set()
    await line.channel.wait_idle()
    assert line.reply_texts() == [echo_answer("協働とは何ですか")]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "body, status", [(b'{"destination": "U1", "events": []}', 200), (b"{not json", 400), (b'{"events": 3}', 400)]
)
async def test_verification_and_malformed_bodies(line: Line, body: bytes, status: int) -> None:
    assert await line.post(body, sign(body)) == status
    await line.channel.wait_idle()
    assert line.api.requests == [] and line.agent.received == []
