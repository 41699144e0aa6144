"""Console sessions across replicas and restarts: one signing secret (CONSOLE_SECRET, else one kept under var/ with
mode 0600) and logged-out sessions in the project database."""

from __future__ import annotations

import stat

from bot.channels.console.auth import ConsoleAuth
from bot.channels.console.channel import ConsoleInput
from bot.channels.console.sessions import DatabaseRevocations, console_secret

NOW = 1_800_000_000.0


def test_the_configured_secret_wins(tmp_path):
    path = tmp_path / "console_secret"
    assert console_secret({"CONSOLE_SECRET": " shared-by-every-replica "}, path) == b"shared-by-every-replica"
    assert not path.exists()


def test_without_one_a_secret_is_made_once_and_kept_private(tmp_path):
    path = tmp_path / "var" / "console_secret"
    first = console_secret({}, path)
    assert len(first) == 32 and console_secret({}, path) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.write_text("")  # a start that crashed while writing it
    assert len(console_secret({}, path)) == 32


def test_a_session_survives_a_restart_and_a_logout_holds_everywhere(temp_db):
    def process() -> ConsoleAuth:  # a replica, or the same server after a restart
        return ConsoleAuth("coordinator", "pw-Test-9f3k2", secret=b"s" * 32, revocations=DatabaseRevocations())

    cookie = process().issue(NOW)
    session = process().verify(cookie, NOW + 60)
    assert session is not None
    process().revoke(session)
    assert process().verify(cookie, NOW + 120) is None
    assert process().verify(process().issue(NOW), NOW + 60) is not None  # a new login still works


def test_the_channel_takes_the_secret_and_the_database_from_the_environment(temp_db, monkeypatch):
    monkeypatch.setenv("CONSOLE_USER", "coordinator")
    monkeypatch.setenv("CONSOLE_PASSWORD", "pw-Test-9f3k2")
    monkeypatch.setenv("CONSOLE_SECRET", "one-secret-for-all")
    one, two = ConsoleInput.from_credentials(None), ConsoleInput.from_credentials(None)
    cookie = one.auth.issue(NOW)
    assert two.auth.verify(cookie, NOW + 1) is not None
    assert isinstance(two.auth.revocations, DatabaseRevocations)


def test_logged_out_sessions_on_postgresql(postgres_url, monkeypatch):
    from bot import db

    monkeypatch.setenv("DATABASE_URL", postgres_url)
    db.reset_engine()
    auth = ConsoleAuth("coordinator", "pw", secret=b"s" * 32, revocations=DatabaseRevocations())
    session = auth.verify(auth.issue(NOW), NOW)
    auth.revoke(session)
    auth.revoke(session)  # twice is fine
    assert auth.verify(auth.issue(NOW), NOW) is not None and DatabaseRevocations().is_revoked(session.sid)
    db.reset_engine()
