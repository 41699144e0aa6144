"""The coordinator console (``bot.channels.console.channel.ConsoleInput``, name ``console``), served by the Rasa server.

Pages under ``/webhooks/console/``: ``ask`` (the bot's top 3 answers to a pasted question), ``inbox`` (handoff
requests: filter, transcript, claim, close, delete a conversation's data), ``improve`` (fallbacks and 👎 grouped
by wording, export as NLU YAML), ``numbers`` (counts and one SVG chart); ``api/handoffs`` gives the inbox as JSON.

Login with CONSOLE_USER / CONSOLE_PASSWORD (bot/channels/console/auth.py): without a valid session cookie every page
and API answers 401 (pages with the login form). Every POST needs the session's CSRF token (form field
``csrf`` or header ``X-CSRF-Token``). Templates are Jinja2 with autoescape, so all stored text is shown as text.
The titles and messages the pages get from here are in data/texts/console.yml.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import os
import secrets
import time
from datetime import datetime
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from jinja2 import Environment, FileSystemLoader
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.core.calendar_rule import TOKYO
from bot.channels.console import ask, export, trackers
from bot.core import usage_numbers as numbers
from bot.db import console as store
from bot.channels.console.auth import ConsoleAuth, Session
from bot.channels.console.grouping import group_similar
from bot.core.texts import text

logger = logging.getLogger(__name__)

BASE = "/webhooks/console"
COOKIE, LOGIN_COOKIE = "kc_console", "kc_console_login"
CONSOLE_DIR = Path(__file__).resolve().parent
STATIC = {"console.css": "text/css; charset=utf-8", "console.js": "application/javascript; charset=utf-8"}
HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "Cache-Control": "no-store",
}
STATUSES = ("open", "claimed", "closed")  # a handoff request's status; its label is console.status_<status>
MAX_QUESTION_CHARS = 1000
TEMPLATES = Environment(loader=FileSystemLoader(str(CONSOLE_DIR / "templates")), autoescape=True)


def _cookie(resp: HTTPResponse, name: str, value: str, max_age: int, secure: bool) -> None:
    resp.cookies[name] = value
    for key, val in (("path", BASE), ("httponly", True), ("samesite", "Strict"), ("max-age", max_age)):
        resp.cookies[name][key] = val
    if secure:
        resp.cookies[name]["secure"] = True


def status_labels() -> dict[str, str]:
    """Status -> its label in data/texts/console.yml, in the inbox filter's order."""
    return {"open": text("console.status_open"), "claimed": text("console.status_claimed"),
            "closed": text("console.status_closed")}


class ConsoleInput(InputChannel):
    """Not a chat channel: it only serves the coordinators' pages from the Rasa server."""

    @classmethod
    def name(cls) -> Text:
        return "console"

    def __init__(self, auth: ConsoleAuth) -> None:
        self.auth = auth
        if not auth.enabled:
            logger.warning("console: CONSOLE_PASSWORD is not set, so nobody can log in to %s/", BASE)

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "ConsoleInput":
        return cls(ConsoleAuth.from_env(os.environ))

    # --- rendering ----------------------------------------------------------------------------
    def render(self, template: str, session: Optional[Session], status: int = 200, **context: Any) -> HTTPResponse:
        body = TEMPLATES.get_template(template).render(
            base=BASE, session=session, csrf=self.auth.csrf_token(session) if session else "",
            statuses=status_labels(), **context)
        return response.html(body, status=status, headers=HEADERS)

    def login_page(self, request: Request, status: int = 401, error: str = "") -> HTTPResponse:
        nonce = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(16)
        wanted = request.path if request.method == "GET" and request.path.startswith(BASE + "/") else ""
        resp = self.render("login.html", None, status=status, error=error, next=wanted,
                           token=self.auth.login_token(nonce), enabled=self.auth.enabled)
        _cookie(resp, LOGIN_COOKIE, nonce, 3600, request.scheme == "https")
        return resp

    def guarded(self, handler: Callable[..., Awaitable[HTTPResponse]]) -> Callable[..., Awaitable[HTTPResponse]]:
        """Login (401 otherwise), CSRF on POST (403 otherwise), and a polite page when the database fails."""

        @functools.wraps(handler)
        async def wrapped(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            session = self.auth.verify(request.cookies.get(COOKIE), time.time())
            is_api = request.path.startswith(BASE + "/api/")
            if session is None:
                return response.json({"error": "login required"}, status=401) if is_api else self.login_page(request)
            if request.method == "POST":
                token = request.form.get("csrf") or request.headers.get("x-csrf-token")
                if not self.auth.check_csrf(session, token):
                    if is_api:
                        return response.json({"error": "bad CSRF token"}, status=403)
                    return self.render("message.html", session, status=403, title=text("console.csrf_refused_title"),
                                       message=text("console.csrf_refused_message"))
            try:
                return await handler(request, session, *args, **kwargs)
            except Exception:  # noqa: BLE001 - coordinators get a readable page, the log gets the details
                logger.exception("console: %s %s failed", request.method, request.path)
                return self.render("message.html", session, status=503, title=text("console.unavailable_title"),
                                   message=text("console.unavailable_message"))

        return wrapped

    # --- routes ---------------------------------------------------------------------------------
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("console", __name__)
        guarded = self.guarded

        @bp.route("/static/<name>", methods=["GET"])
        async def static(request: Request, name: str) -> HTTPResponse:
            if name not in STATIC:
                return response.text("not found", status=404)
            return response.raw((CONSOLE_DIR / "static" / name).read_bytes(), content_type=STATIC[name],
                                headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"})

        @bp.route("/login", methods=["POST"])
        async def login(request: Request) -> HTTPResponse:
            form = request.form
            if not self.auth.check_login_token(request.cookies.get(LOGIN_COOKIE), form.get("token")):
                return self.login_page(request, error=text("console.login_expired"))
            if not self.auth.check_login(form.get("user") or "", form.get("password") or ""):
                return self.login_page(request, error=text("console.login_failed"))
            wanted = form.get("next") or ""
            target = wanted if wanted.startswith(BASE + "/") and "//" not in wanted and "\\" not in wanted else BASE + "/ask"
            resp = response.redirect(target, status=303)
            _cookie(resp, COOKIE, self.auth.issue(time.time()), self.auth.ttl, request.scheme == "https")
            return resp

        @bp.route("/logout", methods=["POST"])
        @guarded
        async def logout(request: Request, session: Session) -> HTTPResponse:
            self.auth.revoke(session)
            resp = response.redirect(BASE + "/", status=303)
            _cookie(resp, COOKIE, "", 0, request.scheme == "https")
            return resp

        @bp.route("/", methods=["GET"])
        @guarded
        async def home(request: Request, session: Session) -> HTTPResponse:
            return response.redirect(BASE + "/inbox", status=303)

        @bp.route("/ask", methods=["GET", "POST"])
        @guarded
        async def ask_page(request: Request, session: Session) -> HTTPResponse:
            question = (request.form.get("q") or "").strip() if request.method == "POST" else ""
            context: Dict[str, Any] = {"question": question, "answers": None, "error": ""}
            agent = getattr(request.app.ctx, "agent", None)
            if question and len(question) > MAX_QUESTION_CHARS:
                context["error"] = text("console.ask_too_long", limit=MAX_QUESTION_CHARS)
            elif question and (agent is None or getattr(agent, "domain", None) is None):
                context["error"] = text("console.ask_model_loading")
            elif question:
                parse = await agent.parse_message(question)
                context["answers"] = ask.top_answers(parse, agent.domain.responses)
                context["fell_back"] = ask.fell_back(parse)
            return self.render("ask.html", session, nav="ask", **context)

        @bp.route("/inbox", methods=["GET"])
        @guarded
        async def inbox(request: Request, session: Session) -> HTTPResponse:
            args = request.args
            status = args.get("status", "") if args.get("status", "") in STATUSES else ""
            channel = (args.get("channel") or "")[:64]
            start, end = store.parse_day(args.get("from")), store.parse_day(args.get("to"))
            data = await asyncio.to_thread(store.load_inbox, status, channel, start, end)
            filters = {"status": status, "channel": channel, "from": start.isoformat() if start else "",
                       "to": end.isoformat() if end else ""}
            return self.render("inbox.html", session, nav="inbox", filters=filters, **data)

        @bp.route("/inbox/<request_id:int>", methods=["GET"])
        @guarded
        async def request_page(request: Request, session: Session, request_id: int) -> HTTPResponse:
            item = await asyncio.to_thread(store.load_request, request_id)
            if item is None:
                return self.render("message.html", session, status=404, title=text("console.request_not_found_title"),
                                   message=text("console.request_not_found_message", request_id=request_id))
            return self.render("request.html", session, nav="inbox", item=item)

        async def change(request: Request, session: Session, request_id: int, status: str) -> HTTPResponse:
            if not await asyncio.to_thread(store.change_status, request_id, status, session.user):
                return self.render("message.html", session, status=409, title=text("console.change_refused_title"),
                                   message=text("console.change_refused_message"),
                                   back=f"{BASE}/inbox/{request_id}")
            return response.redirect(f"{BASE}/inbox/{request_id}", status=303)

        @bp.route("/inbox/<request_id:int>/claim", methods=["POST"])
        @guarded
        async def claim(request: Request, session: Session, request_id: int) -> HTTPResponse:
            return await change(request, session, request_id, "claimed")

        @bp.route("/inbox/<request_id:int>/close", methods=["POST"])
        @guarded
        async def close(request: Request, session: Session, request_id: int) -> HTTPResponse:
            return await change(request, session, request_id, "closed")

        @bp.route("/conversations/delete", methods=["POST"])
        @guarded
        async def delete_conversation(request: Request, session: Session) -> HTTPResponse:
            sender = (request.form.get("sender") or "").strip()[:200]
            if not sender:
                return self.render("message.html", session, status=400, title=text("console.delete_refused_title"),
                                   message=text("console.delete_no_conversation"))
            counts = await asyncio.to_thread(store.delete_conversation_rows, sender)
            tracker_store = getattr(getattr(request.app.ctx, "agent", None), "tracker_store", None)
            forgotten = trackers.forget_in_memory(tracker_store, sender) if tracker_store is not None else False
            return self.render("deleted.html", session, nav="inbox", counts=counts, forgotten=forgotten,
                               store_kind=trackers.tracker_store_kind(tracker_store))

        @bp.route("/improve", methods=["GET"])
        @guarded
        async def improve(request: Request, session: Session) -> HTTPResponse:
            items = await asyncio.to_thread(store.load_improve_items)
            groups = group_similar(items, lambda item: item["text"])
            return self.render("improve.html", session, nav="improve", groups=groups, intents=_known_intents())

        @bp.route("/improve/export", methods=["POST"])
        @guarded
        async def export_page(request: Request, session: Session) -> HTTPResponse:
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
                return self.render("message.html", session, status=400, title=text("console.export_refused_title"),
                                   message=problem, back=f"{BASE}/improve")
            if form.get("download"):
                headers = {**HEADERS, "Content-Disposition": 'attachment; filename="nlu_export.yml"'}
                return response.text(yaml_text, content_type="text/yaml; charset=utf-8", headers=headers)
            return self.render("export.html", session, nav="improve", yaml=yaml_text, intent=intent, refs=refs)

        @bp.route("/numbers", methods=["GET"])
        @guarded
        async def numbers_page(request: Request, session: Session) -> HTTPResponse:
            tracker_store = getattr(getattr(request.app.ctx, "agent", None), "tracker_store", None)
            turns = await trackers.collect_turns(tracker_store)
            today = datetime.now(TOKYO).date()
            days = numbers.per_day(turns, today, TOKYO)
            chart = numbers.bar_chart_svg([(f"{d.month}/{d.day}", n) for d, n in days], text("console.chart_title"))
            return self.render("numbers.html", session, nav="numbers", turns=len(turns), days=days, chart=chart,
                               fallback_rate=numbers.fallback_rate(turns), topics=numbers.top_topics(turns),
                               channels=numbers.by_channel(turns), store_kind=trackers.tracker_store_kind(tracker_store),
                               **await asyncio.to_thread(store.load_db_numbers))

        @bp.route("/api/handoffs", methods=["GET"])
        @guarded
        async def api_handoffs(request: Request, session: Session) -> HTTPResponse:
            status = request.args.get("status", "") if request.args.get("status", "") in STATUSES else ""
            channel = (request.args.get("channel") or "")[:64]
            data = await asyncio.to_thread(store.load_inbox, status, channel, None, None)
            return response.json(data, headers={"Cache-Control": "no-store"})

        return bp


def _known_intents() -> Dict[str, str]:
    """Intents and faq/<key> with training examples, with their canonical question (data/nlu/)."""
    from bot.core.suggestions import canonical_questions

    return dict(sorted(canonical_questions().items()))
