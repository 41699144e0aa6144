"""The database engine and sessions: one pooled engine per process, made on first use, never at import.

SQLAlchemy 1.4 in 2.0 style (``future=True``, ``select()``, ``Session.execute``), so the move to 2.0 is a
version bump. The URL comes from ``DATABASE_URL``; the default is a SQLite file under ``var/`` (git-ignored),
created, migrated to the latest schema (bot/db/migrate.py, the revisions of bot/db/migrations/) and seeded
(bot/db/seed.py) on first use. ``create_all`` is never used on this database: the migrations make the schema.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.db import migrate
from bot.db.seed import seed_reference_data

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB_PATH = PROJECT_ROOT / "var" / "kyodo.db"

logger = logging.getLogger(__name__)
_lock = threading.RLock()
_engine: Engine | None = None
_session_factory: sessionmaker | None = None


def database_url() -> str:
    """``DATABASE_URL`` from the environment, else the SQLite file under ``var/``."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    DEFAULT_DB_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DB_PATH}"


def get_engine() -> Engine:
    """The process-wide engine: created, migrated to head and seeded on first use."""
    global _engine, _session_factory
    with _lock:
        if _engine is None:
            url = database_url()
            kwargs: dict[str, Any] = {"future": True, "pool_pre_ping": True}
            if url.startswith("sqlite"):
                kwargs["connect_args"] = {"check_same_thread": False}
            engine = create_engine(url, **kwargs)
            try:
                migrate.upgrade(engine)
            except BaseException:
                engine.dispose()
                raise
            _session_factory = sessionmaker(bind=engine, future=True, expire_on_commit=False)
            _engine = engine
            _seed_once()
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


def _seed_once() -> None:
    """Seed the reference data once per engine; a broken file is logged, and the bot then apologises politely."""
    try:
        with session_scope() as session:
            seed_reference_data(session)
    except Exception:  # noqa: BLE001 - the engine must stay usable for the other tables
        logger.exception("Seeding the facilities failed")
