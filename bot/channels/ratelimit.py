"""How many messages a chat sender, and a client address, may send per minute, in this process's memory.

``CHAT_RATE_PER_SENDER`` (environment, default 20) and ``CHAT_RATE_PER_ADDRESS`` (default 120) are messages per
minute; 0 turns that limit off; anything but a whole number >= 0 raises ValueError at start-up (a typo must not
silently lift or tighten a limit). The window slides: a message is let through when fewer than the limit were let
through for that key in the last 60 seconds. Refused messages are not counted, so a flooding sender still gets the
limit's worth through each minute and nothing more.

Memory is bounded: a key whose last message is older than the window is dropped, and at most ``max_keys`` keys are
kept (the least recently used go first). ``clock`` is injectable (seconds, monotonic) so tests need no sleeping;
every method holds a lock, so the limiter may be shared by threads.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.core.facilities import contacts
from bot.core.texts import text

logger = logging.getLogger(__name__)

SENDER_SETTING, ADDRESS_SETTING = "CHAT_RATE_PER_SENDER", "CHAT_RATE_PER_ADDRESS"
DEFAULT_PER_SENDER, DEFAULT_PER_ADDRESS = 20, 120
WINDOW = 60.0
MAX_KEYS = 20_000
CONTACT_FACILITY = "support_center"
Clock = Callable[[], float]


class RateLimiter:
    """A sliding-window limit of ``per_minute`` events per key (0: no limit)."""

    def __init__(
        self, per_minute: int, clock: Clock = time.monotonic, window: float = WINDOW, max_keys: int = MAX_KEYS
    ) -> None:
        if per_minute < 0:
            raise ValueError("a rate limit is a number of messages >= 0")
        self.per_minute = per_minute
        self.window = window
        self.max_keys = max_keys
        self._clock = clock
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()  # least recently used first
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.per_minute > 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._hits)

    def _forget_idle(self, now: float) -> None:
        """Drop the keys whose newest event left the window (they are at the front), and the oldest over max_keys."""
        while self._hits:
            key, hits = next(iter(self._hits.items()))
            if hits and hits[-1] > now - self.window and len(self._hits) <= self.max_keys:
                break
            del self._hits[key]

    def _recent(self, key: str, now: float) -> deque[float] | None:
        hits = self._hits.get(key)
        if hits is not None:
            while hits and hits[0] <= now - self.window:
                hits.popleft()
        return hits

    def _would_allow_locked(self, key: str) -> bool:
        if not self.enabled:
            return True
        hits = self._recent(key, self._clock())
        return hits is None or len(hits) < self.per_minute

    def _record_locked(self, key: str) -> None:
        if not self.enabled:
            return
        now = self._clock()
        hits = self._recent(key, now)
        if hits is None:
            hits = self._hits[key] = deque()
        hits.append(now)
        self._hits.move_to_end(key)
        self._forget_idle(now)

    def would_allow(self, key: str) -> bool:
        """Whether ``allow(key)`` would let an event through now (nothing is counted)."""
        with self._lock:
            return self._would_allow_locked(key)

    def record(self, key: str) -> None:
        """Count one event for ``key`` now."""
        with self._lock:
            self._record_locked(key)

    def allow(self, key: str) -> bool:
        """True, and the event is counted, when ``key`` had fewer than the limit in the window; else False."""
        with self._lock:  # one decision: no other thread slips in between the check and the count
            allowed = self._would_allow_locked(key)
            if allowed:
                self._record_locked(key)
            return allowed


def _setting(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = (environ.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise ValueError(f"{name}: {raw!r} is not a whole number of messages per minute (0 turns it off)")
    return int(raw)


def short_id(sender: str) -> str:
    """A sender id for the log: a short hash, so the log does not hold LINE user ids or e-mail-like senders."""
    return hashlib.sha256(sender.encode("utf-8")).hexdigest()[:12]


@dataclass
class ChatLimits:
    """A channel's two limits: per sender id and per client address (a channel may pass no address)."""

    per_sender: RateLimiter
    per_address: RateLimiter
    _lock: threading.Lock

    @classmethod
    def of(cls, per_sender: int, per_address: int, clock: Clock = time.monotonic) -> ChatLimits:
        return cls(RateLimiter(per_sender, clock), RateLimiter(per_address, clock), threading.Lock())

    @classmethod
    def from_env(cls, environ: Mapping[str, str], clock: Clock = time.monotonic) -> ChatLimits:
        return cls.of(
            _setting(environ, SENDER_SETTING, DEFAULT_PER_SENDER),
            _setting(environ, ADDRESS_SETTING, DEFAULT_PER_ADDRESS),
            clock,
        )

    def refusal(self, channel: str, sender: str, address: str | None = None) -> str | None:
        """None when the message may go to the bot (it is counted against both limits); else which limit refused
        it ("sender" or "address"), logged with the sender's hash and the address. A refused message counts
        against neither limit."""
        with self._lock:
            if not self.per_sender.would_allow(sender):
                refused = "sender"
            elif address is not None and not self.per_address.would_allow(address):
                refused = "address"
            else:
                self.per_sender.record(sender)
                if address is not None:
                    self.per_address.record(address)
                return None
        limit = self.per_sender.per_minute if refused == "sender" else self.per_address.per_minute
        logger.warning(
            "%s: message refused, over the per-%s limit of %d/min (sender %s, address %s).",
            channel,
            refused,
            limit,
            short_id(sender),
            address or "-",
        )
        return refused


def rate_limited_text() -> str:
    """The polite answer to a message over a limit: wait a little and send again, or call the centre."""
    centre = contacts()[CONTACT_FACILITY]
    return text("channels.rate_limited", name=centre["name"], tel=centre["tel"])
