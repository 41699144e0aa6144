"""The project's REST channel (name "rest") over HTTP, mounted by Rasa's own configure_app, with the scripted bot:
each request the built-in channel answered with a 500, an empty list or a shared conversation."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from rasa.core.channels.channel import UserMessage

from bot.channels.rest.channel import ProjectRestInput
from bot.core.facilities import contacts
from bot.core.texts import text
from tests.fakes.bot import FakeAgent, echo_answer
from tests.fakes.sanic_server import rasa_app, serve

WEBHOOK = "/webhooks/rest/webhook"
SENDER_ERROR = {"error": "sender is required: 1-128 characters A-Z a-z 0-9 _ . : @ -"}
MESSAGE_ERROR = {"error": "message is required: a non-empty string"}
BODY_ERROR = {"error": 'the body must be a JSON object: {"sender": "...", "message": "..."}'}
SILENT = "アクションサーバーが止まっているときの質問"


class SilentWhenAsked(FakeAgent):
    """The scripted bot, answering nothing to SILENT, as Rasa does when its action server is down."""

    def answers_for(self, text: str) -> list[dict[str, Any]]:
        return [] if text == SILENT else super().answers_for(text)


@dataclass
class Rest:
    url: str
    agent: FakeAgent
    http: aiohttp.ClientSession

    async def post(self, body: Any, raw: bool = False, query: str = "") -> tuple[int, Any]:
        data = body if raw else json.dumps(body, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"}
        async with self.http.post(self.url + WEBHOOK + query, data=data, headers=headers) as resp:
            return resp.status, await resp.json(content_type=None)

    def received(self) -> UserMessage:
        [message] = self.agent.received
        return message


@pytest_asyncio.fixture
async def rest() -> Rest:
    agent = SilentWhenAsked()
    app = rasa_app([ProjectRestInput.from_credentials({"max_message_chars": 200})], agent)
    async with aiohttp.ClientSession() as http, serve(app) as url:
        yield Rest(url, agent, http)


def no_answer() -> str:
    centre = contacts()["support_center"]
    return text("channels.no_answer", name=centre["name"], tel=centre["tel"])


@pytest.mark.asyncio
async def test_a_question_is_answered_and_stored_under_its_sender_on_the_rest_channel(rest: Rest) -> None:
    status, data = await rest.post({"sender": "user-42@example.jp", "message": " 協働とは何ですか\n"})
    assert status == 200 and data == [{"recipient_id": "user-42@example.jp", "text": echo_answer("協働とは何ですか")}]
    received = rest.received()
    stored = (received.sender_id, received.input_channel, received.text)
    assert stored == ("user-42@example.jp", "rest", "協働とは何ですか")


@pytest.mark.asyncio
async def test_the_health_route_is_kept(rest: Rest) -> None:
    async with rest.http.get(rest.url + "/webhooks/rest/") as resp:
        assert resp.status == 200 and await resp.json() == {"status": "ok"}


@pytest.mark.asyncio
@pytest.mark.parametrize("body", [b"", b"null", b"[]", b"123", b'"hello"', b"true", b"{not json", b"[" * 100000])
async def test_a_body_that_is_not_a_json_object_gets_400(rest: Rest, body: bytes) -> None:
    assert await rest.post(body, raw=True) == (400, BODY_ERROR)
    assert rest.agent.received == []


@pytest.mark.asyncio
@pytest.mark.parametrize("message", [42, 1.5, ["協働"], {"text": "協働"}, None, True, "", "   \n", "\u200b\ufeff"])
async def test_a_message_that_is_not_a_non_empty_string_gets_400(rest: Rest, message: Any) -> None:
    assert await rest.post({"sender": "user-1", "message": message}) == (400, MESSAGE_ERROR)
    assert await rest.post({"sender": "user-1"}) == (400, MESSAGE_ERROR)
    assert rest.agent.received == []


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "sender", [None, "", 42, ["user-1"], "a" * 129, "user 1", "user-1\n", "ユーザー", "<script>", "u/../1", "ü-1"]
)
async def test_a_missing_or_malformed_sender_gets_400_and_never_shares_default(rest: Rest, sender: Any) -> None:
    assert await rest.post({"sender": sender, "message": "協働とは"}) == (400, SENDER_ERROR)
    assert await rest.post({"message": "協働とは"}) == (400, SENDER_ERROR)
    assert rest.agent.received == []


@pytest.mark.asyncio
@pytest.mark.parametrize("sender", ["a", "a" * 128, "line:U1234.abc_DEF-9@city"])
async def test_a_sender_of_1_to_128_allowed_characters_is_kept_whole(rest: Rest, sender: str) -> None:
    status, data = await rest.post({"sender": sender, "message": "協働とは"})
    assert status == 200 and data[0]["recipient_id"] == sender and rest.received().sender_id == sender


@pytest.mark.asyncio
@pytest.mark.parametrize("length", [201, 50_000])
async def test_a_too_long_message_gets_a_polite_answer_and_does_not_reach_the_bot(rest: Rest, length: int) -> None:
    status, data = await rest.post({"sender": "user-1", "message": "あ" * length})
    assert status == 200 and data == [{"recipient_id": "user-1", "text": text("channels.too_long", limit=200)}]
    assert "200文字以内" in data[0]["text"] and rest.agent.received == []
    status, data = await rest.post({"sender": "user-1", "message": "あ" * 200})
    assert status == 200 and data[0]["text"] == echo_answer("あ" * 200)


@pytest.mark.asyncio
async def test_the_client_input_channel_is_ignored(rest: Rest) -> None:
    await rest.post({"sender": "user-1", "message": "協働とは", "input_channel": "console"})
    assert rest.received().input_channel == "rest"


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "metadata, stored",
    [({"page": "/faq", "n": [1]}, {"page": "/faq", "n": [1]}), ("x", None), ([1], None), (7, None), (None, None)],
)
async def test_metadata_is_passed_only_when_it_is_an_object(rest: Rest, metadata: Any, stored: Any) -> None:
    status, _ = await rest.post({"sender": "user-1", "message": "協働とは", "metadata": metadata})
    assert status == 200 and rest.received().metadata == stored


@pytest.mark.asyncio
async def test_a_bot_failure_is_the_polite_bot_failure_text(rest: Rest) -> None:
    status, data = await rest.post({"sender": "user-1", "message": "エラーになる質問"})
    assert (status, data) == (200, [{"recipient_id": "user-1", "text": text("channels.bot_failure")}])


@pytest.mark.asyncio
async def test_no_answer_from_the_bot_is_an_apology_with_the_support_centre(rest: Rest) -> None:
    status, data = await rest.post({"sender": "user-1", "message": SILENT})
    assert (status, data) == (200, [{"recipient_id": "user-1", "text": no_answer()}])
    centre = contacts()["support_center"]
    assert centre["name"] in data[0]["text"] and f"TEL {centre['tel']}" in data[0]["text"]
    assert data[0]["text"].startswith("申し訳ありません") and "もう一度お試しください" in data[0]["text"]


@pytest.mark.asyncio
async def test_stream_is_answered_like_the_normal_call(rest: Rest) -> None:
    status, data = await rest.post({"sender": "user-1", "message": "協働とは"}, query="?stream=true")
    assert (status, data) == (200, [{"recipient_id": "user-1", "text": echo_answer("協働とは")}])


@pytest.mark.asyncio
async def test_control_characters_are_removed_before_the_bot(rest: Rest) -> None:
    status, data = await rest.post({"sender": "user-1", "message": "協働\x00とは\x1b[31m\tです"})
    assert status == 200 and rest.received().text == "協働とは[31m\tです"
    assert await rest.post(b'{"sender": "user-1", "message": "\\ud800"}', raw=True) == (400, MESSAGE_ERROR)
