"""The coordinator console's pages (served by ``bot.channels.console.channel.ConsoleInput``), one function per route.

Each page is ``async def page(console, request, session, ...) -> HTTPResponse``: the channel's blueprint has
already checked the login and the CSRF token (``ConsoleInput.guarded``) and only delegates here; ``console`` is
the channel, used to render the Jinja2 templates. Grouped by page: ask; inbox, request, claim / close and delete a
conversation's data; improve and its NLU export; numbers; the JSON API.

This module imports nothing from channel.py (which imports it): what the pages need of the channel is the
``Console`` protocol, and the URL prefix, the response headers and the statuses the channel shares live here.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any, Protocol

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.console import ask, export, trackers
from bot.channels.console import numbers as numbers_figures
from bot.channels.console.auth import Session
from bot.channels.console.grouping import group_similar
from bot.core import usage_numbers as numbers
from bot.core.japanese_calendar import TOKYO
from bot.core.texts import text
from bot.db import console as store

logger = logging.getLogger(__name__)

BASE = "/webhooks/console"
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
STATUSES = ("open", "claimed", "closed")  # a handoff request's status; its label is console.status_<status>
MAX_QUESTION_CHARS = 1000


class Console(Protocol):
    """What the pages use of the channel (``ConsoleInput``)."""

    def render(self, template: str, session: Session | None, status: int = 200, **context: Any) -> HTTPResponse: ...


# --- ask ----------------------------------------------------------------------------------------
async def ask_page(console: Console, request: Request, session: Session) -> HTTPResponse:
    question = (request.form.get("q") or "").strip() if request.method == "POST" else ""
    context: dict[str, Any] = {"question": question, "answers": None, "error": ""}
    agent = getattr(request.app.ctx, "agent", None)
    if question and len(question) > MAX_QUESTION_CHARS:
        context["error"] = text("console.ask_too_long", limit=MAX_QUESTION_CHARS)
    elif question and (agent is None or getattr(agent, "domain", None) is None):
        context["error"] = text("console.ask_model_loading")
    elif question:
        parse = await agent.parse_message(question)
        context["answers"] = ask.top_answers(parse, agent.domain.responses)
        context["fell_back"] = ask.fell_back(parse)
    return console.render("ask.html", session, nav="ask", **context)


# --- inbox, one request, claim / close, delete a conversation's data ----------------------------
async def inbox(console: Console, request: Request, session: Session) -> HTTPResponse:
    args = request.args
    status = args.get("status", "") if args.get("status", "") in STATUSES else ""
    channel = (args.get("channel") or "")[:64]
    start, end = store.parse_day(args.get("from")), store.parse_day(args.get("to"))
    data = await asyncio.to_thread(store.load_inbox, status, channel, start, end)
    filters = {
        "status": status,
        "channel": channel,
        "from": start.isoformat() if start else "",
        "to": end.isoformat() if end else "",
    }
    return console.render("inbox.html", session, nav="inbox", filters=filters, **data)


async def request_page(console: Console, request: Request, session: Session, request_id: int) -> HTTPResponse:
    item = await asyncio.to_thread(store.load_request, request_id)
    if item is None:
        return console.render(
            "message.html",
            session,
            status=404,
            title=text("console.request_not_found_title"),
            message=text("console.request_not_found_message", request_id=request_id),
        )
    tracker_store = getattr(getattr(request.app.ctx, "agent", None), "tracker_store", None)
    language = await trackers.conversation_language(tracker_store, str(item["sender"]))
    answers = await _suggested(request, item)
    return console.render("request.html", session, nav="inbox", item=item, answers=answers, language=language)


async def _suggested(request: Request, item: dict[str, Any]) -> list[ask.AskAnswer]:
    """The Ask page's top 3 answers for the citizen's message: where a reply can start (none while loading)."""
    agent = getattr(request.app.ctx, "agent", None)
    if item["status"] == "closed" or agent is None or getattr(agent, "domain", None) is None:
        return []
    try:
        parse = await agent.parse_message(str(item["message"])[:MAX_QUESTION_CHARS])
    except Exception:  # noqa: BLE001 - the reply form works without suggestions
        logger.exception("console: suggesting answers failed")
        return []
    return [a for a in ask.top_answers(parse, agent.domain.responses) if a.text != text("console.no_fixed_answer")]


async def _change(console: Console, request: Request, session: Session, request_id: int, status: str) -> HTTPResponse:
    if not await asyncio.to_thread(store.change_status, request_id, status, session.user):
        return console.render(
            "message.html",
            session,
            status=409,
            title=text("console.change_refused_title"),
            message=text("console.change_refused_message"),
            back=f"{BASE}/inbox/{request_id}",
        )
    await asyncio.to_thread(store.audit, session.user, status, f"request {request_id}")
    return response.redirect(f"{BASE}/inbox/{request_id}", status=303)


async def claim(console: Console, request: Request, session: Session, request_id: int) -> HTTPResponse:
    return await _change(console, request, session, request_id, "claimed")


async def close(console: Console, request: Request, session: Session, request_id: int) -> HTTPResponse:
    return await _change(console, request, session, request_id, "closed")


async def delete_conversation(console: Console, request: Request, session: Session) -> HTTPResponse:
    sender = (request.form.get("sender") or "").strip()[:200]
    if not sender:
        return console.render(
            "message.html",
            session,
            status=400,
            title=text("console.delete_refused_title"),
            message=text("console.delete_no_conversation"),
        )
    counts = await asyncio.to_thread(store.delete_conversation_rows, sender)
    await asyncio.to_thread(store.audit, session.user, "deleted", f"conversation {sender}")
    tracker_store = getattr(getattr(request.app.ctx, "agent", None), "tracker_store", None)
    forgotten = await trackers.forget_conversation(tracker_store, sender) if tracker_store is not None else False
    return console.render(
        "deleted.html",
        session,
        nav="inbox",
        counts=counts,
        forgotten=forgotten,
        store_kind=trackers.tracker_store_kind(tracker_store),
    )


# --- improve and its NLU export -----------------------------------------------------------------
async def improve(console: Console, request: Request, session: Session) -> HTTPResponse:
    items = await asyncio.to_thread(store.load_improve_items)
    groups = group_similar(items, lambda item: item["text"])
    return console.render("improve.html", session, nav="improve", groups=groups, intents=_known_intents())


async def export_page(console: Console, request: Request, session: Session) -> HTTPResponse:
    form = request.form
    intent, refs = form.get("intent") or "", form.getlist("ref") or []
    problem = "" if intent in _known_intents() else text("console.export_no_intent")
    yaml_text = ""
    if not problem:
        note = f"coordinator console export {datetime.now(TOKYO):%Y-%m-%d %H:%M}: paste under data/nlu/"
        try:
            yaml_text = export.nlu_yaml(intent, await asyncio.to_thread(store.texts_of, refs), note=note)
        except ValueError:
            problem = text("console.export_no_example")
    if not problem:
        try:
            export.check_with_rasa(yaml_text)
        except Exception:  # noqa: BLE001 - never hand out a file Rasa would refuse
            logger.exception("console: the export did not pass Rasa's reader")
            problem = text("console.export_rasa_refused")
    if problem:
        return console.render(
            "message.html",
            session,
            status=400,
            title=text("console.export_refused_title"),
            message=problem,
            back=f"{BASE}/improve",
        )
    await asyncio.to_thread(store.audit, session.user, "exported", f"NLU {intent} ({len(refs)})")
    if form.get("download"):
        headers = {**HEADERS, "Content-Disposition": 'attachment; filename="nlu_export.yml"'}
        return response.text(yaml_text, content_type="text/yaml; charset=utf-8", headers=headers)
    return console.render("export.html", session, nav="improve", yaml=yaml_text, intent=intent, refs=refs)


def _known_intents() -> dict[str, str]:
    """Intents and faq/<key> with training examples, with their canonical question (data/nlu/)."""
    from bot.core.suggestions import canonical_questions

    return dict(sorted(canonical_questions().items()))


# --- numbers ------------------------------------------------------------------------------------
async def numbers_page(console: Console, request: Request, session: Session) -> HTTPResponse:
    data = await numbers_figures.gather(request)
    chart = numbers.bar_chart_svg([(f"{d.month}/{d.day}", n) for d, n in data["days"]], text("console.chart_title"))
    return console.render("numbers.html", session, nav="numbers", chart=chart, **data)


# --- the JSON API -------------------------------------------------------------------------------
async def api_handoffs(console: Console, request: Request, session: Session) -> HTTPResponse:
    status = request.args.get("status", "") if request.args.get("status", "") in STATUSES else ""
    channel = (request.args.get("channel") or "")[:64]
    data = await asyncio.to_thread(store.load_inbox, status, channel, None, None)
    return response.json(data, headers={"Cache-Control": "no-store"})
