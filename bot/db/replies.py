"""Coordinators' replies to handoff requests (table handoff_reply), each function taking an open session."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.models import HandoffReply, HandoffRequest, utcnow

DELIVERIES = ("pending", "delivered", "failed")


def add_reply(session: Session, request: HandoffRequest, author: str, text: str) -> HandoffReply:
    """Store a reply to ``request`` (pending delivery); an open request becomes claimed by ``author``."""
    row = HandoffReply(
        request_id=request.id,
        sender_id=request.sender_id,
        channel=request.channel,
        author=author[:100],
        text=text,
        delivery="pending",
        error="",
        attempts=0,
        retry_key=str(uuid.uuid4()),
        created_at=utcnow(),
    )
    session.add(row)
    if request.status == "open":
        request.status, request.claimed_by = "claimed", author[:100]
    request.updated_at = utcnow()
    session.flush()
    return row


def replies_of(session: Session, request_id: int) -> list[HandoffReply]:
    stmt = select(HandoffReply).where(HandoffReply.request_id == request_id).order_by(HandoffReply.id)
    return list(session.execute(stmt).scalars())


def record_delivery(session: Session, reply_id: int, ok: bool, error: str = "") -> HandoffReply | None:
    """Note one delivery attempt: delivered, or failed with ``error`` (kept, so it can be retried)."""
    row = session.get(HandoffReply, reply_id)
    if row is None:
        return None
    row.attempts = (row.attempts or 0) + 1
    row.delivery, row.error = ("delivered", "") if ok else ("failed", (error or "")[:300])
    row.delivered_at = utcnow() if ok else None
    return row


def web_replies_after(session: Session, sender_id: str, after: int, limit: int = 50) -> list[HandoffReply]:
    """The web chat replies to ``sender_id`` with an id above ``after``, oldest first; they count as delivered."""
    stmt = (
        select(HandoffReply)
        .where(HandoffReply.sender_id == sender_id, HandoffReply.channel == "webchat", HandoffReply.id > after)
        .order_by(HandoffReply.id)
        .limit(max(1, min(limit, 200)))
    )
    rows = list(session.execute(stmt).scalars())
    for row in rows:
        if row.delivery != "delivered":
            row.delivery, row.delivered_at, row.attempts = "delivered", utcnow(), (row.attempts or 0) + 1
    return rows


def delete_sender_replies(session: Session, sender_id: str) -> int:
    return session.execute(delete(HandoffReply).where(HandoffReply.sender_id == sender_id)).rowcount or 0
