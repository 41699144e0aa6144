"""The retention rule (bot/tools/retention.py, bot/db/queries.py delete_older_than), on SQLite and on PostgreSQL:
what is older than the cutoff goes from the project database and from the conversation store, the rest stays."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.serving.tracker_store import ProjectSQLTrackerStore
from bot.tools import retention

UTC = dt.timezone.utc
NOW = dt.datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
OLD = (NOW - dt.timedelta(days=200)).replace(tzinfo=None)  # naive UTC, as the tables keep times
RECENT = (NOW - dt.timedelta(days=10)).replace(tzinfo=None)
CUTOFF_LINE = "older than 2026-12-03 12:00 UTC (180 days)"


@pytest.fixture(params=["sqlite", "postgresql"])
def stores(request, tmp_path, monkeypatch):
    """``bot.db`` and the tracker store's URL, both on SQLite files or both on one fresh PostgreSQL database."""
    from bot import db

    if request.param == "sqlite":
        db_url, tracker_url = f"sqlite:///{tmp_path / 'kyodo.db'}", f"sqlite:///{tmp_path / 'tracker.db'}"
    else:
        db_url = tracker_url = request.getfixturevalue("postgres_url")
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("TRACKER_STORE_URL", tracker_url)
    monkeypatch.delenv("RETENTION_DAYS", raising=False)
    db.reset_engine()
    yield db, tracker_url
    db.reset_engine()


def conversation(at: dt.datetime, text: str) -> list[dict]:
    ts = at.replace(tzinfo=UTC).timestamp()
    return [
        {"event": "action", "name": "action_listen", "timestamp": ts},
        {"event": "user", "text": text, "timestamp": ts + 1, "parse_data": {"intent": {"name": "greet"}}},
        {"event": "bot", "text": "こんにちは", "timestamp": ts + 2},
    ]


def save_trackers(url: str, events_by_sender: dict[str, list[dict]]) -> None:
    domain = Domain.empty()
    store = ProjectSQLTrackerStore(domain=domain, url=url)
    try:
        for sender, events in events_by_sender.items():
            asyncio.run(store.save(DialogueStateTracker.from_dict(sender, events, domain.slots)))
    finally:
        store.engine.dispose()


def stored_events(url: str) -> dict[str, list[float]]:
    store = ProjectSQLTrackerStore(url=url)
    try:
        with store.session_scope() as session:
            rows = session.query(store.SQLEvent.sender_id, store.SQLEvent.timestamp).order_by(store.SQLEvent.id)
            found: dict[str, list[float]] = {}
            for sender, ts in rows:
                found.setdefault(sender, []).append(ts)
            return found
    finally:
        store.engine.dispose()


def fill(db, tracker_url: str) -> None:
    with db.session_scope() as session:
        keys = {"sender_id": "citizen-1", "channel": "rest"}
        db.add_row(session, db.HandoffRequest, message="old", created_at=OLD, updated_at=OLD, **keys)
        # opened long ago, answered recently: kept
        db.add_row(session, db.HandoffRequest, message="answered", created_at=OLD, updated_at=RECENT, **keys)
        db.add_row(session, db.HandoffRequest, message="new", created_at=RECENT, updated_at=RECENT, **keys)
        for at in (OLD, RECENT):
            db.add_row(session, db.AnswerFeedback, helpful=True, question=at.isoformat(), created_at=at, **keys)
            db.add_row(session, db.FallbackTurn, text=at.isoformat(), created_at=at, **keys)
            db.save_precheck(session, {"member_count": 8}, "eligible", at=at)
        db.revoke_console_session(session, "expired-sid", (NOW - dt.timedelta(hours=1)).replace(tzinfo=None))
        db.revoke_console_session(session, "live-sid", NOW + dt.timedelta(hours=1))  # aware: stored as naive UTC
    citizen_1 = conversation(OLD, "むかし") + conversation(RECENT, "さいきん")
    save_trackers(tracker_url, {"citizen-1": citizen_1, "citizen-2": conversation(OLD, "x")})


def kept(db) -> dict[str, list]:
    with db.session_scope() as session:
        return {
            "handoff": sorted(r.message for r in db.recent_rows(session, db.HandoffRequest)),
            "feedback": [r.created_at for r in db.recent_rows(session, db.AnswerFeedback)],
            "fallback": [r.created_at for r in db.recent_rows(session, db.FallbackTurn)],
            "precheck": sorted(r.created_at for r in db.list_prechecks(session)),
            "revoked": [db.is_console_session_revoked(session, s) for s in ("expired-sid", "live-sid", "never")],
        }


def test_retention_deletes_what_is_older_than_the_cutoff_in_both_stores(stores, capsys):
    db, tracker_url = stores
    fill(db, tracker_url)
    before = kept(db)
    assert before["revoked"] == [True, True, False]

    assert retention.main(["--dry-run"], now=NOW) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "project database: would delete handoff_request=1, answer_feedback=1, fallback_turn=1,"
        f" console_session_revoked=1, {CUTOFF_LINE}",
        f"conversation store: would delete events=6, {CUTOFF_LINE}",
    ]
    assert kept(db) == before and sum(map(len, stored_events(tracker_url).values())) == 9

    assert retention.main([], now=NOW) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "project database: deleted handoff_request=1, answer_feedback=1, fallback_turn=1,"
        f" console_session_revoked=1, {CUTOFF_LINE}",
        f"conversation store: deleted events=6, {CUTOFF_LINE}",
    ]
    assert kept(db) == {
        "handoff": ["answered", "new"],
        "feedback": [RECENT],
        "fallback": [RECENT],
        "precheck": [OLD, RECENT],  # anonymous: kept whatever their age
        "revoked": [False, True, False],
    }
    recent_ts = RECENT.replace(tzinfo=UTC).timestamp()
    assert stored_events(tracker_url) == {"citizen-1": [recent_ts, recent_ts + 1, recent_ts + 2]}

    assert retention.main([], now=NOW) == 0  # a second run finds nothing more
    assert "deleted events=0" in capsys.readouterr().out


def test_days_from_the_option_or_the_environment(stores, monkeypatch, capsys):
    db, tracker_url = stores
    fill(db, tracker_url)
    monkeypatch.setenv("RETENTION_DAYS", "365")
    assert retention.main([], now=NOW) == 0
    assert "handoff_request=0, answer_feedback=0, fallback_turn=0, console_session_revoked=1" in capsys.readouterr().out
    assert retention.main(["--days", "5"], now=NOW) == 0  # the option wins over the environment
    out = capsys.readouterr().out
    assert "handoff_request=3, answer_feedback=2, fallback_turn=2, console_session_revoked=0" in out
    assert "deleted events=9, older than 2027-05-27 12:00 UTC (5 days)" in out


@pytest.mark.parametrize(
    "argv, env, wrong",
    [
        (["--days", "0"], None, "must be at least 1 day, not 0"),
        (["--days", "-3"], None, "must be at least 1 day, not -3"),
        ([], "0", "must be at least 1 day, not 0"),
        ([], "half a year", "is a whole number of days, not 'half a year'"),
    ],
)
def test_a_bad_number_of_days_is_refused(stores, monkeypatch, capsys, argv, env, wrong):
    db, tracker_url = stores
    fill(db, tracker_url)
    if env is not None:
        monkeypatch.setenv("RETENTION_DAYS", env)
    assert retention.main(argv, now=NOW) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "retention: refused:" in captured.err and wrong in captured.err
    assert len(kept(db)["handoff"]) == 3 and sum(map(len, stored_events(tracker_url).values())) == 9


def test_the_default_is_180_days():
    assert retention.retention_days(None) == retention.retention_days(" ") == 180
    assert retention.retention_days("30") == 30


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_broken_project_database_is_reported_and_the_other_store_still_purged(tmp_path, monkeypatch, capsys, backend):
    if backend == "sqlite":
        broken = tmp_path / "broken.db"
        broken.write_bytes(b"this is not a database" * 100)
        db_url, shown, error = f"sqlite:///{broken}", f"sqlite:///{broken}", "DatabaseError"
    else:  # nothing listens on port 9
        db_url, error = "postgresql://kyodo:secret@127.0.0.1:9/kyodo", ""
        shown = db_url.replace("secret", "***")
    tracker_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    save_trackers(tracker_url, {"citizen-1": conversation(OLD, "むかし")})
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("TRACKER_STORE_URL", tracker_url)
    assert retention.main([], now=NOW) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(f"project database ({shown}): failed: {error}") and "secret" not in captured.err
    assert captured.out == f"conversation store: deleted events=3, {CUTOFF_LINE}\n"


def test_a_conversation_store_that_does_not_answer_is_reported_not_waited_for(stores, monkeypatch, capsys):
    monkeypatch.setenv("TRACKER_STORE_URL", "postgresql://kyodo:secret@127.0.0.1:9/nowhere")
    assert retention.main([], now=NOW) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("project database: deleted handoff_request=0")
    assert captured.err.startswith("conversation store (postgresql://kyodo:***@127.0.0.1:9/nowhere): failed:")
    assert "secret" not in captured.err
