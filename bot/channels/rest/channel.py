"""The REST channel (``bot.channels.rest.channel.ProjectRestInput``, name ``rest``): Rasa's ``RestInput`` with
its requests checked, so that no request gets a 5xx and no message gets an empty answer.

``POST /webhooks/rest/webhook`` with ``{"sender": "...", "message": "...", "metadata": {...}}`` answers Rasa's
list of messages (``[{"recipient_id", "text", ...}]``), never an empty one:

- a body that is not a JSON object, a sender that is not 1-128 characters of A-Z a-z 0-9 _ . : @ - or a message
  that is not a non-empty string: 400 ``{"error": ...}``, and the bot is not called;
- a message over ``max_message_chars`` (credentials.yml): the channels.too_long text, and the bot is not called;
- the bot raised: the channels.bot_failure text; it answered nothing: the channels.no_answer text;
- the sender or the client address (X-Forwarded-For believed only from TRUSTED_PROXIES) over its messages-per-minute
  limit (bot/channels/ratelimit.py): the channels.rate_limited text with 200, and the bot is not called.

The stored input channel is always ``rest`` (a client's ``input_channel`` is ignored); ``metadata`` is passed
only when it is a JSON object. ``?stream=true`` is answered like the normal call (no streaming).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import proxy
from bot.channels.chat_requests import BadChatRequest, checked_message, checked_sender, json_object, no_answer_text
from bot.channels.chat_settings import ChatChannelSettings
from bot.channels.ratelimit import rate_limited_text
from bot.channels.two_questions import handle_message
from bot.core.texts import text as channel_text

logger = logging.getLogger(__name__)

SENDER_PATTERN = re.compile(r"[A-Za-z0-9_.:@-]{1,128}")
SENDER_RULE = "sender is required: 1-128 characters A-Z a-z 0-9 _ . : @ -"


class ProjectRestInput(ChatChannelSettings, RestInput):
    """Rasa's REST channel, under the same name and URL, with the request checked and the answer never empty."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    @staticmethod
    def _text(sender: str, text: str) -> list[dict[str, Any]]:
        return [CollectingOutputChannel._message(sender, text=text)]

    async def answer(
        self,
        sender: str,
        message: str,
        metadata: dict[str, Any] | None,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        agent: Any = None,
    ) -> list[dict[str, Any]]:
        """The bot's messages for ``message`` (for both questions when it holds two: bot/channels/two_questions.py,
        with the app's ``agent``), or one polite message instead of an error or of nothing."""
        if len(message) > self.max_message_chars:
            return self._text(sender, channel_text("channels.too_long", limit=self.max_message_chars))
        collector = CollectingOutputChannel()
        try:
            user_message = UserMessage(message, collector, sender, input_channel=self.name(), metadata=metadata)
            await handle_message(user_message, on_new_message, agent)
        except (Exception, asyncio.CancelledError):  # Rasa's RestInput answers a timed-out message too
            logger.exception("rest: the bot failed to answer.")
            return self._text(sender, channel_text("channels.bot_failure"))
        return collector.messages or self._text(sender, no_answer_text())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @rest.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                data = json_object(request.body or b"")
                sender = checked_sender(data, SENDER_PATTERN, SENDER_RULE)
                message = checked_message(data)
            except BadChatRequest as bad:
                return response.json({"error": bad.error}, status=400)
            metadata = data.get("metadata") if isinstance(data.get("metadata"), dict) else None
            address = proxy.client_of(request, self.trusted_proxies).address
            if self.limits.refusal(self.name(), sender, address):
                messages = self._text(sender, rate_limited_text())
            else:
                agent = getattr(request.app.ctx, "agent", None)
                messages = await self.answer(sender, message, metadata, on_new_message, agent)
            return response.json(messages, headers={"Cache-Control": "no-store"})

        return rest
