"""LINE Messaging API input channel for Rasa 3.6 (``bot.channels.line.channel.LineInput``, name ``line``).

Webhook: ``POST /webhooks/line/webhook``. Settings come from the credentials entry or, when absent
there, from the environment: LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN and LINE_API_BASE
(default https://api.line.me).

Each request's ``X-Line-Signature`` is checked before anything else. The webhook answers 200 at
once and handles the events in a background task, in their order. An event whose source ids are not LINE ids
(bot/channels/line/ids.py) is ignored and logged; a LINE sender over CHAT_RATE_PER_SENDER messages a minute
(bot/channels/ratelimit.py) gets the channels.rate_limited reply instead of the bot; when the bot answers nothing
(its action server down), the reply is the channels.no_answer text. While the bot works on a one-on-one message,
LINE's loading animation is started (fire and forget, bot/channels/line/api.py); an unfollow (block) deletes what is
kept about the user (bot/channels/line/forget.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.chat_requests import no_answer_text
from bot.channels.line.api import DEFAULT_API_BASE, LineApiClient
from bot.channels.line.events import (
    FORGET,
    IGNORE,
    UNSUPPORTED,
    LineTarget,
    RecentEventIds,
    classify_event,
    is_redelivery,
    target_from_source,
)
from bot.channels.line.forget import forget_user
from bot.channels.line.ids import bad_source_id
from bot.channels.line.messages import LineMessage, is_valid_signature, text_message, to_line_messages
from bot.channels.ratelimit import ChatLimits, rate_limited_text
from bot.channels.ratelimit_shared import SharedChatLimits, chat_limits
from bot.channels.two_questions import handle_message
from bot.core.texts import text as bot_text

logger = logging.getLogger(__name__)

LOADING_SECONDS = 20  # LINE's loading animation: shown until the answer arrives, at most this long
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class LineCollectingOutput(OutputChannel):
    """Collects the bot's messages for one event; they go to LINE together after the bot is done."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    @classmethod
    def name(cls) -> str:
        return "line"

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.messages.append(dict(message))

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        self.messages.append({"text": text})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        self.messages.append({"text": text, "buttons": buttons})

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        self.messages.append({"image": image})


class LineInput(InputChannel):
    """Receives LINE webhooks and answers through the reply API (push when the reply token is refused)."""

    @classmethod
    def name(cls) -> str:
        return "line"

    def __init__(
        self,
        channel_secret: str,
        channel_access_token: str,
        api_base: str = DEFAULT_API_BASE,
        dedupe_capacity: int = 2048,
        limits: ChatLimits | SharedChatLimits | None = None,
    ) -> None:
        """``limits`` defaults to CHAT_RATE_PER_SENDER, read once here (per LINE sender; the requests all come
        from LINE's servers, so the per-address limit is never applied)."""
        if not channel_secret or not channel_access_token:
            raise RasaException("The LINE channel needs LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN to be set.")
        self._secret = channel_secret
        self.client = LineApiClient(channel_access_token, api_base or DEFAULT_API_BASE)
        self.recent_events = RecentEventIds(dedupe_capacity)
        self._tasks: set[asyncio.Task[None]] = set()
        self.limits = limits if limits is not None else chat_limits(os.environ)
        self.loading_seconds = LOADING_SECONDS

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> LineInput:
        creds = credentials or {}
        return cls(
            creds.get("channel_secret") or os.environ.get("LINE_CHANNEL_SECRET", ""),
            creds.get("channel_access_token") or os.environ.get("LINE_CHANNEL_ACCESS_TOKEN", ""),
            creds.get("api_base") or os.environ.get("LINE_API_BASE") or DEFAULT_API_BASE,
        )

    async def wait_idle(self) -> None:
        """Wait until every event received so far has been handled (used by tests and shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def _spawn(self, coroutine: Awaitable[None]) -> asyncio.Future[None]:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _new_events(self, events: list[Any]) -> list[dict[str, Any]]:
        fresh = []
        for event in events:
            if not isinstance(event, dict):
                continue
            if self.recent_events.check_and_add(event.get("webhookEventId")):
                logger.info("LINE: event %s was already handled; skipped.", event.get("webhookEventId"))
                continue
            if is_redelivery(event):
                logger.info("LINE: handling redelivered event %s.", event.get("webhookEventId"))
            fresh.append(event)
        return fresh

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        line_webhook = Blueprint("line_webhook", __name__)

        @line_webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @line_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = request.body or b""
            if not is_valid_signature(body, self._secret, request.headers.get("X-Line-Signature")):
                logger.warning("LINE webhook: missing or invalid signature; request ignored.")
                return response.json({"message": "invalid signature"}, status=400)
            try:
                payload = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: a deeply nested body
                return response.json({"message": "invalid body"}, status=400)
            events = payload.get("events") if isinstance(payload, dict) else None
            if not isinstance(events, list):
                return response.json({"message": "invalid body"}, status=400)
            fresh = self._new_events(events)
            if fresh:
                agent = getattr(request.app.ctx, "agent", None)
                self._spawn(self._handle_events(fresh, on_new_message, agent))
            return response.json({"status": "ok"})

        return line_webhook

    async def _handle_events(
        self, events: list[dict[str, Any]], on_new_message: OnNewMessage, agent: Any = None
    ) -> None:
        for event in events:
            try:
                await self._handle_event(event, on_new_message, agent)
            except Exception:  # never let one event break the others or the server
                logger.exception("LINE: failed to handle a %s event.", event.get("type"))

    async def _handle_event(self, event: dict[str, Any], on_new_message: OnNewMessage, agent: Any = None) -> None:
        action = classify_event(event)
        wrong = bad_source_id(event.get("source"))
        if wrong is not None:
            logger.warning("LINE: a %s event ignored: %s.", str(event.get("type"))[:20], wrong)
            return
        target = target_from_source(event.get("source"))
        if action.kind == IGNORE or target is None:
            return
        if action.kind == FORGET:
            if target.source_type == "user" and target.user_id:
                await forget_user(getattr(agent, "tracker_store", None), target.user_id)
            return
        if self.limits.refusal(self.name(), target.sender_id):
            messages: list[LineMessage] = [text_message(rate_limited_text())]
        elif action.kind == UNSUPPORTED:
            messages = [text_message(bot_text("channels.unsupported_message"))]
        else:
            loading = None
            if target.source_type == "user" and target.user_id:  # one-on-one only: LINE has no indicator in groups
                loading = self._spawn(self._show_loading(target.user_id))
            messages = await self._ask_bot(action.text or "", target, on_new_message, agent)
            if loading is not None and not loading.done():  # arriving after the answer, it would spin on
                loading.cancel()
        reply_token = event.get("replyToken") if isinstance(event.get("replyToken"), str) else None
        if messages:
            await self.client.deliver(reply_token, target.push_to, messages)

    async def _show_loading(self, user_id: str) -> None:
        """Fire and forget: its own short timeout, errors only logged; the answer never waits for it."""
        try:
            await self.client.start_loading(user_id, self.loading_seconds)
        except Exception as exc:  # noqa: BLE001 - the indicator is a nicety
            logger.info("LINE loading indicator failed (%s).", type(exc).__name__)

    async def _ask_bot(
        self, text: str, target: LineTarget, on_new_message: OnNewMessage, agent: Any = None
    ) -> list[LineMessage]:
        """The bot's answer as LINE messages (one reply; both answers when the text holds two questions:
        bot/channels/two_questions.py, at most 5 message objects), or a polite message instead of an error."""
        collector = LineCollectingOutput()
        metadata = {"line": {"source_type": target.source_type, "user_id": target.user_id, "chat_id": target.push_to}}
        try:
            message = UserMessage(text, collector, target.sender_id, input_channel=self.name(), metadata=metadata)
            await handle_message(message, on_new_message, agent)
        except Exception:
            logger.exception("LINE: the bot failed to answer.")
            collector.messages.append({"text": bot_text("channels.bot_failure")})
        return to_line_messages(collector.messages) or [text_message(no_answer_text())]
