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

from bot.channels.ratelimit import ChatLimits
from bot.channels.rest.channel import ProjectRestInput
from bot.channels.webchat.channel import WebChatInput
from bot.core.facilities import contacts
from bot.core.texts import text
from tests.fakes.bot import FakeAgent, echo_answer
from tests.fakes.sanic_server import rasa_app, serve

LIMIT = 200
SILENT = "答えを用意できない質問"
ENDPOINTS = {"rest": "/webhooks/rest/webhook", "webchat": "/webhooks/webchat/webhook"}
SENDERS = {"rest": "fuzz-user@rest.example", "webchat": "wc-fuzz-0123456789abcdef"}
NORMAL = "協働とは何ですか"
DEEP = 100_000


class SilentWhenAsked(FakeAgent):
    """The scripted bot, answering nothing to SILENT (as Rasa does when its action server is down)."""

    def answers_for(self, text: str) -> list[dict[str, Any]]:
        return [] if text == SILENT else super().answers_for(text)


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def with_sender(sender: Any, message: Any = NORMAL) -> bytes:
    return dumps({"sender": sender, "message": message})


def bad_bodies(sender: str) -> list[bytes]:
    """Bodies both endpoints must refuse with 400."""
    scalars: list[Any] = [None, True, False, 0, -1, 3.14, "", "hello", "協働とは", [], [1, 2], [{}], {}]
    bodies = [dumps(v) for v in scalars]
    bodies += [b"", b" ", b"\n", b"NaN", b"-Infinity", b"1e309", b"{not json", b"{'sender': 'x'}", b"\x00"]
    bodies += [b"[" * DEEP, b'{"a":' * DEEP, b"[" * DEEP + b"]" * DEEP, b'{"sender": "' + sender.encode() + b'"']
    bodies += [with_sender(sender, [[[["deep"]]]])[:-1] + b"x", dumps({"sender": sender, "message": {"x": [1] * 5}})]
    nested_message = b'{"sender": "' + sender.encode() + b'", "message": ' + b"[" * DEEP + b"]" * DEEP + b"}"
    bodies += [nested_message, bytes(range(256)), b"\xff\xfe\x00{", b"\xc3\x28", b"\xed\xa0\x80"]
    bodies += [b'{"sender": "' + sender.encode() + b'", "message": "\xff\xfe"}']
    bodies += [b"\xef\xbb\xbf" + with_sender(sender), with_sender(sender).decode().encode("utf-16")]
    bodies += [b"sender=" + sender.encode() + b"&message=hello", b"<xml><sender>x</sender></xml>"]
    bodies += [with_sender(sender) + b" trailing", with_sender(sender) * 2, b" " * 1_000_000]
    for message in [None, 0, 1.5, True, False, [], ["協働"], {}, {"text": "協働"}, "", " ", "\n\t\r", "\u3000"]:
        bodies.append(with_sender(sender, message))
    for message in ["\u200b", "\ufeff\u200b\u2060", "\x00", "\x00\x01\x1b\x7f", "\u200e\u200f", " \x00 \u200b "]:
        bodies.append(with_sender(sender, message))
    bodies.append(b'{"sender": "' + sender.encode() + b'", "message": "\\ud800"}')
    bodies.append(b'{"sender": "' + sender.encode() + b'", "message": "x\\udfff"}')
    bodies.append(b'{"sender": "' + sender.encode() + b'", "message": "\\u0000\\u0000"}')
    bodies.append(dumps({"message": NORMAL}))
    bodies.append(dumps({"Sender": sender, "Message": NORMAL}))
    bodies.append(dumps({"sender": sender}))
    for bad_sender in [None, 0, 12345678, 1.5, True, [], [sender], {"id": sender}, "", " ", "\n", "\u200b" * 10]:
        bodies.append(with_sender(bad_sender))
    for bad_sender in ["x" * 10_000, sender + "\n", sender + "\x00", sender + " ", " " + sender, sender + "\u200b"]:
        bodies.append(with_sender(bad_sender))
    for bad_sender in ["<script>alert(1)</script>", "'; DROP TABLE events;--", "../../../../etc/passwd"]:
        bodies.append(with_sender(bad_sender))
    for bad_sender in ["a\r\nSet-Cookie: x=1", "ユーザー12345678", "😀" * 8, "user%00name123", "u$er{name}12"]:
        bodies.append(with_sender(bad_sender))
    return bodies


HOSTILE_MESSAGES = [
    "<script>alert(document.cookie)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE events; --",
    "1' OR '1'='1",
    "SELECT * FROM users WHERE 1=1; --",
    "{{7*7}} ${7*7} {name} {0} %s %n %x",
    "../../../../etc/passwd",
    "😀🙇‍♀️👨‍👩‍👧‍👦🇯🇵",
    "協働\u200bとは\u200d何\ufeffですか",
    "\u202e協働とは\u202c",
    "協働\x00とは\x1b[31m何ですか\x07",
    "行1\n行2\r\n行3\t終わり",
    "ｶﾀｶﾅ ＦＵＬＬＷＩＤＴＨ ①②③ ㈱ 髙﨑",
    "Z̴̡̛a̸l̷g̶o̵",
    "a" * LIMIT,
    "あ" * LIMIT,
    "😀" * LIMIT,
    "a" * (LIMIT + 1),
    "あ" * 50_000,
    "x" * 2_000_000,
    "/greet",
    '/greet{"facility": "<script>"}',
    "/restart",
    "/nlu_fallback",
    "エラーになる質問",
    SILENT,
    "null",
    "[]",
    "\\u0000",
    "%00%0d%0a",
]


def ok_bodies(sender: str) -> list[bytes]:
    """Bodies both endpoints must answer with 200 and a non-empty answer (hostile but well-formed)."""
    bodies = [with_sender(sender, message) for message in HOSTILE_MESSAGES]
    extras: list[dict[str, Any]] = [
        {"metadata": None},
        {"metadata": "x"},
        {"metadata": [1, 2]},
        {"metadata": {"nested": {"a": [1, {"b": None}]}}},
        {"input_channel": "console"},
        {"input_channel": ["x"]},
        {"stream": True},
        {"unknown": "<script>"},
    ]
    bodies += [dumps({"sender": sender, "message": NORMAL, **extra}) for extra in extras]
    bodies.append(b'{"message": "dup", "sender": "' + sender.encode() + b'", "message": "' + NORMAL.encode() + b'"}')
    bodies.append(b"  \n" + with_sender(sender) + b"\n  ")
    return bodies


def cases() -> list[tuple[str, bytes, int]]:
    table = []
    for endpoint, sender in SENDERS.items():
        table += [(endpoint, body, 400) for body in bad_bodies(sender)]
        table += [(endpoint, body, 200) for body in ok_bodies(sender)]
    table += [("rest", with_sender(s), 200) for s in ["a", "a" * 128, "x.y:z@w-_9", "LINE:U0123"]]
    table += [("rest", with_sender(s), 400) for s in ["a" * 129, "user/1", "user#1", "user+1", "user,1"]]
    table += [("webchat", with_sender(s), 200) for s in ["a" * 8, "a" * 80, "A-b_C-d_0123"]]
    table += [("webchat", with_sender(s), 400) for s in ["a" * 7, "a" * 81, "user@example", "user.name.1"]]
    return table


CASES = cases()
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
