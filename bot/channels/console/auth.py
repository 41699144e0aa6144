"""Login, session cookie and CSRF tokens of the coordinator console, as pure functions of a secret.

The credentials are the named accounts of the project database (``Accounts``: bot/channels/console/accounts.py,
roles coordinator / admin) and, as the one-account shortcut for ``make run``, CONSOLE_USER / CONSOLE_PASSWORD
(an admin). Without either nobody can log in (there is never a default). An account's role is read again at each
request, so a deleted account's sessions end at once.

A session is a cookie ``<payload>.<hmac>``: the payload (user, session id, expiry) is signed with HMAC-SHA256 under
the console's secret (bot/channels/console/sessions.py: ``CONSOLE_SECRET``, else one kept under var/), so a session
survives a restart and works on every replica. A logged-out session is remembered by a ``Revocations`` store (the
project database in production). The CSRF token of a session is the HMAC of its id; the login form's token is the
HMAC of a nonce kept in a cookie (double submit).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

SESSION_SECONDS = 8 * 3600
DEFAULT_USER = "coordinator"


@dataclass(frozen=True)
class Session:
    user: str
    sid: str
    expires: int
    role: str = "admin"
    name: str = ""  # the display name (replies are signed with it); the user name when empty

    @property
    def display(self) -> str:
        return self.name or self.user

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Identity:
    user: str
    name: str
    role: str


class Accounts(Protocol):
    """The named accounts: a login's identity (None when refused), and an account's identity by user name."""

    def authenticate(self, user: str, password: str) -> Identity | None: ...

    def find(self, user: str) -> Identity | None: ...


class Revocations(Protocol):
    """Where logged-out sessions are remembered until they would have expired anyway."""

    def is_revoked(self, sid: str) -> bool: ...

    def revoke(self, sid: str, expires: int) -> None: ...


class MemoryRevocations:
    """Logged-out sessions in this process only (tests, and a console without a database)."""

    def __init__(self) -> None:
        self._sids: set[str] = set()

    def is_revoked(self, sid: str) -> bool:
        return sid in self._sids

    def revoke(self, sid: str, expires: int) -> None:
        self._sids.add(sid)


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class ConsoleAuth:
    def __init__(
        self,
        user: str,
        password: str | None,
        secret: bytes | None = None,
        ttl: int = SESSION_SECONDS,
        revocations: Revocations | None = None,
        accounts: Accounts | None = None,
    ) -> None:
        self.accounts = accounts
        self.user = user or DEFAULT_USER
        self._password = _digest(password) if password else None
        self._secret = secret or secrets.token_bytes(32)
        self.ttl = ttl
        self.revocations: Revocations = revocations or MemoryRevocations()

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str],
        secret: bytes | None = None,
        revocations: Revocations | None = None,
        accounts: Accounts | None = None,
    ) -> ConsoleAuth:
        user, password = environ.get("CONSOLE_USER", "").strip(), environ.get("CONSOLE_PASSWORD") or None
        return cls(user, password, secret=secret, revocations=revocations, accounts=accounts)

    @property
    def enabled(self) -> bool:
        return self._password is not None or self.accounts is not None

    def login(self, user: str, password: str) -> Identity | None:
        """The identity of a login: the CONSOLE_USER shortcut (an admin), else a named account."""
        if self.check_login(user, password):
            return Identity(self.user, self.user, "admin")
        return self.accounts.authenticate(user, password) if self.accounts is not None else None

    def _identity(self, user: str) -> Identity | None:
        if self._password is not None and user == self.user:
            return Identity(self.user, self.user, "admin")
        return self.accounts.find(user) if self.accounts is not None else None

    def check_login(self, user: str, password: str) -> bool:
        if self._password is None:
            return False
        same_user = hmac.compare_digest(_digest(user or ""), _digest(self.user))
        same_password = hmac.compare_digest(_digest(password or ""), self._password)
        return same_user and same_password

    def _sign(self, text: str) -> str:
        return hmac.new(self._secret, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def issue(self, now: float, user: str | None = None) -> str:
        """A new session cookie value for ``user`` (default: the CONSOLE_USER shortcut)."""
        body = json.dumps({"u": user or self.user, "s": secrets.token_urlsafe(16), "e": int(now) + self.ttl})
        payload = base64.urlsafe_b64encode(body.encode("utf-8")).decode("ascii").rstrip("=")
        return f"{payload}.{self._sign('session|' + payload)}"

    def verify(self, cookie: str | None, now: float) -> Session | None:
        """The session of a cookie value, or None when it is missing, forged, expired or logged out."""
        if not cookie or cookie.count(".") != 1:
            return None
        payload, signature = cookie.split(".")
        if not hmac.compare_digest(self._sign("session|" + payload), signature):
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            session = Session(str(data["u"]), str(data["s"]), int(data["e"]))
        except (ValueError, KeyError, TypeError):
            return None
        if session.expires <= now or self.revocations.is_revoked(session.sid):
            return None
        identity = self._identity(session.user)
        if identity is None:
            return None
        return Session(session.user, session.sid, session.expires, identity.role, identity.name)

    def revoke(self, session: Session) -> None:
        self.revocations.revoke(session.sid, session.expires)

    def csrf_token(self, session: Session) -> str:
        return self._sign("csrf|" + session.sid)

    def check_csrf(self, session: Session, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.csrf_token(session), str(token))

    def login_token(self, nonce: str) -> str:
        return self._sign("login|" + nonce)

    def check_login_token(self, nonce: str | None, token: str | None) -> bool:
        return bool(nonce) and bool(token) and hmac.compare_digest(self.login_token(str(nonce)), str(token))
