"""The project's one database module: models, queries and the idempotent seed.

SQLAlchemy 1.4 in 2.0 style (``future=True``, ``select()``, ``Session.execute``), so the move to 2.0
is a version bump. The URL comes from ``DATABASE_URL``; the default is a SQLite file under ``var/``
(git-ignored), created and seeded on first use. No engine is made at import time: ``get_engine()``
builds it once, on first call, and keeps it pooled for the life of the process.
"""
from __future__ import annotations

import datetime as _dt
import logging
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from sqlalchemy import (
    JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint,
    create_engine, delete, func, select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, declarative_base, sessionmaker

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB_PATH = PROJECT_ROOT / "var" / "kyodo.db"

Base = declarative_base()

_lock = threading.RLock()
_engine: Optional[Engine] = None
_session_factory: Optional[sessionmaker] = None


def database_url() -> str:
    """``DATABASE_URL`` from the environment, else the SQLite file under ``var/``."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    DEFAULT_DB_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DB_PATH}"


def get_engine() -> Engine:
    """The process-wide engine: created, migrated (create_all) and seeded on first use."""
    global _engine, _session_factory
    with _lock:
        if _engine is None:
            url = database_url()
            kwargs = {"future": True, "pool_pre_ping": True}
            if url.startswith("sqlite"):
                kwargs["connect_args"] = {"check_same_thread": False}
            engine = create_engine(url, **kwargs)
            Base.metadata.create_all(engine)
            _session_factory = sessionmaker(bind=engine, future=True, expire_on_commit=False)
            _engine = engine
            _on_first_use()
        return _engine


def reset_engine() -> None:
    """Forget the engine (tests point ``DATABASE_URL`` elsewhere and call this)."""
    global _engine, _session_factory
    with _lock:
        if _engine is not None:
            _engine.dispose()
        _engine = None
        _session_factory = None


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    get_engine()
    assert _session_factory is not None
    session: Session = _session_factory()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def _on_first_use() -> None:
    """Hook run once per engine, after the tables exist: seeds reference data."""
    _seed_facilities_from_file()


# ---------------------------------------------------------------------------
# Facilities and special days (opening-hours issue)
# ---------------------------------------------------------------------------
# Facility records mirror data/facilities.yml (YAML loading and the coordinator CLI: actions/facilities.py).
# SpecialDay rows (臨時休館 / special opening) override the calendar rule in actions/calendar_rule.py.


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


def seed_facilities(session: Session, records: Sequence[Dict[str, Any]]) -> int:
    """Insert or update facilities from ``records`` (keyed by ``key``); returns rows changed (0 on a re-run)."""
    existing = {f.key: f for f in session.execute(select(Facility)).scalars()}
    changed = 0
    for order, record in enumerate(records):
        values = {k: record[k] for k in FACILITY_FIELDS if k in record}
        values["sort_order"] = order
        row = existing.get(values["key"])
        if row is None:
            session.add(Facility(**values))
            changed += 1
            continue
        diff = {k: v for k, v in values.items() if getattr(row, k) != v}
        for k, v in diff.items():
            setattr(row, k, v)
        changed += bool(diff)
    return changed


def list_facilities(session: Session) -> List[Facility]:
    return list(session.execute(select(Facility).order_by(Facility.sort_order, Facility.id)).scalars())


def special_days_between(session: Session, start: _dt.date, end: _dt.date) -> List[Tuple[SpecialDay, str]]:
    """Special days in [start, end] with their facility key, by date."""
    stmt = (select(SpecialDay, Facility.key).join(Facility, SpecialDay.facility_id == Facility.id)
            .where(SpecialDay.day >= start, SpecialDay.day <= end)
            .order_by(SpecialDay.day, Facility.sort_order))
    return [(row[0], row[1]) for row in session.execute(stmt)]


def set_special_day(session: Session, facility_id: int, day: _dt.date, is_open: bool, reason: str) -> SpecialDay:
    """Add the special day, or replace the one already set for that facility and date."""
    row = session.execute(select(SpecialDay).where(
        SpecialDay.facility_id == facility_id, SpecialDay.day == day)).scalar_one_or_none()
    if row is None:
        row = SpecialDay(facility_id=facility_id, day=day)
        session.add(row)
    row.is_open, row.reason = is_open, reason
    return row


def remove_special_days(session: Session, day: _dt.date, facility_ids: Iterable[int]) -> int:
    stmt = delete(SpecialDay).where(SpecialDay.day == day, SpecialDay.facility_id.in_(list(facility_ids)))
    return session.execute(stmt).rowcount or 0


def _seed_facilities_from_file() -> None:
    """Seed the facilities on first use; a broken file is logged, and the bot then apologises politely."""
    from bot.tools.facilities import load_facility_records  # facilities.py imports this module

    try:
        with session_scope() as session:
            seed_facilities(session, load_facility_records())
    except Exception:  # noqa: BLE001 - the engine must stay usable for the other sections
        logging.getLogger(__name__).exception("Seeding the facilities failed")


# ---------------------------------------------------------------------------
# Registration pre-check records (eligibility issue)
# ---------------------------------------------------------------------------
# One row per completed pre-check, anonymous: no sender id, no group or person names, only the answers.


class PrecheckRecord(Base):
    """A completed 「協働をすすめる市民団体」 registration pre-check (time in UTC, naive)."""

    __tablename__ = "precheck_record"
    id = Column(Integer, primary_key=True)
    created_at = Column(DateTime, nullable=False, index=True)
    answers = Column(JSON, nullable=False)  # {"member_count": 8, "non_profit": true, ...}
    verdict = Column(String(20), nullable=False, index=True)  # "eligible" | "not_eligible"
    failed = Column(JSON, nullable=False, default=list)  # keys of the conditions not met
    channel = Column(String(64), nullable=True)  # "rest", "socketio", ...


def save_precheck(session: Session, answers: Dict[str, Any], verdict: str, failed: Sequence[str] = (),
                  channel: Optional[str] = None, at: Optional[_dt.datetime] = None) -> PrecheckRecord:
    """Store one completed pre-check; ``at`` defaults to now (UTC)."""
    when = at or _dt.datetime.now(_dt.timezone.utc)
    if when.tzinfo is not None:
        when = when.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    row = PrecheckRecord(created_at=when, answers=dict(answers), verdict=verdict[:20], failed=list(failed),
                         channel=(channel or None) and channel[:64])
    session.add(row)
    session.flush()
    return row


def list_prechecks(session: Session, limit: int = 100, verdict: Optional[str] = None) -> List[PrecheckRecord]:
    """The latest pre-checks, newest first (for coordinators), optionally only one verdict."""
    stmt = select(PrecheckRecord).order_by(PrecheckRecord.created_at.desc(), PrecheckRecord.id.desc())
    if verdict is not None:
        stmt = stmt.where(PrecheckRecord.verdict == verdict)
    return list(session.execute(stmt.limit(max(1, min(limit, 1000)))).scalars())


# ---------------------------------------------------------------------------
# Handoff requests, answer feedback and the fallback log (coordinators issue)
# ---------------------------------------------------------------------------
# Times are naive UTC. A handoff request goes open -> claimed -> closed; the citizen's bot is paused while it
# is not closed. Feedback is one 👍/👎 press after a FAQ answer; FallbackTurn one message the bot could not place.


def _utcnow() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)


class _ConversationRow:  # columns shared by the three tables below
    id = Column(Integer, primary_key=True)
    created_at = Column(DateTime, nullable=False, index=True, default=_utcnow)
    sender_id = Column(String(200), nullable=False, index=True)
    channel = Column(String(64), nullable=False, default="", index=True)


class HandoffRequest(_ConversationRow, Base):
    __tablename__ = "handoff_request"
    updated_at = Column(DateTime, nullable=False, default=_utcnow)
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


def conversation_keys(sender_id: Optional[str], channel: Optional[str]) -> Dict[str, str]:
    """``sender_id`` and ``channel`` as the three tables above store them: strings cut to their column lengths."""
    return {"sender_id": str(sender_id or "")[: _ConversationRow.sender_id.type.length],
            "channel": str(channel or "")[: _ConversationRow.channel.type.length]}


def add_row(session: Session, model: Any, **values: Any) -> Any:
    row = model(**values)
    session.add(row)
    session.flush()
    return row


def recent_rows(session: Session, model: Any, *where: Any, limit: int = 500) -> List[Any]:
    """Rows of ``model`` matching ``where``, newest first."""
    stmt = select(model).where(*where).order_by(model.id.desc()).limit(max(1, min(limit, 5000)))
    return list(session.execute(stmt).scalars())


def list_handoffs(session: Session, status: Optional[str] = None, channel: Optional[str] = None,
                  start: Optional[_dt.datetime] = None, end: Optional[_dt.datetime] = None) -> List[HandoffRequest]:
    """Newest first; ``start``/``end`` (naive UTC) bound ``created_at`` as [start, end)."""
    m = HandoffRequest
    where = ([m.status == status] if status else []) + ([m.channel == channel] if channel else [])
    where += ([m.created_at >= start] if start else []) + ([m.created_at < end] if end else [])
    return recent_rows(session, m, *where)


def add_handoff_followup(session: Session, request_id: int, who: str, text: str) -> None:
    row = session.get(HandoffRequest, request_id)
    if row is not None:  # JSON columns are not mutation-tracked: assign a new list
        row.followups = list(row.followups or []) + [{"who": who, "text": text, "at": _utcnow().isoformat()}]
        row.updated_at = _utcnow()


def set_handoff_status(session: Session, request_id: int, status: str, by: Optional[str] = None
                       ) -> Optional[HandoffRequest]:
    """Claim (from open) or close (from open or claimed); None when the request or the move does not exist."""
    row = session.get(HandoffRequest, request_id)
    if row is None or row.status not in {"claimed": ("open",), "closed": ("open", "claimed")}.get(status, ()):
        return None
    row.status, row.updated_at = status, _utcnow()
    if status == "claimed":
        row.claimed_by = (by or "")[:100] or None
    return row


def feedback_counts(session: Session) -> Dict[bool, int]:
    rows = session.execute(select(AnswerFeedback.helpful, func.count()).group_by(AnswerFeedback.helpful))
    return {bool(helpful): count for helpful, count in rows}


def delete_sender_data(session: Session, sender_id: str) -> Dict[str, int]:
    """Delete one conversation's handoff requests, feedback and fallback log; the counts deleted."""
    return {model.__tablename__: session.execute(delete(model).where(model.sender_id == sender_id)).rowcount or 0
            for model in (HandoffRequest, AnswerFeedback, FallbackTurn)}
