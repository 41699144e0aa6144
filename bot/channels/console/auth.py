"""Login, session cookie and CSRF tokens of the coordinator console, as pure functions of a secret.

The credentials come from CONSOLE_USER / CONSOLE_PASSWORD. Without a password nobody can log in (there is
never a default). A session is a cookie ``<payload>.<hmac>``: the payload (user, session id, expiry) is signed
with HMAC-SHA256 under a random per-process secret, so a restart logs everyone out. The CSRF token of a session
is the HMAC of its id; the login form's token is the HMAC of a nonce kept in a cookie (double submit).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

SESSION_SECONDS = 8 * 3600
DEFAULT_USER = "coordinator"


@dataclass(frozen=True)
class Session:
    user: str
    sid: str
    expires: int


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class ConsoleAuth:
    def __init__(
        self, user: str, password: str | None, secret: bytes | None = None, ttl: int = SESSION_SECONDS
    ) -> None:
        self.user = user or DEFAULT_USER
        self._password = _digest(password) if password else None
        self._secret = secret or secrets.token_bytes(32)
        self.ttl = ttl
        self._revoked: set[str] = set()

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> ConsoleAuth:
        return cls(environ.get("CONSOLE_USER", "").strip(), environ.get("CONSOLE_PASSWORD") or None)

    @property
    def enabled(self) -> bool:
        return self._password is not None

    def check_login(self, user: str, password: str) -> bool:
        if self._password is None:
            return False
        same_user = hmac.compare_digest(_digest(user or ""), _digest(self.user))
        same_password = hmac.compare_digest(_digest(password or ""), self._password)
        return same_user and same_password

    def _sign(self, text: str) -> str:
        return hmac.new(self._secret, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def issue(self, now: float) -> str:
        """A new session cookie value for the console user."""
        body = json.dumps({"u": self.user, "s": secrets.token_urlsafe(16), "e": int(now) + self.ttl})
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
        if session.expires <= now or session.sid in self._revoked or session.user != self.user:
            return None
        return session

    def revoke(self, session: Session) -> None:
        self._revoked.add(session.sid)

    def csrf_token(self, session: Session) -> str:
        return self._sign("csrf|" + session.sid)

    def check_csrf(self, session: Session, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.csrf_token(session), str(token))

    def login_token(self, nonce: str) -> str:
        return self._sign("login|" + nonce)

    def check_login_token(self, nonce: str | None, token: str | None) -> bool:
        return bool(nonce) and bool(token) and hmac.compare_digest(self.login_token(str(nonce)), str(token))
