"""The web chat channel over HTTP, mounted by Rasa's own configure_app, with the scripted bot."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from bot.channels.webchat.channel import ASSET_DIR, ASSETS, WebChatInput
from tests.fakes.bot import FakeAgent, domain_response, echo_answer
from tests.fakes.sanic_server import rasa_app, serve

SENDER = "wc-3f1c8a2e-5b7d-4e9a-8c6f-0d2b4a6c8e10"


@dataclass
class WebChat:
    url: str
    agent: FakeAgent
    http: aiohttp.ClientSession

    async def get(self, path: str) -> tuple[int, dict[str, str], str]:
        async with self.http.get(self.url + path, allow_redirects=False) as resp:
            return resp.status, dict(resp.headers), await resp.text()

    async def post(self, body: Any, raw: bool = False) -> tuple[int, Any]:
        data = body if raw else json.dumps(body, ensure_ascii=False).encode()
        async with self.http.post(
            self.url + "/webhooks/webchat/webhook", data=data, headers={"Content-Type": "application/json"}
        ) as resp:
            return resp.status, await resp.json(content_type=None)


@pytest_asyncio.fixture
async def webchat() -> WebChat:
    agent = FakeAgent()
    app = rasa_app([WebChatInput.from_credentials({"max_message_chars": 200})], agent, cors="https://www.example.jp")
    async with aiohttp.ClientSession() as http, serve(app) as url:
        yield WebChat(url, agent, http)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "path, content_type",
    [
        ("/webhooks/webchat/", "text/html"),
        ("/webhooks/webchat/widget.js", "application/javascript"),
        ("/webhooks/webchat/webchat.css", "text/css"),
    ],
)
async def test_page_widget_and_style_are_served_locally(webchat: WebChat, path: str, content_type: str) -> None:
    status, headers, text = await webchat.get(path)
    assert status == 200 and headers["Content-Type"].startswith(content_type)
    assert headers["X-Content-Type-Options"] == "nosniff"
    # nothing is fetched from elsewhere: no CDN script, style sheet, font or import
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|@import|@font-face|url\(\s*["']?(https?:)?//""", text)


@pytest.mark.asyncio
async def test_page_loads_the_widget_under_a_strict_policy(webchat: WebChat) -> None:
    status, headers, page = await webchat.get("/webhooks/webchat/")
    assert '<script src="widget.js"' in page and "<script>" not in page
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    status, headers, _ = await webchat.get("/webhooks/webchat")
    assert status in (301, 302, 307, 308) and headers["Location"].endswith("/webhooks/webchat/")


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "question", ["協働とは何ですか", "<b>太字</b>と<script>alert(1)</script>", "開館日は？\n教えて"]
)
async def test_question_is_answered_as_json(webchat: WebChat, question: str) -> None:
    status, data = await webchat.post({"sender": SENDER, "message": question})
    assert status == 200
    assert data == {"messages": [{"text": echo_answer(question.strip())}]}
    received = webchat.agent.received[0]
    assert (received.sender_id, received.input_channel, received.text) == (SENDER, "webchat", question.strip())


@pytest.mark.asyncio
async def test_greeting_brings_the_help_menu_buttons(webchat: WebChat) -> None:
    status, data = await webchat.post({"sender": SENDER, "message": "/greet"})
    menu = domain_response("utter_help_menu")
    assert data["messages"][0]["text"] == domain_response("utter_greet")["text"]
    assert data["messages"][1] == {
        "text": menu["text"],
        "buttons": [{"title": b["title"], "payload": b["payload"]} for b in menu["buttons"]],
    }


@pytest.mark.asyncio
async def test_long_text_with_line_breaks_stays_one_message(webchat: WebChat) -> None:
    status, data = await webchat.post({"sender": SENDER, "message": "長い答え"})
    [message] = data["messages"]
    assert message["text"] == webchat.agent.answers_for("長い答え")[0]["text"] and "\n" in message["text"]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[]",
        json.dumps({"message": "協働とは"}).encode(),
        json.dumps({"sender": SENDER}).encode(),
        json.dumps({"sender": SENDER, "message": "   "}).encode(),
        json.dumps({"sender": "short", "message": "協働とは"}).encode(),
        json.dumps({"sender": "wc-<script>", "message": "協働とは"}).encode(),
        json.dumps({"sender": SENDER, "message": 42}).encode(),
    ],
)
async def test_malformed_requests_get_400_and_do_not_reach_the_bot(webchat: WebChat, body: bytes) -> None:
    status, data = await webchat.post(body, raw=True)
    assert status == 400 and "error" in data
    assert webchat.agent.received == []


@pytest.mark.asyncio
async def test_too_long_message_gets_a_polite_answer(webchat: WebChat) -> None:
    status, data = await webchat.post({"sender": SENDER, "message": "あ" * 201})
    assert status == 200 and "200文字以内" in data["messages"][0]["text"]
    assert webchat.agent.received == []


@pytest.mark.asyncio
async def test_bot_failure_is_a_polite_answer_not_a_5xx(webchat: WebChat) -> None:
    status, data = await webchat.post({"sender": SENDER, "message": "エラーになる質問"})
    assert status == 200
    [message] = data["messages"]
    assert message["text"].startswith("申し訳ありません") and message["text"].endswith("。")


@pytest.mark.asyncio
async def test_cross_origin_embedding_follows_rasa_cors_option(webchat: WebChat) -> None:
    headers = {
        "Origin": "https://www.example.jp",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    async with webchat.http.options(webchat.url + "/webhooks/webchat/webhook", headers=headers) as resp:
        assert resp.status < 300
        assert resp.headers.get("Access-Control-Allow-Origin") == "https://www.example.jp"
    async with webchat.http.post(
        webchat.url + "/webhooks/webchat/webhook",
        headers={"Origin": "https://evil.example"},
        data=json.dumps({"sender": SENDER, "message": "協働とは"}),
    ) as resp:
        assert resp.status == 200 and "Access-Control-Allow-Origin" not in resp.headers


@pytest.mark.asyncio
@pytest.mark.parametrize("name", sorted(ASSETS))
async def test_every_static_file_is_served_and_stays_small(webchat: WebChat, name: str) -> None:
    path = ASSET_DIR / name
    assert path.is_file() and len(path.read_text(encoding="utf-8").splitlines()) < 300
    status, headers, text = await webchat.get("/webhooks/webchat/" + ("" if name == "index.html" else name))
    assert status == 200 and headers["Content-Type"] == ASSETS[name]
    assert headers["X-Content-Type-Options"] == "nosniff" and text == path.read_text(encoding="utf-8")


def test_the_page_embeds_the_widget_with_one_script_tag_that_loads_every_part() -> None:
    page = (ASSET_DIR / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<script\b[^>]*>", page) == ['<script src="widget.js" data-target="kyodo-chat" defer>']
    entry = (ASSET_DIR / "widget.js").read_text(encoding="utf-8")
    parts = sorted(name for name in ASSETS if name.endswith(".js") and name != "widget.js")
    assert parts and all(f'"{name}"' in entry for name in parts)
    # every part is drawn as text: no HTML parsing of bot text anywhere in the widget
    for name in ["widget.js", *parts]:
        script = (ASSET_DIR / name).read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", script)
