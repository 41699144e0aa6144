"""The console's session secret and logged-out sessions, shared by every process and kept across restarts.

- The signing secret is ``CONSOLE_SECRET`` (any string; the same on every replica), or else a random one made once
  and kept in ``var/console_secret`` (mode 0600), so Sanic workers on one machine share it too.
- A logged-out session is stored in the project database (table console_session_revoked) until it would have
  expired, so a logout holds on every replica and after a restart.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from bot import db

SECRET_ENV = "CONSOLE_SECRET"
SECRET_FILE = Path(__file__).resolve().parents[3] / "var" / "console_secret"


def console_secret(environ: Mapping[str, str], path: Path = SECRET_FILE) -> bytes:
    """``CONSOLE_SECRET``, else the secret kept in ``path`` (made on first use, readable by its owner only)."""
    configured = environ.get(SECRET_ENV, "").strip()
    if configured:
        return configured.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first, or an earlier start did
        pass
    else:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(32))
    secret = path.read_text(encoding="ascii").strip()
    if not secret:  # a half-written file from a crash at the first start: make it again
        path.unlink()
        return console_secret(environ, path)
    return bytes.fromhex(secret)


class DatabaseRevocations:
    """Logged-out sessions in the project database (``bot.db``)."""

    def is_revoked(self, sid: str) -> bool:
        with db.session_scope() as session:
            return db.is_console_session_revoked(session, sid)

    def revoke(self, sid: str, expires: int) -> None:
        until = dt.datetime.fromtimestamp(expires, dt.timezone.utc).replace(tzinfo=None)
        with db.session_scope() as session:
            db.revoke_console_session(session, sid, until)
