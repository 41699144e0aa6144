"""Login throttling of the coordinator console, per user name and per client address, in this process's memory.

After each failed login the next attempt from that user name or that address waits 1 s, 2 s, 4 s … (at most
60 s); 10 failures within 15 minutes lock it out for 15 minutes. While a user or an address must wait, its login
is refused without checking the password (so the right password is refused too). A success clears that user's
and that address's counters. Every failure, refusal and lock-out is logged with the user name and the address,
never the password. The state is a bounded dict of timestamps; ``clock`` is injectable so tests need no sleeping.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.core.texts import text

logger = logging.getLogger(__name__)

FIRST_DELAY, MAX_DELAY = 1.0, 60.0
LOCK_FAILURES, WINDOW, LOCK_SECONDS = 10, 15 * 60.0, 15 * 60.0
MAX_ENTRIES = 10_000
MAX_NAME_CHARS = 100


@dataclass
class _Entry:
    failures: list[float] = field(default_factory=list)  # times of the failures within WINDOW
    wait_until: float = 0.0
    locked_until: float = 0.0


@dataclass(frozen=True)
class Refusal:
    """Why a login is refused before its password is checked: the seconds to wait, and whether it is a lock-out."""

    seconds: int
    locked: bool

    def message(self) -> str:
        if self.locked:
            return text("console.login_locked", minutes=max(1, math.ceil(self.seconds / 60)))
        return text("console.login_throttled", seconds=max(1, self.seconds))


class LoginThrottle:
    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        first_delay: float = FIRST_DELAY,
        max_delay: float = MAX_DELAY,
        lock_failures: int = LOCK_FAILURES,
        window: float = WINDOW,
        lock_seconds: float = LOCK_SECONDS,
        max_entries: int = MAX_ENTRIES,
    ) -> None:
        self.clock = clock
        self.first_delay, self.max_delay = first_delay, max_delay
        self.lock_failures, self.window, self.lock_seconds = lock_failures, window, lock_seconds
        self.max_entries = max_entries
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _keys(user: str, address: str) -> tuple[str, str]:
        return "user:" + (user or "")[:MAX_NAME_CHARS], "addr:" + (address or "")

    def check(self, user: str, address: str) -> Refusal | None:
        """None when this user may try a password from this address now; else the refusal (logged)."""
        now = self.clock()
        with self._lock:
            entries = [self._entries[key] for key in self._keys(user, address) if key in self._entries]
            until, locked = max(
                [(0.0, False)] + [(e.locked_until, True) for e in entries] + [(e.wait_until, False) for e in entries]
            )
        if until <= now:
            return None
        refusal = Refusal(math.ceil(until - now), locked)
        logger.warning(
            "console: login refused without checking the password (%s, %d s left) for user %r from %s",
            "locked out" if locked else "throttled",
            refusal.seconds,
            _shown(user),
            address,
        )
        return refusal

    def failed(self, user: str, address: str) -> None:
        """Count a wrong password for this user and this address (logged)."""
        now = self.clock()
        with self._lock:
            for key in self._keys(user, address):
                entry = self._entry(key, now)
                entry.failures = [t for t in entry.failures if t > now - self.window] + [now]
                count = len(entry.failures)
                if count >= self.lock_failures:
                    entry.locked_until = now + self.lock_seconds
                    entry.failures = []
                    logger.warning(
                        "console: %s locked out for %d s after %d failed logins (user %r from %s)",
                        key,
                        self.lock_seconds,
                        count,
                        _shown(user),
                        address,
                    )
                else:
                    entry.wait_until = now + min(self.max_delay, self.first_delay * 2 ** (count - 1))
        logger.warning("console: failed login for user %r from %s", _shown(user), address)

    def succeeded(self, user: str, address: str) -> None:
        """A right password: forget this user's and this address's failures."""
        with self._lock:
            for key in self._keys(user, address):
                self._entries.pop(key, None)

    def _entry(self, key: str, now: float) -> _Entry:
        entry = self._entries.pop(key, None) or _Entry()
        if len(self._entries) >= self.max_entries:
            self._forget_stale(now)
        while len(self._entries) >= self.max_entries:
            self._entries.popitem(last=False)  # the least recently failed
        self._entries[key] = entry  # the most recently failed last
        return entry

    def _forget_stale(self, now: float) -> None:
        stale = [
            key
            for key, e in self._entries.items()
            if e.locked_until <= now and e.wait_until <= now and all(t <= now - self.window for t in e.failures)
        ]
        for key in stale:
            del self._entries[key]

    def __len__(self) -> int:
        return len(self._entries)


def _shown(user: str) -> str:
    return (user or "")[:MAX_NAME_CHARS]
