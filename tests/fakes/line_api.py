"""A fake LINE Messaging API on loopback (aiohttp): checks the bearer token and the request schema,
answers like LINE does, and records every request it receives.

Reply tokens can be used once; tokens put in ``expired_reply_tokens`` are refused with LINE's
400 "Invalid reply token", as an expired token is. ``fail_status`` makes every call fail.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.fakes.line_schema import PUSH_VALIDATOR, REPLY_VALIDATOR, schema_errors

REPLY = "/v2/bot/message/reply"
PUSH = "/v2/bot/message/push"


@dataclass
class Recorded:
    path: str
    authorization: str
    body: Any
    status: int


class FakeLineApi:
    def __init__(self, access_token: str) -> None:
        self.access_token = access_token
        self.requests: list[Recorded] = []
        self.expired_reply_tokens: set[str] = set()
        self.used_reply_tokens: set[str] = set()
        self.fail_status: int | None = None
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    def accepted(self, path: str) -> list[Any]:
        """Bodies of the requests to ``path`` that were accepted (2xx)."""
        return [r.body for r in self.requests if r.path == path and 200 <= r.status < 300]

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post(REPLY, self._reply)
        app.router.add_post(PUSH, self._push)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"
        return self.base_url

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _answer(self, request: web.Request, body: Any, status: int, payload: Any) -> web.Response:
        self.requests.append(Recorded(request.path, request.headers.get("Authorization", ""), body, status))
        return web.json_response(payload, status=status)

    async def _checked_body(self, request: web.Request, validator) -> tuple[Any, web.Response | None]:
        raw = await request.read()
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None, self._answer(request, None, 400, {"message": "The request body is not valid JSON"})
        if request.headers.get("Authorization") != f"Bearer {self.access_token}":
            message = "Authentication failed. Confirm that the access token in the authorization header is valid."
            return body, self._answer(request, body, 401, {"message": message})
        if not request.content_type == "application/json":
            return body, self._answer(request, body, 415, {"message": "Unsupported Media Type"})
        if self.fail_status is not None:
            return body, self._answer(request, body, self.fail_status, {"message": "Internal server error"})
        errors = schema_errors(validator, body)
        if errors:
            payload = {"message": f"The request body has {len(errors)} error(s)", "details": errors}
            return body, self._answer(request, body, 400, payload)
        return body, None

    def _sent(self, body: Any) -> dict:
        return {
            "sentMessages": [{"id": uuid.uuid4().hex[:18], "quoteToken": uuid.uuid4().hex} for _ in body["messages"]]
        }

    async def _reply(self, request: web.Request) -> web.Response:
        body, refusal = await self._checked_body(request, REPLY_VALIDATOR)
        if refusal is not None:
            return refusal
        token = body["replyToken"]
        if token in self.expired_reply_tokens or token in self.used_reply_tokens:
            return self._answer(request, body, 400, {"message": "Invalid reply token"})
        self.used_reply_tokens.add(token)
        return self._answer(request, body, 200, self._sent(body))

    async def _push(self, request: web.Request) -> web.Response:
        body, refusal = await self._checked_body(request, PUSH_VALIDATOR)
        if refusal is not None:
            return refusal
        return self._answer(request, body, 200, self._sent(body))
