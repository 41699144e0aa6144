"""The project database's migrations (bot/db/migrate.py, bot/db/migrations/), each on SQLite and on PostgreSQL:
the schema they make is the models', they apply once, they adopt a database made by create_all without losing its
rows, and two processes starting at once do not race."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bot import db
from bot.db import migrate

# Revision 0001's schema is what create_all made before the migrations: these tables of the models.
REVISION_0001_TABLES = {
    "facility",
    "facility_special_day",
    "precheck_record",
    "handoff_request",
    "answer_feedback",
    "fallback_turn",
}
T0 = dt.datetime(2026, 4, 1, 9, 30)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'migrated.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def engines(url):
    """``engines()``: a new engine on the test's database (one per simulated process); all disposed afterwards."""
    made: list[sa.engine.Engine] = []

    def make() -> sa.engine.Engine:
        made.append(sa.create_engine(url, future=True))
        return made[-1]

    yield make
    for engine in made:
        engine.dispose()


def schema_diff(engine) -> list:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), db.Base.metadata)


def revision_of(engine) -> str | None:
    with engine.connect() as conn:
        return migrate.current_revision(conn)


def table_names(engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def test_upgrade_on_an_empty_database_gives_the_models_schema(engines):
    engine = engines()
    migrate.upgrade(engine)
    assert schema_diff(engine) == []
    assert revision_of(engine) == migrate.head_revision() == "0003"
    assert table_names(engine) == set(db.Base.metadata.tables) | {"alembic_version"}
    assert "console_session_revoked" in db.Base.metadata.tables


def test_upgrade_twice_is_a_no_op(engines):
    engine = engines()
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(sa.insert(db.ConsoleSessionRevoked.__table__).values(sid="s1", expires_at=T0))
    statements: list[str] = []
    sa.event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    migrate.upgrade(engine)
    writes = {"CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE"}
    changes = [s for s in statements if s.lstrip().split(" ", 1)[0].upper() in writes]
    assert changes == []
    assert revision_of(engine) == "0003" and schema_diff(engine) == []
    with engine.connect() as conn:
        assert conn.execute(sa.select(db.ConsoleSessionRevoked.sid)).scalars().all() == ["s1"]


def revision_0001_metadata() -> sa.MetaData:
    """A copy of the models' tables as revision 0001 has them (the later tables left out)."""
    legacy = sa.MetaData()
    for table in db.Base.metadata.sorted_tables:
        if table.name in REVISION_0001_TABLES:
            table.to_metadata(legacy)
    return legacy


LEGACY_ROWS = {
    "facility": {
        "key": "test_hall",
        "name": "試験会館",
        "short_name": "試験",
        "aliases": ["テスト"],
        "parts": ["ホール"],
        "location": "",
        "postal_code": "〒920-0000",
        "address": "金沢市",
        "tel": "076-000-0000",
        "fax": "",
        "email": "",
        "opens": "10:00",
        "closes": "22:00",
        "closed_weekday": 0,
        "year_end_start": "12-29",
        "year_end_end": "01-03",
        "sort_order": 9,
    },
    "facility_special_day": {"facility_id": 1, "day": dt.date(2026, 5, 1), "is_open": False, "reason": "点検"},
    "precheck_record": {
        "created_at": T0,
        "answers": {"member_count": 8},
        "verdict": "eligible",
        "failed": [],
        "channel": "rest",
    },
    "handoff_request": {
        "created_at": T0,
        "sender_id": "citizen-1",
        "channel": "rest",
        "updated_at": T0,
        "message": "相談したい",
        "contact": None,
        "transcript": [{"who": "user", "text": "こんにちは", "at": T0.isoformat()}],
        "followups": [],
        "status": "open",
        "claimed_by": None,
    },
    "answer_feedback": {
        "created_at": T0,
        "sender_id": "citizen-1",
        "channel": "rest",
        "question": "駐車場は？",
        "answer_key": "faq/parking",
        "confidence": 0.75,
        "helpful": True,
        "comment": None,
    },
    "fallback_turn": {
        "created_at": T0,
        "sender_id": "citizen-1",
        "channel": "rest",
        "text": "ほげ",
        "confidence": 0.25,
        "intent": "greet",
    },
}


def test_a_database_made_by_create_all_is_stamped_and_upgraded_keeping_its_rows(engines, url, monkeypatch):
    engine = engines()
    legacy = revision_0001_metadata()
    legacy.create_all(engine)  # the database as the bot made it before the migrations
    with engine.begin() as conn:
        for name, row in LEGACY_ROWS.items():
            conn.execute(legacy.tables[name].insert().values(**row))
    assert sorted((kind, thing.name) for kind, thing in schema_diff(engine)) == [  # only 0002 and 0003 are missing
        ("add_index", "ix_audit_log_at"),
        ("add_index", "ix_console_session_revoked_expires_at"),
        ("add_index", "ix_handoff_reply_delivery"),
        ("add_index", "ix_handoff_reply_request_id"),
        ("add_index", "ix_handoff_reply_sender_id"),
        ("add_table", "audit_log"),
        ("add_table", "console_account"),
        ("add_table", "console_session_revoked"),
        ("add_table", "handoff_notice"),
        ("add_table", "handoff_reply"),
    ]
    migrate.upgrade(engine)
    assert revision_of(engine) == "0003" and schema_diff(engine) == []
    with engine.connect() as conn:
        for name, row in LEGACY_ROWS.items():
            kept = conn.execute(sa.select(legacy.tables[name])).mappings().all()
            assert [{k: r[k] for k in row} for r in kept] == [row]
    # and the bot carries on with it: the ids go on from the kept rows
    monkeypatch.setenv("DATABASE_URL", url)
    db.reset_engine()
    try:
        with db.session_scope() as session:
            turn = db.add_row(session, db.FallbackTurn, sender_id="citizen-2", text="ふが")
            assert turn.id == 2
    finally:
        db.reset_engine()


def test_a_database_with_only_some_of_the_tables_is_refused(engines):
    engine = engines()
    revision_0001_metadata().tables["facility"].create(engine)
    with pytest.raises(migrate.MigrationError, match="repair it by hand"):
        migrate.upgrade(engine)
    assert "alembic_version" not in table_names(engine)


@pytest.mark.parametrize("threads", [2, 4])
def test_threads_starting_at_once_all_succeed(engines, threads):
    started = [engines() for _ in range(threads)]
    with ThreadPoolExecutor(threads) as pool:
        for result in [pool.submit(migrate.upgrade, engine) for engine in started]:
            result.result()  # re-raises what failed in a thread
    assert revision_of(started[0]) == "0003" and schema_diff(started[0]) == []
    with started[0].connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar_one() == 1


STARTING_PROCESS = """
import sys
import sqlalchemy as sa
from bot.db import migrate
engine = sa.create_engine(sys.argv[1], future=True)
print("ready", flush=True)
sys.stdin.readline()
migrate.upgrade(engine)
"""


def test_processes_starting_at_once_all_succeed(engines, url):
    """The action server and Rasa starting together: the lock between processes (advisory lock, flock) holds."""
    started = [
        subprocess.Popen(
            [sys.executable, "-c", STARTING_PROCESS, url],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    try:
        for process in started:  # all of them imported and ready, then all go at once
            assert process.stdout is not None and process.stdout.readline() == "ready\n"
        for process in started:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        failures = [err for _, err in (p.communicate(timeout=60) for p in started) if err.strip()]
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert [p.returncode for p in started] == [0, 0, 0], failures
    engine = engines()
    assert revision_of(engine) == "0003" and schema_diff(engine) == []


def test_downgrade_to_nothing_and_back(engines):
    engine = engines()
    migrate.upgrade(engine)
    with engine.begin() as conn:
        command.downgrade(migrate.make_config(conn), "base")
    assert table_names(engine) <= {"alembic_version"} and revision_of(engine) is None
    migrate.upgrade(engine)
    assert revision_of(engine) == "0003" and schema_diff(engine) == []


def test_the_engine_migrates_and_never_uses_create_all(url, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("create_all on the project database")

    monkeypatch.setattr(sa.MetaData, "create_all", refuse)
    monkeypatch.setenv("DATABASE_URL", url)
    db.reset_engine()
    try:
        engine = db.get_engine()
        assert revision_of(engine) == "0003" and schema_diff(engine) == []
        with db.session_scope() as session:
            assert [f.key for f in db.list_facilities(session)] == ["kouryukan", "support_center"]
    finally:
        db.reset_engine()


def test_sqlite_locks_a_file_next_to_the_database(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'kyodo.db'}", future=True)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    assert (tmp_path / "kyodo.db.migrate.lock").exists()
