"""A small aiohttp client for LINE's reply and push APIs (line-bot-sdk 3 cannot sit beside Rasa 3.6).

Errors are logged with the HTTP status and LINE's error message only: never the access token or
the reply token. Nothing here raises to the caller.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.channels.line.messages import LineMessage, batches

logger = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://api.line.me"
REPLY_PATH = "/v2/bot/message/reply"
PUSH_PATH = "/v2/bot/message/push"


@dataclass(frozen=True)
class ApiResult:
    status: int  # HTTP status, or 0 when no answer came back
    message: str = ""  # LINE's error "message" field, or the client error

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def invalid_reply_token(self) -> bool:
        return self.status == 400 and "reply token" in self.message.lower()


class LineApiClient:
    def __init__(self, access_token: str, api_base: str = DEFAULT_API_BASE, timeout: float = 10.0) -> None:
        self._token = access_token
        self.api_base = (api_base or DEFAULT_API_BASE).rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    def _redact(self, text: str) -> str:
        return text.replace(self._token, "***") if self._token else text

    async def _post(self, session: aiohttp.ClientSession, path: str, body: dict[str, Any]) -> ApiResult:
        headers = {"Authorization": f"Bearer {self._token}", "Content-Type": "application/json"}
        try:
            async with session.post(self.api_base + path, json=body, headers=headers) as resp:
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

    async def push(self, session: aiohttp.ClientSession, to: str, messages: list[LineMessage]) -> ApiResult:
        return await self._post(session, PUSH_PATH, {"to": to, "messages": messages})

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
