"""Queries and changes on the project database's tables (bot/db/models.py), each taking an open session."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import case, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.db.models import (
    CONVERSATION_MODELS,
    AnswerFeedback,
    ConsoleSessionRevoked,
    Facility,
    FallbackTurn,
    HandoffNotice,
    HandoffReply,
    HandoffRequest,
    PrecheckRecord,
    SpecialDay,
    utcnow,
)


def naive_utc(when: _dt.datetime) -> _dt.datetime:
    """``when`` as the tables store times: naive UTC (an aware time is converted, a naive one taken as UTC)."""
    return when.astimezone(_dt.timezone.utc).replace(tzinfo=None) if when.tzinfo is not None else when


def list_facilities(session: Session) -> list[Facility]:
    return list(session.execute(select(Facility).order_by(Facility.sort_order, Facility.id)).scalars())


def special_days_between(session: Session, start: _dt.date, end: _dt.date) -> list[tuple[SpecialDay, str]]:
    """Special days in [start, end] with their facility key, by date."""
    stmt = (
        select(SpecialDay, Facility.key)
        .join(Facility, SpecialDay.facility_id == Facility.id)
        .where(SpecialDay.day >= start, SpecialDay.day <= end)
        .order_by(SpecialDay.day, Facility.sort_order)
    )
    return [(row[0], row[1]) for row in session.execute(stmt)]


def set_special_day(session: Session, facility_id: int, day: _dt.date, is_open: bool, reason: str) -> SpecialDay:
    """Add the special day, or replace the one already set for that facility and date."""
    row = session.execute(
        select(SpecialDay).where(SpecialDay.facility_id == facility_id, SpecialDay.day == day)
    ).scalar_one_or_none()
    if row is None:
        row = SpecialDay(facility_id=facility_id, day=day)
        session.add(row)
    row.is_open, row.reason = is_open, reason
    return row


def remove_special_days(session: Session, day: _dt.date, facility_ids: Iterable[int]) -> int:
    stmt = delete(SpecialDay).where(SpecialDay.day == day, SpecialDay.facility_id.in_(list(facility_ids)))
    return session.execute(stmt).rowcount or 0


def save_precheck(
    session: Session,
    answers: dict[str, Any],
    verdict: str,
    failed: Sequence[str] = (),
    channel: str | None = None,
    at: _dt.datetime | None = None,
) -> PrecheckRecord:
    """Store one completed pre-check; ``at`` defaults to now (UTC)."""
    row = PrecheckRecord(
        created_at=naive_utc(at or _dt.datetime.now(_dt.timezone.utc)),
        answers=dict(answers),
        verdict=verdict[:20],
        failed=list(failed),
        channel=(channel or None) and channel[:64],
    )
    session.add(row)
    session.flush()
    return row


def list_prechecks(session: Session, limit: int = 100, verdict: str | None = None) -> list[PrecheckRecord]:
    """The latest pre-checks, newest first (for coordinators), optionally only one verdict."""
    stmt = select(PrecheckRecord).order_by(PrecheckRecord.created_at.desc(), PrecheckRecord.id.desc())
    if verdict is not None:
        stmt = stmt.where(PrecheckRecord.verdict == verdict)
    return list(session.execute(stmt.limit(max(1, min(limit, 1000)))).scalars())


def add_row(session: Session, model: Any, **values: Any) -> Any:
    row = model(**values)
    session.add(row)
    session.flush()
    return row


def recent_rows(session: Session, model: Any, *where: Any, limit: int = 500) -> list[Any]:
    """Rows of ``model`` matching ``where``, newest first."""
    stmt = select(model).where(*where).order_by(model.id.desc()).limit(max(1, min(limit, 5000)))
    return list(session.execute(stmt).scalars())


def list_handoffs(
    session: Session,
    status: str | None = None,
    channel: str | None = None,
    start: _dt.datetime | None = None,
    end: _dt.datetime | None = None,
) -> list[HandoffRequest]:
    """Newest first; ``start``/``end`` (naive UTC) bound ``created_at`` as [start, end)."""
    m = HandoffRequest
    where = ([m.status == status] if status else []) + ([m.channel == channel] if channel else [])
    where += ([m.created_at >= start] if start else []) + ([m.created_at < end] if end else [])
    return recent_rows(session, m, *where)


def count_handoffs_since(session: Session, sender_id: str, since: _dt.datetime) -> int:
    """How many handoff requests ``sender_id`` opened at or after ``since`` (any status)."""
    m = HandoffRequest
    stmt = select(func.count()).select_from(m).where(m.sender_id == sender_id, m.created_at >= naive_utc(since))
    return int(session.execute(stmt).scalar_one())


def add_handoff_followup(session: Session, request_id: int, who: str, text: str) -> None:
    row = session.get(HandoffRequest, request_id)
    if row is not None:  # JSON columns are not mutation-tracked: assign a new list
        row.followups = list(row.followups or []) + [{"who": who, "text": text, "at": utcnow().isoformat()}]
        row.updated_at = utcnow()


def set_handoff_status(session: Session, request_id: int, status: str, by: str | None = None) -> HandoffRequest | None:
    """Claim (from open) or close (from open or claimed); None when the request or the move does not exist."""
    row = session.get(HandoffRequest, request_id)
    if row is None or row.status not in {"claimed": ("open",), "closed": ("open", "claimed")}.get(status, ()):
        return None
    row.status, row.updated_at = status, utcnow()
    if status == "claimed":
        row.claimed_by = (by or "")[:100] or None
    return row


def feedback_counts(session: Session) -> dict[bool, int]:
    rows = session.execute(select(AnswerFeedback.helpful, func.count()).group_by(AnswerFeedback.helpful))
    return {bool(helpful): count for helpful, count in rows}


def delete_sender_data(session: Session, sender_id: str) -> dict[str, int]:
    """Delete one conversation's handoff requests, feedback and fallback log; the counts deleted."""
    replies = session.execute(delete(HandoffReply).where(HandoffReply.sender_id == sender_id)).rowcount or 0
    own = select(HandoffRequest.id).where(HandoffRequest.sender_id == sender_id)
    notices = delete(HandoffNotice).where(HandoffNotice.request_id.in_(own))  # SQLite does not cascade
    session.execute(notices.execution_options(synchronize_session=False))
    counts = {
        model.__tablename__: session.execute(delete(model).where(model.sender_id == sender_id)).rowcount or 0
        for model in CONVERSATION_MODELS
    }
    return {**counts, HandoffReply.__tablename__: replies} if replies else counts


def revoke_console_session(session: Session, sid: str, expires_at: _dt.datetime) -> None:
    """Revoke console session ``sid`` until ``expires_at`` (when the session would have expired anyway).

    Idempotent, and safe when two requests revoke the same session at once (an upsert): revoking again keeps the
    later expiry.
    """
    if not sid or len(sid) > ConsoleSessionRevoked.sid.type.length:
        raise ValueError(f"a console session id is 1 to {ConsoleSessionRevoked.sid.type.length} characters")
    table, when = ConsoleSessionRevoked.__table__, naive_utc(expires_at)
    dialect = session.get_bind().dialect.name
    if dialect not in ("postgresql", "sqlite"):
        row = session.get(ConsoleSessionRevoked, sid)
        if row is None:
            session.add(ConsoleSessionRevoked(sid=sid, expires_at=when))
        elif row.expires_at < when:
            row.expires_at = when
        session.flush()
        return
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table).values(sid=sid, expires_at=when)
    later = case((stmt.excluded.expires_at > table.c.expires_at, stmt.excluded.expires_at), else_=table.c.expires_at)
    session.execute(stmt.on_conflict_do_update(index_elements=[table.c.sid], set_={"expires_at": later}))


def is_console_session_revoked(session: Session, sid: str) -> bool:
    """Whether ``sid`` was revoked (until the retention purge removes it, after its expiry)."""
    stmt = select(ConsoleSessionRevoked.sid).where(ConsoleSessionRevoked.sid == sid)
    return session.execute(stmt).first() is not None


def _older_than(cutoff: _dt.datetime, now: _dt.datetime | None) -> list[tuple[Any, Any]]:
    """(model, where) of what the retention removes; see ``delete_older_than``."""
    cutoff, now = naive_utc(cutoff), naive_utc(now or utcnow())
    return [
        (HandoffRequest, HandoffRequest.updated_at < cutoff),
        (AnswerFeedback, AnswerFeedback.created_at < cutoff),
        (FallbackTurn, FallbackTurn.created_at < cutoff),
        (ConsoleSessionRevoked, ConsoleSessionRevoked.expires_at < now),
    ]


def count_older_than(session: Session, cutoff: _dt.datetime, now: _dt.datetime | None = None) -> dict[str, int]:
    """What ``delete_older_than`` would delete, by table, without deleting it (``--dry-run``)."""
    return {
        model.__tablename__: session.execute(select(func.count()).select_from(model).where(where)).scalar_one()
        for model, where in _older_than(cutoff, now)
    }


def delete_older_than(session: Session, cutoff: _dt.datetime, now: _dt.datetime | None = None) -> dict[str, int]:
    """The retention rule (bot/tools/retention.py): delete what is kept about citizens from before ``cutoff``.

    - handoff requests last changed (``updated_at``) before the cutoff: a request still being answered, or
      answered recently, is kept whenever it was opened;
    - answer feedback and fallback turns created before the cutoff;
    - console session revocations whose expiry has passed (``now``, default the current time): no longer needed.

    Pre-check records are kept: they are anonymous (no sender id, no names, only the answers), nothing in them
    is about a citizen. The facilities and their special days are reference data. Returns the counts by table.
    """
    old_requests = select(HandoffRequest.id).where(HandoffRequest.updated_at < naive_utc(cutoff))
    for part in (HandoffReply, HandoffNotice):  # a request's replies and e-mail notice go with it (no SQLite cascade)
        stmt = delete(part).where(part.request_id.in_(old_requests))
        session.execute(stmt.execution_options(synchronize_session=False))
    return {
        model.__tablename__: session.execute(delete(model).where(where)).rowcount or 0
        for model, where in _older_than(cutoff, now)
    }
