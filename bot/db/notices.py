"""The new-request e-mails (table handoff_notice): which requests still need one, and claiming one to send."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.models import HandoffNotice, HandoffRequest, utcnow


def unnoticed_requests(session: Session, since: _dt.datetime) -> list[int]:
    """Requests created at or after ``since`` (naive UTC) with no e-mail yet, oldest first."""
    stmt = (
        select(HandoffRequest.id)
        .outerjoin(HandoffNotice, HandoffNotice.request_id == HandoffRequest.id)
        .where(HandoffNotice.request_id.is_(None), HandoffRequest.created_at >= since)
        .order_by(HandoffRequest.id)
    )
    return list(session.execute(stmt).scalars())


def claim_notice(session: Session, request_id: int) -> None:
    """Record that this process sends the e-mail for ``request_id``: raises IntegrityError (at this flush) when
    another process already did, so call it in a session of its own."""
    session.add(HandoffNotice(request_id=request_id, sent_at=utcnow()))
    session.flush()


def release_notice(session: Session, request_id: int) -> None:
    """Undo a claim whose e-mail could not be sent, so the next round tries again."""
    session.execute(delete(HandoffNotice).where(HandoffNotice.request_id == request_id))
