"""A fake LINE Messaging API on loopback (aiohttp): checks the bearer token and the request schema,
answers like LINE does, and records every request it receives.

Reply tokens can be used once; tokens put in ``expired_reply_tokens`` are refused with LINE's
400 "Invalid reply token", as an expired token is. ``fail_status`` makes every call fail.

Pushes: an ``X-Line-Retry-Key`` must be a UUID; a key already accepted gets LINE's 409 and nothing is delivered
again. ``push_failures`` are statuses answered to the next pushes before delivering (e.g. [500]); ``lost_push_answers``
pushes are delivered but answered 500, as when LINE's answer is lost: ``delivered(PUSH)`` is what users got.

The loading animation (``LOADING``) is recorded in ``loading``, apart from ``requests`` (the reply and push calls);
``loading_status`` is its answer and ``loading_gate``, when set, holds its answer until the gate opens.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.fakes.line_schema import LOADING_VALIDATOR, PUSH_VALIDATOR, REPLY_VALIDATOR, schema_errors

REPLY = "/v2/bot/message/reply"
PUSH = "/v2/bot/message/push"
LOADING = "/v2/bot/chat/loading/start"


@dataclass
class Recorded:
    path: str
    authorization: str
    body: Any
    status: int
    retry_key: str | None = None
    delivered: bool = False


class FakeLineApi:
    def __init__(self, access_token: str) -> None:
        self.access_token = access_token
        self.requests: list[Recorded] = []
        self.expired_reply_tokens: set[str] = set()
        self.used_reply_tokens: set[str] = set()
        self.fail_status: int | None = None
        self.push_failures: list[int] = []
        self.lost_push_answers = 0
        self.accepted_retry_keys: set[str] = set()
        self.loading: list[Recorded] = []
        self.loading_status = 202
        self.loading_gate: asyncio.Event | None = None
        self.replied = asyncio.Event()  # set at each reply or push delivered
        self.loading_called = asyncio.Event()  # set at each loading call received
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    def accepted(self, path: str) -> list[Any]:
        """Bodies of the requests to ``path`` that were accepted (2xx)."""
        return [r.body for r in self.requests if r.path == path and 200 <= r.status < 300]

    def delivered(self, path: str) -> list[Any]:
        """Bodies of the requests to ``path`` whose messages reached the users (answered or not)."""
        return [r.body for r in self.requests if r.path == path and r.delivered]

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post(REPLY, self._reply)
        app.router.add_post(PUSH, self._push)
        app.router.add_post(LOADING, self._loading)
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

    def _answer(
        self, request: web.Request, body: Any, status: int, payload: Any, delivered: bool = False
    ) -> web.Response:
        key = request.headers.get("X-Line-Retry-Key")
        self.requests.append(
            Recorded(request.path, request.headers.get("Authorization", ""), body, status, key, delivered)
        )
        if delivered:
            self.replied.set()
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
        return self._answer(request, body, 200, self._sent(body), delivered=True)

    async def _push(self, request: web.Request) -> web.Response:
        body, refusal = await self._checked_body(request, PUSH_VALIDATOR)
        if refusal is not None:
            return refusal
        key = request.headers.get("X-Line-Retry-Key")
        if key is not None:
            try:
                valid = str(uuid.UUID(key)) == key.lower()
            except ValueError:
                valid = False
            if not valid:
                return self._answer(
                    request, body, 400, {"message": "The value for the 'X-Line-Retry-Key' header is invalid"}
                )
            if key in self.accepted_retry_keys:
                return self._answer(request, body, 409, {"message": "The retry key is already accepted"})
        if self.push_failures:
            return self._answer(request, body, self.push_failures.pop(0), {"message": "Internal server error"})
        if key is not None:
            self.accepted_retry_keys.add(key)
        if self.lost_push_answers:
            self.lost_push_answers -= 1
            return self._answer(request, body, 500, {"message": "Internal server error"}, delivered=True)
        return self._answer(request, body, 200, self._sent(body), delivered=True)

    async def _loading(self, request: web.Request) -> web.Response:
        raw = await request.read()
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            body = None
        auth = request.headers.get("Authorization", "")
        errors = schema_errors(LOADING_VALIDATOR, body) if body is not None else [{"message": "not JSON"}]
        status = 401 if auth != f"Bearer {self.access_token}" else 400 if errors else self.loading_status
        self.loading.append(Recorded(request.path, auth, body, status))
        self.loading_called.set()
        if self.loading_gate is not None:
            await self.loading_gate.wait()
        return web.json_response({"details": errors} if errors else {}, status=status)
