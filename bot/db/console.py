"""What the console reads and changes in the project database, as plain dicts (sync: callers run them in a
thread). Times are shown in Asia/Tokyo. The conversations in Rasa's tracker store: bot/channels/console/trackers.py.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select

from bot import db
from bot.core import reply_rules
from bot.core.japanese_calendar import TOKYO
from bot.core.usage_numbers import precheck_summary, thumbs


def shown(when: dt.datetime | None) -> str:
    """A naive-UTC time as 「2026-11-28 21:30」 in Asia/Tokyo."""
    if when is None:
        return ""
    return when.replace(tzinfo=dt.timezone.utc).astimezone(TOKYO).strftime("%Y-%m-%d %H:%M")


def shown_iso(text: str | None) -> str:
    try:
        return shown(dt.datetime.fromisoformat(text or ""))
    except ValueError:
        return ""


def parse_day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def utc_bounds(start: dt.date | None, end: dt.date | None) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Tokyo days [start, end] as naive-UTC [from, to)."""

    def at_midnight(day: dt.date) -> dt.datetime:
        local = dt.datetime.combine(day, dt.time(0), TOKYO)
        return local.astimezone(dt.timezone.utc).replace(tzinfo=None)

    return (at_midnight(start) if start else None, at_midnight(end + dt.timedelta(days=1)) if end else None)


def _lines(items: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        {"who": str(i.get("who") or ""), "text": str(i.get("text") or ""), "at": shown_iso(i.get("at"))}
        for i in items or []
    ]


def request_dict(row: db.HandoffRequest, full: bool = False) -> dict[str, Any]:
    item = {
        "id": row.id,
        "created": shown(row.created_at),
        "updated": shown(row.updated_at),
        "channel": row.channel,
        "sender": row.sender_id,
        "status": row.status,
        "claimed_by": row.claimed_by or "",
        "message": row.message,
        "contact": row.contact,
        "followups": len(row.followups or []),
    }
    if full:
        item["transcript"], item["later"] = _lines(row.transcript), _lines(row.followups)
    return item


def load_inbox(
    status: str = "", channel: str = "", start: dt.date | None = None, end: dt.date | None = None
) -> dict[str, Any]:
    since, until = utc_bounds(start, end)
    with db.session_scope() as session:
        rows = db.list_handoffs(session, status=status or None, channel=channel or None, start=since, end=until)
        channels = sorted({c for (c,) in session.execute(select(db.HandoffRequest.channel).distinct()) if c})
        return {"requests": [request_dict(r) for r in rows], "channels": channels}


def load_request(request_id: int) -> dict[str, Any] | None:
    """The request with its transcript and its thread: the citizen's later messages and the replies, in order."""
    with db.session_scope() as session:
        row = session.get(db.HandoffRequest, request_id)
        if row is None:
            return None
        item = request_dict(row, full=True)
        replies = [
            {
                "id": r.id,
                "author": r.author,
                "text": r.text,
                "at": r.created_at.isoformat(),
                "delivery": r.delivery,
                "error": r.error,
                "attempts": r.attempts,
            }
            for r in db.replies_of(session, request_id)
        ]
        item["thread"] = [
            {**entry, "at": shown_iso(entry.get("at"))} for entry in reply_rules.thread(row.followups or [], replies)
        ]
        item["replies"] = len(replies)
        return item


def change_status(request_id: int, status: str, by: str) -> bool:
    with db.session_scope() as session:
        return db.set_handoff_status(session, request_id, status, by) is not None


def delete_conversation_rows(sender_id: str) -> dict[str, int]:
    with db.session_scope() as session:
        return db.delete_sender_data(session, sender_id)


def load_improve_items(limit: int = 500) -> list[dict[str, Any]]:
    """Messages that fell back and questions rated 👎, newest first."""
    with db.session_scope() as session:
        fallbacks = [
            {
                "ref": f"fallback:{r.id}",
                "kind": "fallback",
                "text": r.text,
                "when": shown(r.created_at),
                "detail": f"{r.intent}（{r.confidence:.2f}）" if r.intent and r.confidence is not None else "",
                "channel": r.channel,
                "at": r.created_at,
            }
            for r in db.recent_rows(session, db.FallbackTurn, limit=limit)
        ]
        bad = [
            {
                "ref": f"feedback:{r.id}",
                "kind": "bad",
                "text": r.question,
                "when": shown(r.created_at),
                "detail": r.answer_key + (f"／{r.comment}" if r.comment else ""),
                "channel": r.channel,
                "at": r.created_at,
            }
            for r in db.recent_rows(session, db.AnswerFeedback, db.AnswerFeedback.helpful.is_(False), limit=limit)
        ]
    return sorted(fallbacks + bad, key=lambda item: item["at"], reverse=True)


def texts_of(refs: Iterable[str]) -> list[str]:
    """The question texts of ``fallback:<id>`` / ``feedback:<id>`` references, in the given order."""
    models = {"fallback": (db.FallbackTurn, "text"), "feedback": (db.AnswerFeedback, "question")}
    texts = []
    with db.session_scope() as session:
        for ref in refs:
            kind, _, number = str(ref).partition(":")
            if kind in models and number.isdigit():
                model, field = models[kind]
                row = session.get(model, int(number))
                if row is not None:
                    texts.append(getattr(row, field))
    return texts


def load_db_numbers() -> dict[str, Any]:
    with db.session_scope() as session:
        statuses = dict(
            session.execute(select(db.HandoffRequest.status, func.count()).group_by(db.HandoffRequest.status)).all()
        )
        return {
            "thumbs": thumbs(db.feedback_counts(session)),
            "precheck": precheck_summary(db.list_prechecks(session, limit=1000)),
            "handoffs": {s: int(statuses.get(s, 0)) for s in ("open", "claimed", "closed")},
        }


def audit(actor: str, action: str, target: str = "") -> None:
    with db.session_scope() as session:
        db.audit(session, actor, action, target)


def load_audit(limit: int = 500) -> list[dict[str, str]]:
    with db.session_scope() as session:
        return [
            {"at": shown(e.at), "actor": e.actor, "action": e.action, "target": e.target}
            for e in db.recent_audit(session, limit)
        ]


def open_count() -> int:
    """How many requests nobody has claimed yet (the count on every console page)."""
    with db.session_scope() as session:
        stmt = select(func.count()).select_from(db.HandoffRequest).where(db.HandoffRequest.status == "open")
        return int(session.execute(stmt).scalar_one())


def open_count_or_zero() -> int:
    """``open_count``, or 0 when the database cannot tell (a page without the count rather than no page)."""
    try:
        return open_count()
    except Exception:  # noqa: BLE001
        logging.getLogger(__name__).exception("console: counting the new requests failed")
        return 0
