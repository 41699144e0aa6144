"""The console's admin pages: accounts (add, remove), closures (special closures and openings: the same DB functions
and rows as ``python -m bot.tools.facilities``; the bot reads them at each answer, so its answers change at once)
and the audit log. A coordinator gets 403 on all of them. Every change is written to the audit log.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import db
from bot.channels.console.auth import Session
from bot.core.japanese_calendar import format_date, now_in_tokyo
from bot.core.passwords import hash_password, password_problem
from bot.core.texts import text
from bot.db import console as store

BASE = "/webhooks/console"


class Console(Protocol):
    def render(self, template: str, session: Session | None, status: int = 200, **context: Any) -> HTTPResponse: ...


def _message(console: Console, session: Session, status: int, title: str, message: str, back: str) -> HTTPResponse:
    return console.render("message.html", session, status=status, title=text(title), message=message, back=back)


# --- accounts -------------------------------------------------------------------------------------
def load_accounts() -> list[dict[str, str]]:
    with db.session_scope() as session:
        return [
            {"user": a.username, "name": a.display_name, "role": a.role, "created": store.shown(a.created_at)}
            for a in db.list_accounts(session)
        ]


def add_account(actor: str, user: str, name: str, role: str, password: str) -> str | None:
    """None when added, else the refusal's text."""
    problem = password_problem(password)
    if problem:
        return text(problem)
    try:
        with db.session_scope() as session:
            db.add_account(session, user, name, role, hash_password(password))
            db.audit(session, actor, "account_added", f"{user} ({role})")
    except ValueError:
        return text("console.account_refused")
    return None


def remove_account(actor: str, user: str) -> None:
    with db.session_scope() as session:
        if db.delete_account(session, user):
            db.audit(session, actor, "account_deleted", user)


# --- closures ---------------------------------------------------------------------------------------
def load_closures(today: dt.date) -> dict[str, Any]:
    with db.session_scope() as session:
        names = {f.key: f.name for f in db.list_facilities(session)}
        rows = db.special_days_between(session, today, today + dt.timedelta(days=3650))
        days = [
            {
                "day": r.day.isoformat(),
                "shown": format_date(r.day),
                "open": r.is_open,
                "facility": names.get(k, k),
                "key": k,
                "reason": r.reason,
            }
            for r, k in rows
        ]
        return {"days": days, "facilities": names}


def change_closure(actor: str, kind: str, day: dt.date, facility: str, reason: str) -> bool:
    """``kind`` close / open / remove for one facility (key) or all (""); False when the facility is unknown."""
    with db.session_scope() as session:
        facilities = [f for f in db.list_facilities(session) if not facility or f.key == facility]
        if not facilities:
            return False
        if kind == "remove":
            db.remove_special_days(session, day, [f.id for f in facilities])
        else:
            for f in facilities:
                db.set_special_day(session, f.id, day, kind == "open", reason)
        db.audit(session, actor, f"closure_{kind}", f"{day.isoformat()} {facility or 'all'}")
    return True


# --- routes -----------------------------------------------------------------------------------------
def add_routes(bp: Blueprint, console: Console, guarded: Callable[..., Any]) -> None:
    def admin_only(handler: Callable[..., Any]) -> Callable[..., Any]:
        async def wrapped(request: Request, session: Session, *args: Any) -> HTTPResponse:
            if not session.is_admin:
                return _message(console, session, 403, "console.admin_only_title", text("console.admin_only"), BASE)
            result: HTTPResponse = await handler(request, session, *args)
            return result

        wrapped.__name__ = handler.__name__
        return guarded(wrapped)

    @bp.route("/accounts", methods=["GET", "POST"])
    @admin_only
    async def accounts(request: Request, session: Session) -> HTTPResponse:
        error = ""
        if request.method == "POST":
            form = request.form
            if form.get("delete"):
                await asyncio.to_thread(remove_account, session.user, str(form.get("delete")))
            else:
                user, name, role = ((form.get(k) or "").strip() for k in ("user", "name", "role"))
                password = form.get("password") or ""
                refusal = await asyncio.to_thread(add_account, session.user, user, name, role, password)
                error = refusal or ""
            if not error:
                return response.redirect(BASE + "/accounts", status=303)
        rows = await asyncio.to_thread(load_accounts)
        return console.render(
            "accounts.html",
            session,
            status=400 if error else 200,
            nav="accounts",
            accounts=rows,
            roles=db.ROLES,
            error=error,
        )

    @bp.route("/closures", methods=["GET", "POST"])
    @admin_only
    async def closures(request: Request, session: Session) -> HTTPResponse:
        error = ""
        if request.method == "POST":
            form = request.form
            kind, day = form.get("kind") or "", store.parse_day(form.get("day"))
            if kind not in ("close", "open", "remove") or day is None:
                error = text("console.closure_refused")
            else:
                args = (session.user, kind, day, form.get("facility") or "", (form.get("reason") or "").strip()[:200])
                if not await asyncio.to_thread(change_closure, *args):
                    error = text("console.closure_refused")
            if not error:
                return response.redirect(BASE + "/closures", status=303)
        data = await asyncio.to_thread(load_closures, now_in_tokyo().date())
        return console.render(
            "closures.html", session, status=400 if error else 200, nav="closures", error=error, **data
        )

    @bp.route("/audit", methods=["GET"])
    @admin_only
    async def audit(request: Request, session: Session) -> HTTPResponse:
        rows = await asyncio.to_thread(store.load_audit)
        return console.render("audit.html", session, nav="audit", entries=rows)
