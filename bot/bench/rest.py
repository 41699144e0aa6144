"""REST round trips through a real ``rasa run`` server, on loopback only, bounded in count and in time.

``concurrency`` workers take the next message from one shared list until it is used up or ``max_seconds`` have
passed; each message is a new conversation (its own sender id), so every model answers the same first turns.
With ``per_sender`` instead, each worker is one conversation (one sender id) that sends ``per_sender`` messages in
a row (sender ``n`` takes ``texts[n * per_sender + j]``, cycled), and the latency of every turn is kept in order.
Latency counts only answered requests (HTTP 200); errors and timeouts are counted apart.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse

from bot.bench.stats import summarize_ms

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def check_loopback(url: str) -> None:
    host = urlparse(url).hostname or ""
    if host not in LOOPBACK_HOSTS:
        raise ValueError(f"the benchmark sends traffic to loopback only, not to {host!r}")


async def _load(
    url: str,
    texts: Sequence[str],
    concurrency: int,
    max_seconds: float,
    timeout: float,
    tag: str,
    interval: float | None,
    per_sender: int | None = None,
    expect: str | None = None,
) -> dict[str, Any]:
    import aiohttp

    check_loopback(url)
    samples: list[float] = []
    errors: dict[str, int] = {}
    turns: list[list[float | None]] = [[] for _ in range(concurrency)]
    unexpected = 0
    next_index = 0
    deadline = time.monotonic() + max_seconds
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    connector = aiohttp.TCPConnector(limit=concurrency)

    def more(sent: int) -> bool:
        if time.monotonic() >= deadline:
            return False
        return next_index < len(texts) if per_sender is None else sent < per_sender

    async def post(session, sender: str, text: str) -> float | None:
        """Seconds until the answer (HTTP 200), or None when the request failed (counted in ``errors``)."""
        nonlocal unexpected
        started = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": text}) as response:
                body = await response.read()
                status = response.status
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            errors[type(error).__name__] = errors.get(type(error).__name__, 0) + 1
            return None
        elapsed = time.perf_counter() - started
        if status != 200:
            errors[f"HTTP {status}"] = errors.get(f"HTTP {status}", 0) + 1
            return None
        samples.append(elapsed)
        if expect is not None and expect not in body.decode("utf-8", errors="replace"):
            unexpected += 1
        return elapsed

    async def worker(session, number: int) -> None:
        nonlocal next_index
        due = time.monotonic() + (interval or 0.0) * number / concurrency
        sent = 0
        while more(sent):
            if interval:  # a paced sender: one message every `interval` s, staggered; a late one goes at once
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                due += interval
                if not more(sent):
                    break
            if per_sender is None:
                i = next_index
                next_index += 1
                sender, text = f"rest-{tag}-{i}", texts[i]
            else:
                sender, text = f"rest-{tag}-s{number}", texts[(number * per_sender + sent) % len(texts)]
            sent += 1
            elapsed = await post(session, sender, text)
            turns[number].append(None if elapsed is None else round(elapsed * 1000.0, 3))

    async with aiohttp.ClientSession(timeout=client_timeout, connector=connector) as session:
        started = time.monotonic()
        await asyncio.gather(*(worker(session, n) for n in range(concurrency)))
        wall = time.monotonic() - started
    result = {
        **summarize_ms(samples),
        "concurrency": concurrency,
        "interval_seconds": interval,
        "asked": len(texts) if per_sender is None else per_sender * concurrency,
        "errors": errors,
        "wall_seconds": round(wall, 2),
        "throughput_per_s": round(len(samples) / wall, 2) if wall > 0 else None,
    }
    if per_sender is not None:
        result.update(per_sender=per_sender, turns_ms=turns)
    if expect is not None:
        result["unexpected_answers"] = unexpected
    return result


def run_load(
    url: str,
    texts: Sequence[str],
    concurrency: int,
    max_seconds: float = 180.0,
    timeout: float = 30.0,
    tag: str = "x",
    interval: float | None = None,
    per_sender: int | None = None,
    expect: str | None = None,
) -> dict[str, Any]:
    """Sends ``texts`` to the REST webhook with ``concurrency`` senders at a time; latency and throughput.

    Without ``interval`` each sender sends its next message as soon as the answer came (closed loop: the server
    is saturated and, by Little's law, latency ~ concurrency / throughput). With ``interval`` each sender sends one
    message every ``interval`` seconds, as people typing would (offered load ``concurrency / interval`` msg/s).
    With ``per_sender`` each sender is one conversation of ``per_sender`` turns (``turns_ms``: each sender's
    latencies in turn order, None for a failed turn). With ``expect``, answers whose body lacks that text are
    counted in ``unexpected_answers``.
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    if interval is not None and interval <= 0:
        raise ValueError("interval must be positive")
    if per_sender is not None and (per_sender < 1 or not texts):
        raise ValueError("per_sender needs at least one message per sender and a text to send")
    return asyncio.run(
        _load(url, list(texts), concurrency, max_seconds, timeout, tag, interval, per_sender=per_sender, expect=expect)
    )
