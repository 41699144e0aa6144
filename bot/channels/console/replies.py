"""Replies from the console to a citizen (priority 1 of issue 15): store, deliver, show, retry.

- ``POST /inbox/<id>/reply`` (form ``reply``): stores the reply (an open request becomes claimed by the
  coordinator) and delivers it on the request's channel:
  - LINE: a push to the citizen's chat (bot/channels/line/api.py) under the reply's own X-Line-Retry-Key, so a
    retry after a lost answer never delivers twice; a refused push is kept as ``failed`` with LINE's error;
  - web chat: kept ``pending`` until the citizen's page fetches it (``GET /webhooks/webchat/replies``);
  - any other channel: ``failed`` with the reason (it cannot receive a later message).
- ``POST /inbox/<id>/replies/<reply_id>/retry``: delivers a failed or pending LINE reply again.
The reply is labelled 「担当者からの回答」 with the coordinator's name (bot/core/reply_rules.py); it is shown as text.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import aiohttp
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import db
from bot.channels.console.auth import Session
from bot.channels.line.api import DEFAULT_API_BASE, LineApiClient
from bot.channels.line.messages import text_message
from bot.core import reply_rules
from bot.core.texts import text

logger = logging.getLogger(__name__)

BASE = "/webhooks/console"


class Console(Protocol):
    line_client: LineApiClient | None

    def render(self, template: str, session: Session | None, status: int = 200, **context: Any) -> HTTPResponse: ...


def line_client_from_env(environ: Mapping[str, str]) -> LineApiClient | None:
    """The LINE client for pushes (LINE_CHANNEL_ACCESS_TOKEN, LINE_API_BASE), or None without a token."""
    token = environ.get("LINE_CHANNEL_ACCESS_TOKEN", "")
    return LineApiClient(token, environ.get("LINE_API_BASE") or DEFAULT_API_BASE) if token else None


def reply_dict(row: db.HandoffReply) -> dict[str, Any]:
    return {
        "id": row.id,
        "author": row.author,
        "text": row.text,
        "at": row.created_at.isoformat(),
        "delivery": row.delivery,
        "error": row.error,
        "attempts": row.attempts,
        "channel": row.channel,
    }


def store_reply(request_id: int, author: str, body: str) -> dict[str, Any] | None:
    """The stored reply, or None when the request is missing or closed."""
    with db.session_scope() as session:
        request = session.get(db.HandoffRequest, request_id)
        if request is None or request.status == "closed":
            return None
        row = db.add_reply(session, request, author, body)
        db.audit(session, author, "replied", f"request {request_id}")
        return reply_dict(row)


def load_reply(request_id: int, reply_id: int) -> dict[str, Any] | None:
    with db.session_scope() as session:
        row = session.get(db.HandoffReply, reply_id)
        if row is None or row.request_id != request_id:
            return None
        return {**reply_dict(row), "sender": row.sender_id, "retry_key": row.retry_key}


def note_delivery(reply_id: int, ok: bool, error: str = "") -> None:
    with db.session_scope() as session:
        db.record_delivery(session, reply_id, ok, error)


async def deliver(line_client: LineApiClient | None, reply: dict[str, Any]) -> None:
    """Deliver one stored reply on its channel and record the outcome (never raises)."""
    channel = reply["channel"]
    if channel == "webchat":
        return  # the page fetches it
    if channel != "line":
        await asyncio.to_thread(
            note_delivery, reply["id"], False, text("console.delivery_unsupported", channel=channel)
        )
        return
    if line_client is None:
        await asyncio.to_thread(note_delivery, reply["id"], False, text("console.delivery_line_unconfigured"))
        return
    message = text_message(reply_rules.labelled(reply["author"], reply["text"]))
    target = reply_rules.line_push_target(reply["sender"])
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15)) as http:
            result = await line_client.push(http, target, [message], retry_key=reply["retry_key"])
        ok, error = result.ok, text("console.delivery_line_failed", status=result.status, message=result.message)
    except Exception as exc:  # noqa: BLE001 - recorded as failed, so it can be retried
        logger.exception("console: pushing reply %s failed", reply["id"])
        ok, error = False, text("console.delivery_line_failed", status=0, message=type(exc).__name__)
    await asyncio.to_thread(note_delivery, reply["id"], ok, "" if ok else error)


def _refused(console: Console, session: Session, request_id: int, message: str, status: int) -> HTTPResponse:
    return console.render(
        "message.html",
        session,
        status=status,
        title=text("console.reply_refused_title"),
        message=message,
        back=f"{BASE}/inbox/{request_id}",
    )


async def send_reply(console: Console, request: Request, session: Session, request_id: int) -> HTTPResponse:
    body = reply_rules.clean_reply(request.form.get("reply"))
    if body is None:
        limit = reply_rules.MAX_REPLY_CHARS
        return _refused(console, session, request_id, text("console.reply_empty_or_long", limit=limit), 400)
    stored = await asyncio.to_thread(store_reply, request_id, session.display, body)
    if stored is None:
        return _refused(console, session, request_id, text("console.reply_closed"), 409)
    reply = await asyncio.to_thread(load_reply, request_id, stored["id"])
    if reply is not None:
        await deliver(console.line_client, reply)
    return response.redirect(f"{BASE}/inbox/{request_id}#replies", status=303)


async def retry(console: Console, request: Request, session: Session, request_id: int, reply_id: int) -> HTTPResponse:
    reply = await asyncio.to_thread(load_reply, request_id, reply_id)
    if reply is not None and reply["delivery"] != "delivered" and reply["channel"] != "webchat":
        await deliver(console.line_client, reply)
    return response.redirect(f"{BASE}/inbox/{request_id}#replies", status=303)


def add_routes(bp: Blueprint, console: Console, guarded: Callable[..., Any]) -> None:
    @bp.route("/inbox/<request_id:int>/reply", methods=["POST"])
    @guarded
    async def reply_route(request: Request, session: Session, request_id: int) -> HTTPResponse:
        return await send_reply(console, request, session, request_id)

    @bp.route("/inbox/<request_id:int>/replies/<reply_id:int>/retry", methods=["POST"])
    @guarded
    async def retry_route(request: Request, session: Session, request_id: int, reply_id: int) -> HTTPResponse:
        return await retry(console, request, session, request_id, reply_id)
