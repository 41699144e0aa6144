"""The project database's tables (SQLAlchemy 1.4 declarative, 2.0 style). Times are naive UTC.

- ``Facility`` and ``SpecialDay``: the two facilities (seeded from data/facilities.yml) and the days that override
  the calendar rule (臨時休館 / special openings, added by coordinators).
- ``PrecheckRecord``: one completed registration pre-check, anonymous.
- ``HandoffRequest``, ``AnswerFeedback``, ``FallbackTurn``: what a conversation leaves for the coordinators. A handoff
  request goes open -> claimed -> closed; the citizen's bot is paused while it is not closed.
- ``HandoffReply``: a coordinator's answer to a request and its delivery (LINE push, or fetched by the web page).
- ``ConsoleAccount`` and ``AuditEntry``: the console's named accounts, and who did what there.
- ``ConsoleSessionRevoked``: a console sign-in revoked before it expires (sign-out); kept until that expiry.

The schema is made and changed only by the migrations in bot/db/migrations/ (applied by bot/db/migrate.py on the
first use of the engine), never by ``create_all``: a change here needs a new revision there.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import declarative_base

# Any: mypy cannot follow the classes declarative_base() makes (python/mypy#2477).
Base: Any = declarative_base()


def utcnow() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)


class Facility(Base):
    """One facility (金沢学生のまち市民交流館, 金沢市市民活動サポートセンター)."""

    __tablename__ = "facility"
    id = Column(Integer, primary_key=True)
    key = Column(String(40), unique=True, nullable=False)
    name = Column(String(100), nullable=False)
    short_name = Column(String(40), nullable=False)
    aliases = Column(JSON, nullable=False, default=list)  # names citizens use (サポセン, 交流館 …)
    parts = Column(JSON, nullable=False, default=list)  # rooms/buildings of it (交流ホール …)
    location = Column(String(200), nullable=False, default="")
    postal_code = Column(String(20), nullable=False, default="")
    address = Column(String(200), nullable=False, default="")
    tel = Column(String(20), nullable=False, default="")
    fax = Column(String(20), nullable=False, default="")
    email = Column(String(100), nullable=False, default="")
    opens = Column(String(5), nullable=False)  # "10:00"
    closes = Column(String(5), nullable=False)  # "22:00"
    closed_weekday = Column(Integer, nullable=False)  # 0 = Monday
    year_end_start = Column(String(5), nullable=False)  # "12-29"
    year_end_end = Column(String(5), nullable=False)  # "01-03"
    sort_order = Column(Integer, nullable=False, default=0)


FACILITY_FIELDS = tuple(c.name for c in Facility.__table__.columns if c.name != "id")


class SpecialDay(Base):
    """A day that overrides the rule for one facility: closed (臨時休館) or specially open."""

    __tablename__ = "facility_special_day"
    __table_args__ = (UniqueConstraint("facility_id", "day", name="uq_special_day_facility_day"),)
    id = Column(Integer, primary_key=True)
    facility_id = Column(Integer, ForeignKey("facility.id", ondelete="CASCADE"), nullable=False)
    day = Column(Date, nullable=False, index=True)
    is_open = Column(Boolean, nullable=False)
    reason = Column(String(200), nullable=False, default="")


class PrecheckRecord(Base):
    """A completed 「協働をすすめる市民団体」 registration pre-check: no sender id, no names, only the answers."""

    __tablename__ = "precheck_record"
    id = Column(Integer, primary_key=True)
    created_at = Column(DateTime, nullable=False, index=True)
    answers = Column(JSON, nullable=False)  # {"member_count": 8, "non_profit": true, ...}
    verdict = Column(String(20), nullable=False, index=True)  # "eligible" | "not_eligible"
    failed = Column(JSON, nullable=False, default=list)  # keys of the conditions not met
    channel = Column(String(64), nullable=True)  # "rest", "socketio", ...


class _ConversationRow:  # columns shared by the three tables below
    id = Column(Integer, primary_key=True)
    created_at = Column(DateTime, nullable=False, index=True, default=utcnow)
    sender_id = Column(String(200), nullable=False, index=True)
    channel = Column(String(64), nullable=False, default="", index=True)


class HandoffRequest(_ConversationRow, Base):
    __tablename__ = "handoff_request"
    updated_at = Column(DateTime, nullable=False, default=utcnow)
    message = Column(Text, nullable=False)
    contact = Column(String(200), nullable=True)  # None: the citizen declined to give one
    transcript = Column(JSON, nullable=False, default=list)  # [{"who": "user"|"bot", "text", "at"}], before it
    followups = Column(JSON, nullable=False, default=list)  # [{"who", "text", "at"}], while waiting
    status = Column(String(10), nullable=False, default="open", index=True)
    claimed_by = Column(String(100), nullable=True)


class AnswerFeedback(_ConversationRow, Base):
    __tablename__ = "answer_feedback"
    question = Column(Text, nullable=False, default="")
    answer_key = Column(String(200), nullable=False, default="")  # faq/<key>
    confidence = Column(Float, nullable=True)  # NLU intent confidence of the question
    helpful = Column(Boolean, nullable=False, index=True)
    comment = Column(Text, nullable=True)


class FallbackTurn(_ConversationRow, Base):
    __tablename__ = "fallback_turn"
    text = Column(Text, nullable=False)
    confidence = Column(Float, nullable=True)  # of the likeliest intent other than nlu_fallback
    intent = Column(String(200), nullable=True)  # that intent


class ConsoleSessionRevoked(Base):
    """A console session id revoked (signed out) before ``expires_at``; purgeable once that moment has passed."""

    __tablename__ = "console_session_revoked"
    sid = Column(String(64), primary_key=True)
    expires_at = Column(DateTime, nullable=False, index=True)


class HandoffReply(Base):
    """A coordinator's answer to a handoff request, and its delivery on the citizen's channel.

    ``delivery``: ``pending`` (not yet sent / not yet fetched by the web page), ``delivered``, or ``failed``
    (``error`` says why; the console offers a retry). ``retry_key`` is the LINE X-Line-Retry-Key of this reply.
    """

    __tablename__ = "handoff_reply"
    id = Column(Integer, primary_key=True)
    request_id = Column(Integer, ForeignKey("handoff_request.id", ondelete="CASCADE"), nullable=False, index=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    sender_id = Column(String(200), nullable=False, index=True)
    channel = Column(String(64), nullable=False, default="")
    author = Column(String(100), nullable=False)  # the coordinator's display name
    text = Column(Text, nullable=False)
    delivery = Column(String(10), nullable=False, default="pending", index=True)
    error = Column(String(300), nullable=False, default="")
    attempts = Column(Integer, nullable=False, default=0)
    retry_key = Column(String(36), nullable=False, default="")
    delivered_at = Column(DateTime, nullable=True)


class HandoffNotice(Base):
    """The new-request e-mail sent (or being sent) for a request: one row each, so one e-mail across replicas."""

    __tablename__ = "handoff_notice"
    request_id = Column(Integer, ForeignKey("handoff_request.id", ondelete="CASCADE"), primary_key=True)
    sent_at = Column(DateTime, nullable=False, default=utcnow)


class ConsoleAccount(Base):
    """A named console account: ``role`` is ``coordinator`` or ``admin``; ``password_hash`` is scrypt
    (bot/core/passwords.py)."""

    __tablename__ = "console_account"
    id = Column(Integer, primary_key=True)
    username = Column(String(100), nullable=False, unique=True)
    display_name = Column(String(100), nullable=False)
    role = Column(String(20), nullable=False, default="coordinator")
    password_hash = Column(String(300), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class AuditEntry(Base):
    """Who did what in the console, and when: claimed, replied, closed, deleted, exported, accounts, closures."""

    __tablename__ = "audit_log"
    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, default=utcnow, index=True)
    actor = Column(String(100), nullable=False)
    action = Column(String(40), nullable=False)
    target = Column(String(200), nullable=False, default="")


CONVERSATION_MODELS = (HandoffRequest, AnswerFeedback, FallbackTurn)


def conversation_keys(sender_id: str | None, channel: str | None) -> dict[str, str]:
    """``sender_id`` and ``channel`` as the three tables above store them: strings cut to their column lengths."""
    return {
        "sender_id": str(sender_id or "")[: _ConversationRow.sender_id.type.length],
        "channel": str(channel or "")[: _ConversationRow.channel.type.length],
    }
