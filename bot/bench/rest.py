"""REST round trips through a real ``rasa run`` server, on loopback only, bounded in count and in time.

``concurrency`` workers take the next message from one shared list until it is used up or ``max_seconds`` have
passed; each message is a new conversation (its own sender id), so every model answers the same first turns.
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
) -> dict[str, Any]:
    import aiohttp

    check_loopback(url)
    samples: list[float] = []
    errors: dict[str, int] = {}
    next_index = 0
    deadline = time.monotonic() + max_seconds
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    connector = aiohttp.TCPConnector(limit=concurrency)

    async def worker(session, number: int) -> None:
        nonlocal next_index
        due = time.monotonic() + (interval or 0.0) * number / concurrency
        while next_index < len(texts) and time.monotonic() < deadline:
            if interval:  # a paced sender: one message every `interval` s, staggered; a late one goes at once
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                due += interval
                if next_index >= len(texts) or time.monotonic() >= deadline:
                    break
            i = next_index
            next_index += 1
            payload = {"sender": f"rest-{tag}-{i}", "message": texts[i]}
            started = time.perf_counter()
            try:
                async with session.post(url, json=payload) as response:
                    await response.read()
                    status = response.status
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                errors[type(error).__name__] = errors.get(type(error).__name__, 0) + 1
                continue
            elapsed = time.perf_counter() - started
            if status == 200:
                samples.append(elapsed)
            else:
                errors[f"HTTP {status}"] = errors.get(f"HTTP {status}", 0) + 1

    async with aiohttp.ClientSession(timeout=client_timeout, connector=connector) as session:
        started = time.monotonic()
        await asyncio.gather(*(worker(session, n) for n in range(concurrency)))
        wall = time.monotonic() - started
    return {
        **summarize_ms(samples),
        "concurrency": concurrency,
        "interval_seconds": interval,
        "asked": len(texts),
        "errors": errors,
        "wall_seconds": round(wall, 2),
        "throughput_per_s": round(len(samples) / wall, 2) if wall > 0 else None,
    }


def run_load(
    url: str,
    texts: Sequence[str],
    concurrency: int,
    max_seconds: float = 180.0,
    timeout: float = 30.0,
    tag: str = "x",
    interval: float | None = None,
) -> dict[str, Any]:
    """Sends ``texts`` to the REST webhook with ``concurrency`` senders at a time; latency and throughput.

    Without ``interval`` each sender sends its next message as soon as the answer came (closed loop: the server
    is saturated and, by Little's law, latency ~ concurrency / throughput). With ``interval`` each sender sends one
    message every ``interval`` seconds, as people typing would (offered load ``concurrency / interval`` msg/s).
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    if interval is not None and interval <= 0:
        raise ValueError("interval must be positive")
    return asyncio.run(_load(url, list(texts), concurrency, max_seconds, timeout, tag, interval))
