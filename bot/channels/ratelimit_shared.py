"""The chat rate limits shared by every worker and replica, in Redis, when ``LOCK_STORE_URL`` names one.

Each process's own limiter (bot/channels/ratelimit.py) lets a sender through N times the limit behind N workers or
replicas. With ``LOCK_STORE_URL=redis://...`` (which several workers or replicas need anyway) the same two sliding
windows live in Redis instead: one sorted set per sender and per client address and channel, the message times as
scores. The check of both limits and the counting are one Lua script, so two processes cannot both let the
limit's last message through. The same rules as the local limiter: a refused message counts against neither limit,
0 turns a limit off. The keys hold sender ids only as hashes and expire with the window.

When Redis does not answer, the process falls back to its own limiter (logged once per failure): the limit then
holds per process rather than refusing every citizen.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from typing import Any

from bot.channels.ratelimit import WINDOW, ChatLimits, Clock, short_id

logger = logging.getLogger(__name__)

KEY_PREFIX = "kyodo:rate"

# KEYS: sender key, address key (optional). ARGV: now, window seconds, sender limit, address limit, member.
# Returns 0 (let through and counted), 1 (the sender's limit refused it) or 2 (the address's).
CHECK_AND_COUNT = """
local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local limits = {tonumber(ARGV[3]), tonumber(ARGV[4])}
for i, key in ipairs(KEYS) do
  if limits[i] > 0 then
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
    if redis.call('ZCARD', key) >= limits[i] then return i end
  end
end
for i, key in ipairs(KEYS) do
  if limits[i] > 0 then
    redis.call('ZADD', key, now, ARGV[5])
    redis.call('PEXPIRE', key, math.ceil(window * 1000))
  end
end
return 0
"""


class SharedChatLimits:
    """``ChatLimits``' interface (``refusal``), counted in Redis; ``fallback`` is used while Redis is away."""

    def __init__(self, client: Any, fallback: ChatLimits, clock: Clock = time.time, window: float = WINDOW) -> None:
        self.client = client
        self.fallback = fallback
        self.per_sender = fallback.per_sender
        self.per_address = fallback.per_address
        self.window = window
        self._clock = clock
        self._script = client.register_script(CHECK_AND_COUNT)

    @classmethod
    def from_url(cls, url: str, fallback: ChatLimits) -> SharedChatLimits:
        import redis

        return cls(redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5), fallback)

    @staticmethod
    def _key(channel: str, kind: str, value: str) -> str:
        digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:24]
        return f"{KEY_PREFIX}:{channel}:{kind}:{digest}"

    def refusal(self, channel: str, sender: str, address: str | None = None) -> str | None:
        """As ``ChatLimits.refusal``: None when let through (and counted), else "sender" or "address"."""
        per_sender, per_address = self.per_sender.per_minute, self.per_address.per_minute
        keys = [self._key(channel, "s", sender)]
        limits = [per_sender, per_address if address is not None else 0]
        if address is not None:
            keys.append(self._key(channel, "a", address))
        try:
            verdict = int(self._script(keys=keys, args=[self._clock(), self.window, *limits, uuid.uuid4().hex]))
        except Exception as error:  # noqa: BLE001 - any Redis failure: the process's own limits, not an outage
            logger.warning("%s: shared rate limits unavailable (%s); this process's own limits apply.", channel, error)
            return self.fallback.refusal(channel, sender, address)
        if verdict == 0:
            return None
        refused = "sender" if verdict == 1 else "address"
        logger.warning(
            "%s: message refused, over the shared per-%s limit of %d/min (sender %s, address %s).",
            channel,
            refused,
            per_sender if refused == "sender" else per_address,
            short_id(sender),
            address or "-",
        )
        return refused


def chat_limits(environ: Any, clock: Clock = time.monotonic) -> ChatLimits | SharedChatLimits:
    """The limits a channel uses: shared in Redis when ``LOCK_STORE_URL`` is a redis:// URL, else this process's."""
    local = ChatLimits.from_env(environ, clock)
    url = (environ.get("LOCK_STORE_URL") or "").strip()
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return local
    return SharedChatLimits.from_url(url, local)


__all__ = ["SharedChatLimits", "chat_limits", "CHECK_AND_COUNT"]
