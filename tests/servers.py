"""The real PostgreSQL and Redis servers the tests talk to (CI and the development machines run both on loopback).

A test that needs one takes the ``postgres_url`` or ``redis_url`` fixture. When the server does not answer, the
test is skipped with a one-line reason, except under ``CI=true``, where an absent server is a failure.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator

import pytest

from bot.bench.scale_servers import fresh_postgres_database

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def absent(what: str, host: str, port: int) -> None:
    """Skip (or fail, under CI=true) because ``what`` does not answer on host:port."""
    reason = f"{what} does not answer on {host}:{port}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI=true needs it")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def redis_url() -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(REDIS_URL)
    if not _answers(parts.hostname or "127.0.0.1", parts.port or 6379):
        absent("Redis", parts.hostname or "127.0.0.1", parts.port or 6379)
    return REDIS_URL


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (dropped afterwards)."""
    import sqlalchemy as sa

    server = sa.engine.make_url(POSTGRES_URL)
    if not _answers(server.host or "127.0.0.1", server.port or 5432):
        absent("PostgreSQL", server.host or "127.0.0.1", server.port or 5432)
    with fresh_postgres_database("db", admin_url=POSTGRES_URL, prefix="kyodo_test") as url:
        yield url
