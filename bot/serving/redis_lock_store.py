"""A race-safe ticket lock store on Redis, for several Rasa processes serving the same conversations.

Rasa 3.6's ``RedisLockStore`` reads a conversation's whole ticket list, changes it in Python and writes it back
(RasaHQ/rasa#9213): two replicas that issue a ticket at the same moment can both write, one ticket is lost, and
both process a message of the same conversation at once. The SQL tracker store then keeps only one of the two
turns. Here every step of the ticket lock is one Lua script, which Redis runs atomically:

- ``issue``: the next number from a counter (INCR), added to the conversation's queue with its expiry;
- ``status``: whether a ticket is first among the live tickets (or has expired);
- ``release``: the ticket removed, and the conversation's keys deleted once nobody waits.

Expiry uses the Redis server's clock, so replicas with different clocks agree. The lock is the same FIFO ticket
lock as Rasa's (tickets are served in the order they were issued, an expired ticket is skipped), and it is
selected in endpoints.yml as ``type: bot.serving.redis_lock_store.AtomicRedisLockStore``. The Redis URL comes from
``LOCK_STORE_URL`` (e.g. ``redis://127.0.0.1:6379/0``), so no password is ever written to a file.
"""

from __future__ import annotations

import asyncio
import logging
import os
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Optional

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore

logger = logging.getLogger(__name__)

URL_ENV = "LOCK_STORE_URL"
KEY_PREFIX = "kyodo:lock:"
POLL_SECONDS = 0.02  # Rasa's store polls once a second; a waiting message here starts within 20 ms

_PURGE = """
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function purge(queue, expiry, now)
  for _, t in ipairs(redis.call('ZRANGE', queue, 0, -1)) do
    local e = redis.call('HGET', expiry, t)
    if (not e) or tonumber(e) <= now then
      redis.call('ZREM', queue, t)
      redis.call('HDEL', expiry, t)
    end
  end
end
"""
# KEYS: queue (sorted set of ticket numbers), expiry (hash ticket -> ms), counter. ARGV: lifetime in ms.
ISSUE = (
    _PURGE
    + """
local now = now_ms()
purge(KEYS[1], KEYS[2], now)
local ticket = redis.call('INCR', KEYS[3])
redis.call('ZADD', KEYS[1], ticket, ticket)
redis.call('HSET', KEYS[2], ticket, now + tonumber(ARGV[1]))
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[1]) + 60000) end
return ticket
"""
)
# ARGV: ticket. 1 = its turn, 0 = wait, -1 = expired (or never issued).
STATUS = (
    _PURGE
    + """
purge(KEYS[1], KEYS[2], now_ms())
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return -1 end
local first = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
if first == ARGV[1] then return 1 end
return 0
"""
)
# ARGV: ticket. Returns how many tickets still wait.
RELEASE = (
    _PURGE
    + """
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
purge(KEYS[1], KEYS[2], now_ms())
local left = redis.call('ZCARD', KEYS[1])
if left == 0 then redis.call('DEL', KEYS[1], KEYS[2], KEYS[3]) end
return left
"""
)


class AtomicRedisLockStore(LockStore):
    """Rasa's ticket lock, each step atomic in Redis (see the module docstring)."""

    def __init__(
        self,
        endpoint_config: Any = None,
        url: Optional[str] = None,
        key_prefix: str = KEY_PREFIX,
        poll_seconds: float = POLL_SECONDS,
        socket_timeout: float = 10.0,
    ) -> None:
        import redis

        url = url or os.environ.get(URL_ENV) or getattr(endpoint_config, "url", None)
        if not url:
            raise LockError(f"No Redis URL for the lock store: set {URL_ENV}, e.g. redis://127.0.0.1:6379/0")
        self.red = redis.Redis.from_url(url, socket_timeout=socket_timeout)
        self.key_prefix = key_prefix
        self.poll_seconds = poll_seconds
        self._issue = self.red.register_script(ISSUE)
        self._status = self.red.register_script(STATUS)
        self._release = self.red.register_script(RELEASE)
        super().__init__()

    def _keys(self, conversation_id: str) -> list:
        base = self.key_prefix + conversation_id
        return [base, base + ":expiry", base + ":next"]

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return int(self._issue(keys=self._keys(conversation_id), args=[int(lock_lifetime * 1000)]))
        except Exception as exc:  # noqa: BLE001 - Rasa's contract: any failure here is a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{exc}") from exc

    def ticket_status(self, conversation_id: str, ticket: int) -> int:
        """1 when ``ticket`` is being served, 0 while it waits, -1 once it has expired."""
        return int(self._status(keys=self._keys(conversation_id)[:2], args=[ticket]))

    async def _acquire_lock(self, conversation_id: str, ticket: int, wait_time_in_seconds: float) -> TicketLock:
        poll = min(self.poll_seconds, wait_time_in_seconds)
        while True:
            status = self.ticket_status(conversation_id, ticket)
            if status == 1:
                return TicketLock(conversation_id)
            if status < 0:
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            await asyncio.sleep(poll)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self._release(keys=self._keys(conversation_id), args=[ticket_number])

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncGenerator[TicketLock, None]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            yield await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
        finally:
            self.cleanup(conversation_id, ticket)

    # Rasa's read-modify-write interface is not used by Rasa outside LockStore.lock(); refusing it keeps anyone
    # from bringing the race back by accident.
    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        raise NotImplementedError("AtomicRedisLockStore has no read-modify-write access: use lock()")

    def save_lock(self, lock: TicketLock) -> None:
        raise NotImplementedError("AtomicRedisLockStore has no read-modify-write access: use lock()")

    def delete_lock(self, conversation_id: str) -> None:
        self.red.delete(*self._keys(conversation_id))
