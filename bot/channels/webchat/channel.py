"""Web chat input channel (``bot.channels.webchat.channel.WebChatInput``, name ``webchat``).

Routes, under Rasa's ``/webhooks/webchat``:
- ``GET /``            the demo page (bot/channels/webchat/static/index.html)
- ``GET /widget.js``   the embeddable widget script (the entry; it loads ``widget-render.js`` and
  ``widget-chat.js`` from beside itself); ``GET /webchat.css`` its style sheet
- ``POST /webhook``    ``{"sender": "...", "message": "..."}`` -> ``{"messages": [{"text", "search", "buttons"}]}``
  (``search``: the text's 「…」で検索 phrases as web-search links, pattern SEARCH_URL_PATTERN)
- ``GET /replies?sender=<id>&after=<reply id>`` -> ``{"replies": [{"id", "text"}]}``: coordinators' replies from
  the console (bot/channels/console/replies.py) with an id above ``after``, labelled 「担当者からの回答」; the widget
  polls it every few seconds (and once on load), so a reopened page in the same browser session shows them too.

Everything is served from this package: no CDN and no external fonts. A user's message never gets
a 5xx nor an empty answer: when the bot fails or answers nothing, the answer is a polite message
(data/texts/channels.yml); a sender or client address over its messages-per-minute limit
(bot/channels/ratelimit.py; the address is the peer, or X-Forwarded-For from TRUSTED_PROXIES) gets the
channels.rate_limited text with 200 and the bot is not called; a malformed body (even one nested too deep to parse)
gets 400. Cross-origin embedding is enabled with Rasa's own ``--cors`` option.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import proxy
from bot.channels.chat_requests import BadChatRequest, checked_message, checked_sender, json_object, no_answer_text
from bot.channels.chat_settings import ChatChannelSettings
from bot.channels.ratelimit import rate_limited_text
from bot.channels.two_questions import handle_message
from bot.core.search_links import DEFAULT_PATTERN, pattern_from_env, search_links
from bot.core.texts import text as channel_text

logger = logging.getLogger(__name__)

ASSET_DIR = Path(__file__).resolve().parent / "static"
ASSETS = {
    "index.html": "text/html; charset=utf-8",
    "widget.js": "application/javascript; charset=utf-8",
    "widget-render.js": "application/javascript; charset=utf-8",
    "widget-chat.js": "application/javascript; charset=utf-8",
    "webchat.css": "text/css; charset=utf-8",
}
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
SENDER_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,80}")  # matched whole (fullmatch)
REQUEST_ERROR = "sender and message are required"


class WebChatOutput(CollectingOutputChannel):
    """Collects the bot's messages for one HTTP answer, keeping each text whole (line breaks included)."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._persist_message(self._message(recipient_id, text=text))


def public_message(message: dict[str, Any], search_pattern: str = DEFAULT_PATTERN) -> dict[str, Any] | None:
    """The part of a bot message the page shows: text, its search-phrase links (bot/core/search_links.py), buttons
    (title + payload or url) and image URL."""
    out: dict[str, Any] = {}
    if isinstance(message.get("text"), str) and message["text"].strip():
        out["text"] = message["text"]
        links = search_links(message["text"], search_pattern)
        if links:
            out["search"] = links
    buttons = []
    for button in message.get("buttons") or []:
        if not isinstance(button, dict) or not button.get("title"):
            continue
        item = {"title": str(button["title"])}
        if isinstance(button.get("url"), str):
            item["url"] = button["url"]
        elif button.get("payload") is not None:
            item["payload"] = str(button["payload"])
        else:
            continue
        buttons.append(item)
    if buttons:
        out["buttons"] = buttons
    if isinstance(message.get("image"), str):
        out["image"] = message["image"]
    return out or None


def parse_request(body: bytes) -> dict[str, str] | None:
    """``{"sender", "message"}`` from a request body, or None when it is malformed (bot/channels/chat_requests.py)."""
    try:
        data = json_object(body)
        return {"sender": checked_sender(data, SENDER_PATTERN, REQUEST_ERROR), "message": checked_message(data)}
    except BadChatRequest:
        return None


def coordinator_replies(sender: str, after: int) -> list[dict[str, Any]]:
    """The replies to ``sender`` after reply id ``after``, as the page shows them (marked delivered)."""
    from bot import db
    from bot.core.reply_rules import labelled

    with db.session_scope() as session:
        return [{"id": r.id, "text": labelled(r.author, r.text)} for r in db.web_replies_after(session, sender, after)]


class WebChatInput(ChatChannelSettings, InputChannel):
    """Serves the chat page and widget, and answers the page's messages as JSON."""

    def __init__(self, *args: Any, search_pattern: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.search_pattern = search_pattern or pattern_from_env(os.environ)

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @staticmethod
    def _asset(name: str) -> HTTPResponse:
        body = (ASSET_DIR / name).read_bytes()
        headers = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
        if name == "index.html":
            headers["Content-Security-Policy"] = PAGE_CSP
            headers["Referrer-Policy"] = "no-referrer"
        return response.raw(body, content_type=ASSETS[name], headers=headers)

    async def answer(
        self, sender: str, text: str, on_new_message: Callable[[UserMessage], Awaitable[Any]], agent: Any = None
    ) -> list[dict[str, Any]]:
        """The bot's answer to ``text`` as page messages (both answers when it holds two questions:
        bot/channels/two_questions.py, with the app's ``agent``); a polite message instead of an error."""
        if len(text) > self.max_message_chars:
            return [{"text": channel_text("channels.too_long", limit=self.max_message_chars)}]
        collector = WebChatOutput()
        try:
            await handle_message(UserMessage(text, collector, sender, input_channel=self.name()), on_new_message, agent)
        except Exception:
            logger.exception("webchat: the bot failed to answer.")
            return [{"text": channel_text("channels.bot_failure")}]
        messages = [m for m in (public_message(msg, self.search_pattern) for msg in collector.messages) if m]
        return messages or [{"text": no_answer_text()}]

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webchat = Blueprint("webchat", __name__)

        @webchat.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            if not request.path.endswith("/"):  # the page loads widget.js relative to itself
                return response.redirect(request.path + "/")
            return self._asset("index.html")

        @webchat.route("/widget.js", methods=["GET"])
        async def widget(request: Request) -> HTTPResponse:
            return self._asset("widget.js")

        @webchat.route("/widget-render.js", methods=["GET"])
        async def widget_render(request: Request) -> HTTPResponse:
            return self._asset("widget-render.js")

        @webchat.route("/widget-chat.js", methods=["GET"])
        async def widget_chat(request: Request) -> HTTPResponse:
            return self._asset("widget-chat.js")

        @webchat.route("/webchat.css", methods=["GET"])
        async def stylesheet(request: Request) -> HTTPResponse:
            return self._asset("webchat.css")

        @webchat.route("/replies", methods=["GET"])
        async def replies(request: Request) -> HTTPResponse:
            sender, after = request.args.get("sender") or "", request.args.get("after") or "0"
            if not SENDER_PATTERN.fullmatch(sender) or not after.isdigit() or len(after) > 12:
                return response.json({"error": "sender and after are required"}, status=400)
            try:
                found = await asyncio.to_thread(coordinator_replies, sender, int(after))
            except Exception:  # noqa: BLE001 - the page simply asks again later
                logger.exception("webchat: reading the coordinators' replies failed")
                found = []
            return response.json({"replies": found}, headers={"Cache-Control": "no-store"})

        @webchat.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            parsed = parse_request(request.body or b"")
            if parsed is None:
                return response.json({"error": REQUEST_ERROR}, status=400)
            address = proxy.client_of(request, self.trusted_proxies).address
            if self.limits.refusal(self.name(), parsed["sender"], address):
                messages = [{"text": rate_limited_text()}]
            else:
                agent = getattr(request.app.ctx, "agent", None)
                messages = await self.answer(parsed["sender"], parsed["message"], on_new_message, agent)
            return response.json({"messages": messages}, headers={"Cache-Control": "no-store"})

        return webchat
