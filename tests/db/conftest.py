"""The project database on both backends: ``pg_db`` (a fresh PostgreSQL database) and ``any_db`` (SQLite, then
PostgreSQL), each giving ``bot.db`` pointed at it, like ``temp_db`` (tests/conftest.py) for SQLite."""

from __future__ import annotations

import pytest


@pytest.fixture
def pg_db(postgres_url, monkeypatch):
    """Point DATABASE_URL at a fresh PostgreSQL database for one test, and reset the engine around it."""
    from bot import db

    monkeypatch.setenv("DATABASE_URL", postgres_url)
    db.reset_engine()
    yield db
    db.reset_engine()  # before the postgres_url fixture drops the database


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request):
    """``temp_db`` (SQLite) or ``pg_db`` (PostgreSQL): the same test on both."""
    return request.getfixturevalue("temp_db" if request.param == "sqlite" else "pg_db")
