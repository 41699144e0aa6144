"""The coordinator console (``bot.channels.console.channel.ConsoleInput``, name ``console``), served by the Rasa server.

Pages under ``/webhooks/console/``: ``ask`` (the bot's top 3 answers to a pasted question), ``inbox`` (handoff
requests: filter, transcript, claim, close, delete a conversation's data), ``improve`` (fallbacks and 👎 grouped
by wording, export as NLU YAML), ``numbers`` (counts and one SVG chart); ``api/handoffs`` gives the inbox as JSON.
This module is the channel: login, session cookie, CSRF, rendering and the routes; the pages' own work is in
bot/channels/console/pages.py, to which each route delegates.

Login with CONSOLE_USER / CONSOLE_PASSWORD (bot/channels/console/auth.py): without a valid session cookie every page
and API answers 401 (pages with the login form). Every POST needs the session's CSRF token (form field
``csrf`` or header ``X-CSRF-Token``). Wrong passwords are throttled per user and client address (throttle.py,
429 while waiting); the client's address and scheme come from bot/channels/proxy.py (``TRUSTED_PROXIES``), and
over HTTPS the cookies are ``Secure`` and every response carries HSTS. Templates are Jinja2 with autoescape, so all
stored text is shown as text. The titles and messages the pages get from here are in data/texts/console.yml.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import secrets
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import proxy
from bot.channels.console import admin, notify, numbers, pages, replies
from bot.channels.console.accounts import DatabaseAccounts
from bot.channels.console.auth import ConsoleAuth, Session
from bot.channels.console.pages import BASE, HEADERS
from bot.channels.console.pages import STATUSES as STATUSES  # re-exported: a status's label is console.status_<status>
from bot.channels.console.sessions import DatabaseRevocations, console_secret
from bot.channels.console.throttle import LoginThrottle
from bot.channels.line.api import LineApiClient
from bot.core.texts import text
from bot.db import console as store

logger = logging.getLogger(__name__)

COOKIE, LOGIN_COOKIE = "kc_console", "kc_console_login"
CONSOLE_DIR = Path(__file__).resolve().parent
STATIC = {"console.css": "text/css; charset=utf-8", "console.js": "application/javascript; charset=utf-8"}
HSTS = "max-age=31536000"
TEMPLATES = Environment(loader=FileSystemLoader(str(CONSOLE_DIR / "templates")), autoescape=True)


def _cookie(resp: HTTPResponse, name: str, value: str, max_age: int, secure: bool) -> None:
    resp.cookies[name] = value
    for key, val in (("path", BASE), ("httponly", True), ("samesite", "Strict"), ("max-age", max_age)):
        resp.cookies[name][key] = val
    if secure:
        resp.cookies[name]["secure"] = True


def status_labels() -> dict[str, str]:
    """Status -> its label in data/texts/console.yml, in the inbox filter's order."""
    return {
        "open": text("console.status_open"),
        "claimed": text("console.status_claimed"),
        "closed": text("console.status_closed"),
    }


class ConsoleInput(InputChannel):
    """Not a chat channel: it only serves the coordinators' pages from the Rasa server."""

    @classmethod
    def name(cls) -> str:
        return "console"

    def __init__(
        self,
        auth: ConsoleAuth,
        throttle: LoginThrottle | None = None,
        trusted_proxies: proxy.Trusted = (),
        line_client: LineApiClient | None = None,
        notifier: notify.Notifier | None = None,
    ) -> None:
        self.notifier = notifier  # the new-request e-mail (NOTIFY_EMAIL + SMTP_URL), run by the server
        self.auth = auth
        self.line_client = line_client  # pushes replies to LINE users (bot/channels/console/replies.py)
        self.throttle = throttle if throttle is not None else LoginThrottle()
        self.trusted_proxies = trusted_proxies
        if not auth.enabled:
            logger.warning("console: CONSOLE_PASSWORD is not set, so nobody can log in to %s/", BASE)

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> ConsoleInput:
        secret = console_secret(os.environ)
        auth = ConsoleAuth.from_env(
            os.environ, secret=secret, revocations=DatabaseRevocations(), accounts=DatabaseAccounts()
        )
        line = replies.line_client_from_env(os.environ)
        notifier = notify.Notifier.from_env(os.environ)
        return cls(auth, trusted_proxies=proxy.trusted_from_env(os.environ), line_client=line, notifier=notifier)

    def client(self, request: Request) -> proxy.Client:
        """The client's address and scheme (X-Forwarded-* believed only from TRUSTED_PROXIES)."""
        return proxy.client_of(request, self.trusted_proxies)

    # --- rendering ----------------------------------------------------------------------------
    def render(self, template: str, session: Session | None, status: int = 200, **context: Any) -> HTTPResponse:
        body = TEMPLATES.get_template(template).render(
            base=BASE,
            session=session,
            csrf=self.auth.csrf_token(session) if session else "",
            statuses=status_labels(),
            open_count=store.open_count_or_zero() if session else 0,
            **context,
        )
        return response.html(body, status=status, headers=HEADERS)

    def login_page(self, request: Request, status: int = 401, error: str = "") -> HTTPResponse:
        nonce = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(16)
        wanted = request.path if request.method == "GET" and request.path.startswith(BASE + "/") else ""
        resp = self.render(
            "login.html",
            None,
            status=status,
            error=error,
            next=wanted,
            token=self.auth.login_token(nonce),
            enabled=self.auth.enabled,
        )
        _cookie(resp, LOGIN_COOKIE, nonce, 3600, self.client(request).https)
        return resp

    def guarded(self, handler: Callable[..., Awaitable[HTTPResponse]]) -> Callable[..., Awaitable[HTTPResponse]]:
        """Login (401 otherwise), CSRF on POST (403 otherwise), and a polite page when the database fails."""

        @functools.wraps(handler)
        async def wrapped(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            is_api = request.path.startswith(BASE + "/api/")
            try:  # a logged-out session is looked up in the database
                session = await asyncio.to_thread(self.auth.verify, request.cookies.get(COOKIE), time.time())
            except Exception:  # noqa: BLE001 - the database is down: a readable page, not a 500
                logger.exception("console: checking the session failed")
                return self.unavailable(None, is_api)
            if session is None:
                return response.json({"error": "login required"}, status=401) if is_api else self.login_page(request)
            if request.method == "POST":
                token = request.form.get("csrf") or request.headers.get("x-csrf-token")
                if not self.auth.check_csrf(session, token):
                    if is_api:
                        return response.json({"error": "bad CSRF token"}, status=403)
                    return self.render(
                        "message.html",
                        session,
                        status=403,
                        title=text("console.csrf_refused_title"),
                        message=text("console.csrf_refused_message"),
                    )
            try:
                return await handler(request, session, *args, **kwargs)
            except Exception:  # noqa: BLE001 - coordinators get a readable page, the log gets the details
                logger.exception("console: %s %s failed", request.method, request.path)
                return self.unavailable(session, is_api)

        return wrapped

    def unavailable(self, session: Session | None, is_api: bool) -> HTTPResponse:
        """503 when the database cannot be read: JSON for the API, a readable page otherwise."""
        if is_api:
            return response.json({"error": "temporarily unavailable"}, status=503)
        title, message = text("console.unavailable_title"), text("console.unavailable_message")
        return self.render("message.html", session, status=503, title=title, message=message)

    # --- routes ---------------------------------------------------------------------------------
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("console", __name__)
        guarded = self.guarded

        @bp.middleware("response")
        async def strict_transport(request: Request, resp: HTTPResponse) -> None:
            if self.client(request).https:
                resp.headers["Strict-Transport-Security"] = HSTS

        @bp.route("/static/<name>", methods=["GET"])
        async def static(request: Request, name: str) -> HTTPResponse:
            return _static_file(name)

        @bp.route("/login", methods=["POST"])
        async def login(request: Request) -> HTTPResponse:
            return await asyncio.to_thread(_login, self, request)  # scrypt and the accounts table: off the loop

        @bp.route("/logout", methods=["POST"])
        @guarded
        async def logout(request: Request, session: Session) -> HTTPResponse:
            return await _logout(self, request, session)

        @bp.route("/", methods=["GET"])
        @guarded
        async def home(request: Request, session: Session) -> HTTPResponse:
            return response.redirect(BASE + "/inbox", status=303)

        @bp.route("/ask", methods=["GET", "POST"])
        @guarded
        async def ask_page(request: Request, session: Session) -> HTTPResponse:
            return await pages.ask_page(self, request, session)

        @bp.route("/inbox", methods=["GET"])
        @guarded
        async def inbox(request: Request, session: Session) -> HTTPResponse:
            return await pages.inbox(self, request, session)

        @bp.route("/inbox/<request_id:int>", methods=["GET"])
        @guarded
        async def request_page(request: Request, session: Session, request_id: int) -> HTTPResponse:
            return await pages.request_page(self, request, session, request_id)

        @bp.route("/inbox/<request_id:int>/claim", methods=["POST"])
        @guarded
        async def claim(request: Request, session: Session, request_id: int) -> HTTPResponse:
            return await pages.claim(self, request, session, request_id)

        @bp.route("/inbox/<request_id:int>/close", methods=["POST"])
        @guarded
        async def close(request: Request, session: Session, request_id: int) -> HTTPResponse:
            return await pages.close(self, request, session, request_id)

        @bp.route("/conversations/delete", methods=["POST"])
        @guarded
        async def delete_conversation(request: Request, session: Session) -> HTTPResponse:
            return await pages.delete_conversation(self, request, session)

        @bp.route("/improve", methods=["GET"])
        @guarded
        async def improve(request: Request, session: Session) -> HTTPResponse:
            return await pages.improve(self, request, session)

        @bp.route("/improve/export", methods=["POST"])
        @guarded
        async def export_page(request: Request, session: Session) -> HTTPResponse:
            return await pages.export_page(self, request, session)

        @bp.route("/numbers", methods=["GET"])
        @guarded
        async def numbers_page(request: Request, session: Session) -> HTTPResponse:
            return await pages.numbers_page(self, request, session)

        @bp.route("/api/handoffs", methods=["GET"])
        @guarded
        async def api_handoffs(request: Request, session: Session) -> HTTPResponse:
            return await pages.api_handoffs(self, request, session)

        replies.add_routes(bp, self, guarded)
        admin.add_routes(bp, self, guarded)
        numbers.add_routes(bp, guarded)
        notify.add_listener(bp, self.notifier)
        return bp


# --- the unguarded files and the session's own routes ---------------------------------------------
def _static_file(name: str) -> HTTPResponse:
    if name not in STATIC:
        return response.text("not found", status=404)
    return response.raw(
        (CONSOLE_DIR / "static" / name).read_bytes(),
        content_type=STATIC[name],
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"},
    )


def _login(console: ConsoleInput, request: Request) -> HTTPResponse:
    form, client = request.form, console.client(request)
    if not console.auth.check_login_token(request.cookies.get(LOGIN_COOKIE), form.get("token")):
        return console.login_page(request, error=text("console.login_expired"))
    user = form.get("user") or ""
    refusal = console.throttle.check(user, client.address)
    if refusal is not None:  # the password is not even looked at
        resp = console.login_page(request, status=429, error=refusal.message())
        resp.headers["Retry-After"] = str(refusal.seconds)
        return resp
    identity = console.auth.login(user, form.get("password") or "")
    if identity is None:
        console.throttle.failed(user, client.address)
        return console.login_page(request, error=text("console.login_failed"))
    console.throttle.succeeded(user, client.address)
    wanted = form.get("next") or ""
    target = wanted if wanted.startswith(BASE + "/") and "//" not in wanted and "\\" not in wanted else BASE + "/ask"
    resp = response.redirect(target, status=303)
    _cookie(resp, COOKIE, console.auth.issue(time.time(), identity.user), console.auth.ttl, client.https)
    return resp


async def _logout(console: ConsoleInput, request: Request, session: Session) -> HTTPResponse:
    await asyncio.to_thread(console.auth.revoke, session)
    resp = response.redirect(BASE + "/", status=303)
    _cookie(resp, COOKIE, "", 0, console.client(request).https)
    return resp
