"""Schema migrations of the project database: the Alembic revisions of bot/db/migrations/, applied on start.

``upgrade(engine)`` brings the database to the latest revision (head); ``get_engine()`` calls it on first use, so
the action server and Rasa both do, possibly at the same moment. It is safe when they do:

- on PostgreSQL the upgrade runs under a session-level ``pg_advisory_lock`` (per database);
- on SQLite, under an exclusive ``fcntl.flock`` on the lock file next to the database (``<file>.migrate.lock``);

the second process waits, then finds the database at head and does nothing. A database made before migrations
existed (``Base.metadata.create_all``: the tables of revision 0001, no ``alembic_version``) is stamped 0001
first, then upgraded; its rows are kept. The Alembic configuration is built here, in code: no alembic.ini.

A new revision: change bot/db/models.py, then (on a database at head)
``alembic.command.revision(make_config(), message="...", autogenerate=True, rev_id="0003")``, and review it.
"""

from __future__ import annotations

import fcntl
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
INITIAL_REVISION = "0001"
# The tables revision 0001 creates: a database holding them without alembic_version was made by create_all.
INITIAL_TABLES = frozenset(
    {"facility", "facility_special_day", "precheck_record", "handoff_request", "answer_feedback", "fallback_turn"}
)
# pg_advisory_lock's key (a bigint, per database): any fixed number no other code of this database uses.
PG_LOCK_KEY = 0x6B796F646F  # "kyodo"

logger = logging.getLogger(__name__)
_process_lock = threading.Lock()  # one upgrade at a time in this process (see upgrade())


class MigrationError(RuntimeError):
    """The database is in a state the migrations cannot start from."""


def make_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for bot/db/migrations/, with ``connection`` for env.py to run on."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(make_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at (None: never migrated)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Apply the revisions up to head, under the lock; a no-op on a database already at head.

    Within a process the upgrades also run one at a time, whatever the database: Alembic's ``op`` and ``context``
    are module-level proxies, shared by all threads.
    """
    with _process_lock, _migration_lock(engine):
        with engine.connect() as connection:
            with connection.begin():
                _upgrade_on(connection)


def _upgrade_on(connection: Connection) -> None:
    tables = set(inspect(connection).get_table_names())
    config = make_config(connection)
    if "alembic_version" not in tables and tables & INITIAL_TABLES:
        missing = INITIAL_TABLES - tables
        if missing:
            raise MigrationError(
                f"the database has some of the project's tables but not {sorted(missing)}, and no alembic_version:"
                " it was not made by this project's create_all; repair it by hand"
            )
        logger.info("Database made by create_all: stamping revision %s", INITIAL_REVISION)
        command.stamp(config, INITIAL_REVISION)
    before = current_revision(connection)
    command.upgrade(config, "head")
    after = current_revision(connection)
    if before != after:
        logger.info("Database migrated from %s to %s", before or "empty", after)


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        with _pg_advisory_lock(engine):
            yield
        return
    path = _sqlite_lock_path(engine)
    if path is None:  # SQLite in memory (one process only), or another dialect: the process lock alone
        yield
        return
    with open(path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # released when the file is closed
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextmanager
def _pg_advisory_lock(engine: Engine) -> Iterator[None]:
    """Hold ``pg_advisory_lock`` on a connection of its own for the duration (the upgrade commits before release)."""
    with engine.connect() as holder:
        holder.execute(text("SELECT pg_advisory_lock(:key)"), {"key": PG_LOCK_KEY})
        holder.commit()
        try:
            yield
        finally:
            try:
                holder.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": PG_LOCK_KEY})
                holder.commit()
            except Exception:  # noqa: BLE001 - never return a connection still holding the lock to the pool
                holder.invalidate()
                raise


def _sqlite_lock_path(engine: Engine) -> Path | None:
    """``<database file>.migrate.lock`` for a SQLite file; None for an in-memory database or another dialect."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database or ""
    if database in ("", ":memory:") or database.startswith("file:") or engine.url.query.get("mode") == "memory":
        return None
    return Path(database).with_name(Path(database).name + ".migrate.lock")
