"""A small aiohttp client for LINE's reply, push and loading-indicator APIs (line-bot-sdk 3 cannot sit beside Rasa 3.6).

Errors are logged with the HTTP status and LINE's error message only: never the access token or
the reply token. Nothing here raises to the caller.

- Reply falls back to push only on LINE's 400 "Invalid reply token" (expired or used): a 5xx may mean the reply
  was delivered after all, so it is never followed by a push of the same messages.
- Every push carries an ``X-Line-Retry-Key`` (a UUID per logical push). A push that got no answer or a 5xx is
  retried with the same key; LINE answers 409 to a key it has already accepted, so nothing is delivered twice.
- The loading indicator (``start_loading``) has its own short timeout; the channel fires it and never waits for it.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.channels.line.messages import LineMessage, batches

logger = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://api.line.me"
REPLY_PATH = "/v2/bot/message/reply"
PUSH_PATH = "/v2/bot/message/push"
LOADING_PATH = "/v2/bot/chat/loading/start"
RETRY_KEY_HEADER = "X-Line-Retry-Key"
PUSH_RETRY_DELAYS = (1.0, 3.0)  # seconds before the 2nd and 3rd attempt of one push
LOADING_TIMEOUT = 3.0


@dataclass(frozen=True)
class ApiResult:
    status: int  # HTTP status, or 0 when no answer came back
    message: str = ""  # LINE's error "message" field, or the client error
    already_accepted: bool = False  # a 409 to a push whose X-Line-Retry-Key LINE had accepted before

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300 or self.already_accepted

    @property
    def invalid_reply_token(self) -> bool:
        return self.status == 400 and "invalid reply token" in self.message.lower()

    @property
    def retryable(self) -> bool:
        return self.status == 0 or self.status >= 500


def loading_seconds(seconds: float) -> int:
    """``seconds`` as LINE's ``loadingSeconds``: a multiple of 5 from 5 to 60 (rounded up, then clamped)."""
    rounded = -(-int(max(seconds, 0)) // 5) * 5
    return min(60, max(5, rounded))


class LineApiClient:
    def __init__(
        self,
        access_token: str,
        api_base: str = DEFAULT_API_BASE,
        timeout: float = 10.0,
        push_retry_delays: Sequence[float] = PUSH_RETRY_DELAYS,
        loading_timeout: float = LOADING_TIMEOUT,
    ) -> None:
        self._token = access_token
        self.api_base = (api_base or DEFAULT_API_BASE).rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._loading_timeout = aiohttp.ClientTimeout(total=loading_timeout)
        self.push_retry_delays = tuple(push_retry_delays)

    def _redact(self, text: str) -> str:
        return text.replace(self._token, "***") if self._token else text

    async def _post(
        self,
        session: aiohttp.ClientSession,
        path: str,
        body: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> ApiResult:
        sent = {"Authorization": f"Bearer {self._token}", "Content-Type": "application/json", **(headers or {})}
        try:
            async with session.post(self.api_base + path, json=body, headers=sent) as resp:
                if 200 <= resp.status < 300:
                    return ApiResult(resp.status)
                try:
                    data = await resp.json(content_type=None)
                    message = str(data.get("message", "")) if isinstance(data, dict) else ""
                except (ValueError, aiohttp.ContentTypeError):
                    message = ""
                return ApiResult(resp.status, self._redact(message)[:300])
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
            return ApiResult(0, self._redact(f"{type(exc).__name__}: {exc}")[:300])

    def _log_failure(self, api: str, result: ApiResult) -> None:
        logger.error("LINE %s API failed: status=%s message=%s", api, result.status or "no answer", result.message)

    async def reply(self, session: aiohttp.ClientSession, reply_token: str, messages: list[LineMessage]) -> ApiResult:
        return await self._post(session, REPLY_PATH, {"replyToken": reply_token, "messages": messages})

    async def push(
        self, session: aiohttp.ClientSession, to: str, messages: list[LineMessage], retry_key: str | None = None
    ) -> ApiResult:
        """Push ``messages`` (at most 5) to ``to``: one logical push under one X-Line-Retry-Key (``retry_key``, or
        a new UUID), retried with that key after no answer or a 5xx. ``ok`` when LINE holds the messages."""
        headers = {RETRY_KEY_HEADER: retry_key or str(uuid.uuid4())}
        body = {"to": to, "messages": messages}
        result = ApiResult(0)
        for attempt, delay in enumerate((0.0, *self.push_retry_delays)):
            if attempt:
                logger.warning(
                    "LINE push API: status=%s; retrying with the same retry key.", result.status or "no answer"
                )
                await asyncio.sleep(delay)
            result = await self._post(session, PUSH_PATH, body, headers)
            if result.status == 409:  # an earlier attempt did arrive: LINE accepted this key already
                return ApiResult(409, result.message, already_accepted=True)
            if not result.retryable:
                break
        return result

    async def start_loading(self, chat_id: str, seconds: float = 20) -> ApiResult:
        """Show the loading animation in a one-on-one chat for ``seconds`` (or until the bot's answer arrives)."""
        body = {"chatId": chat_id, "loadingSeconds": loading_seconds(seconds)}
        async with aiohttp.ClientSession(timeout=self._loading_timeout) as session:
            result = await self._post(session, LOADING_PATH, body)
        if not result.ok:
            logger.info("LINE loading indicator not shown: status=%s", result.status or "no answer")
        return result

    async def deliver(self, reply_token: str | None, push_to: str | None, messages: list[LineMessage]) -> bool:
        """Send ``messages``: the first 5 by reply (push when the reply token is refused), the rest by push.

        Returns True when everything was accepted by LINE.
        """
        groups = batches(messages)
        if not groups:
            return True
        all_ok = True
        async with aiohttp.ClientSession(timeout=self._timeout) as session:
            for index, group in enumerate(groups):
                if index == 0 and reply_token:
                    result = await self.reply(session, reply_token, group)
                    if result.ok:
                        continue
                    if not (result.invalid_reply_token and push_to):
                        self._log_failure("reply", result)
                        all_ok = False
                        continue
                    logger.info("LINE reply token refused (%s); pushing instead.", result.message)
                if not push_to:
                    logger.error("LINE: no recipient to push %d message(s) to.", len(group))
                    all_ok = False
                    continue
                result = await self.push(session, push_to, group)
                if not result.ok:
                    self._log_failure("push", result)
                    all_ok = False
        return all_ok
