"""The console's revoked sessions in the project database (bot/db/queries.py), on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

UNTIL = dt.datetime(2027, 1, 20, 12, 0)


def revocations(db) -> list[tuple[str, dt.datetime]]:
    with db.session_scope() as session:
        rows = session.execute(select(db.ConsoleSessionRevoked).order_by(db.ConsoleSessionRevoked.sid)).scalars()
        return [(r.sid, r.expires_at) for r in rows]


def test_revoking_is_idempotent_and_keeps_the_later_expiry(any_db):
    db = any_db
    with db.session_scope() as session:
        assert not db.is_console_session_revoked(session, "sid-1")
        db.revoke_console_session(session, "sid-1", UNTIL)
        db.revoke_console_session(session, "sid-1", UNTIL)
        assert db.is_console_session_revoked(session, "sid-1")
    assert revocations(db) == [("sid-1", UNTIL)]
    with db.session_scope() as session:
        db.revoke_console_session(session, "sid-1", UNTIL + dt.timedelta(hours=1))
        db.revoke_console_session(session, "sid-1", UNTIL - dt.timedelta(hours=5))  # never shortened
        tokyo = dt.timezone(dt.timedelta(hours=9))
        db.revoke_console_session(session, "sid-2", dt.datetime(2027, 1, 20, 21, 0, tzinfo=tokyo))
    assert revocations(db) == [("sid-1", UNTIL + dt.timedelta(hours=1)), ("sid-2", UNTIL)]  # aware: as naive UTC
    with db.session_scope() as session:
        assert [db.is_console_session_revoked(session, s) for s in ("sid-1", "sid-2", "sid-3")] == [True, True, False]


def test_the_purge_removes_only_the_expired(any_db):
    db = any_db
    with db.session_scope() as session:
        db.revoke_console_session(session, "gone", UNTIL - dt.timedelta(seconds=1))
        db.revoke_console_session(session, "kept", UNTIL + dt.timedelta(seconds=1))
    with db.session_scope() as session:
        assert db.count_older_than(session, UNTIL, now=UNTIL)["console_session_revoked"] == 1
        assert db.delete_older_than(session, UNTIL, now=UNTIL)["console_session_revoked"] == 1
    assert [sid for sid, _ in revocations(db)] == ["kept"]


@pytest.mark.parametrize("sid", ["", "x" * 65])
def test_a_session_id_that_cannot_be_stored_is_refused(any_db, sid):
    with any_db.session_scope() as session, pytest.raises(ValueError, match="1 to 64 characters"):
        any_db.revoke_console_session(session, sid, UNTIL)
