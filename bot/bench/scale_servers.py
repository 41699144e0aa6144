"""The servers and stores of ``python -m bot.bench.scale``: a fresh PostgreSQL database per setup (created and
dropped here), the Redis lock keys cleaned up, ``rasa run`` with the stores and workers of one setup, and the
memory and CPU readings of its processes from /proc. Processes are started and ended through ``bot.bench.procs``.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from bot.bench import procs
from bot.bench.scale_stats import (
    parse_cpu_ticks,
    parse_smaps_rollup,
    read_process_table,
    sanic_workers,
    workers_in_log,
)

POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/14"
LOCK_PREFIX = "kyodo:lock:"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def _loopback_only(url: str) -> None:
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname
    if host != procs.LOOPBACK:
        raise ValueError(f"the benchmark uses servers on {procs.LOOPBACK} only, not {host!r}")


@contextlib.contextmanager
def fresh_postgres_database(
    label: str, admin_url: str = POSTGRES_ADMIN_URL, prefix: str = "kyodo_bench"
) -> Iterator[str]:
    """A new, empty database ``<prefix>_<random>_<label>`` for one setup (or one test); its URL. Dropped afterwards
    (its connections ended first), on error too."""
    import sqlalchemy as sa

    _loopback_only(admin_url)
    name = f"{prefix}_{uuid.uuid4().hex[:10]}_{label}"
    url = sa.engine.make_url(admin_url)
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield str(url.set(database=name))
    finally:
        with admin.connect() as conn:
            ended = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"
            conn.execute(sa.text(ended), {"n": name})
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def check_redis(url: str = REDIS_URL) -> None:
    import redis

    _loopback_only(url)
    redis.Redis.from_url(url, socket_timeout=2).ping()


def clear_locks(url: str = REDIS_URL) -> int:
    """Deletes the lock store's keys (``kyodo:lock:*``) in the benchmark's Redis database; how many."""
    import redis

    _loopback_only(url)
    client = redis.Redis.from_url(url, socket_timeout=5)
    keys = list(client.scan_iter(LOCK_PREFIX + "*"))
    if keys:
        client.delete(*keys)
    client.close()
    return len(keys)


def count_events(tracker_url: str, sender_prefix: str, type_name: str | None = None) -> int:
    """How many events (of ``type_name``, if given) the tracker store holds for senders starting with the prefix."""
    import sqlalchemy as sa

    engine = sa.create_engine(tracker_url, future=True)
    query = "SELECT count(*) FROM events WHERE sender_id LIKE :p" + (" AND type_name = :t" if type_name else "")
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text(query), {"p": sender_prefix + "%", "t": type_name}).scalar_one())
    finally:
        engine.dispose()


def worker_logging_config(log_path: Path) -> dict[str, Any]:
    """A ``--logging-config-file`` dict: Rasa's word on the number of Sanic workers (rasa.core.utils logs it at
    DEBUG only) to ``log_path``, with the pid; the rest of Rasa's logging stays as it is."""
    handler = {
        "class": "logging.FileHandler",
        "filename": str(log_path),
        "formatter": "pid",
        "level": "DEBUG",
        "encoding": "utf-8",
        "mode": "w",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"pid": {"format": "%(created).3f %(process)d %(name)s %(message)s"}},
        "handlers": {"workers": handler},
        "loggers": {
            "rasa.core.utils": {"level": "DEBUG", "handlers": ["workers"], "propagate": False},
        },
    }


def start_rasa(
    out: Path, name: str, model: Path, endpoints: Path, credentials: Path, port: int, env: Mapping[str, str]
) -> tuple[subprocess.Popen, dict[str, Path]]:
    """``rasa run`` for one setup; its logs: ``<name>-rasa.log`` (all of it) and ``<name>-workers.log``."""
    logs = {"server": out / f"{name}-rasa.log", "workers": out / f"{name}-workers.log"}
    log_cfg = out / f"{name}-logging.yml"
    log_cfg.write_text(yaml.safe_dump(worker_logging_config(logs["workers"])), encoding="utf-8")
    cmd = [
        procs.RASA,
        "run",
        "--model",
        str(model),
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(credentials),
        "--port",
        str(port),
        "--interface",
        procs.LOOPBACK,
        "--logging-config-file",
        str(log_cfg),
    ]
    return procs.start(cmd, logs["server"], dict(env)), logs


def read_logs(logs: Mapping[str, Path]) -> dict[str, Any]:
    def text(path: Path) -> str:
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    return workers_in_log(text(logs["workers"]), text(logs["server"]))


def wait_for_workers(
    proc: subprocess.Popen, port: int, logs: Mapping[str, Path], expected: int, timeout: float
) -> float:
    """Seconds until the REST channel answers and every worker Rasa chose has loaded the model (with several
    workers the first one answers while the others are still loading)."""
    started = time.monotonic()
    procs.wait_http(f"http://{procs.LOOPBACK}:{port}/webhooks/rest/", proc, timeout=timeout)
    while time.monotonic() - started < timeout:
        said = read_logs(logs)
        if said["ready"] >= (expected if said["rasa_says"] is None else said["rasa_says"]):
            return time.monotonic() - started
        if proc.poll() is not None:
            raise RuntimeError(f"rasa run exited with {proc.returncode} (log: {logs['server']})")
        time.sleep(0.2)
    raise TimeoutError(f"not every worker was up within {timeout:.0f} s (log: {logs['server']})")


def _read(path: str) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def process_memory(pid: int) -> dict[str, Any]:
    """Peak RSS (VmHWM), and now: RSS, PSS, shared and private MB (10^6 bytes), and CPU seconds used so far."""
    rollup = parse_smaps_rollup(_read(f"/proc/{pid}/smaps_rollup") or "")
    stat = _read(f"/proc/{pid}/stat")

    def mb(*keys: str) -> float | None:
        if not all(k in rollup for k in keys):
            return None
        return round(sum(rollup[k] for k in keys) * 1024 / 1e6, 1)

    return {
        "pid": pid,
        "vmhwm_mb": procs.vmhwm_mb(pid),
        "rss_mb": mb("Rss"),
        "pss_mb": mb("Pss"),
        "shared_mb": mb("Shared_Clean", "Shared_Dirty"),
        "private_mb": mb("Private_Clean", "Private_Dirty"),
        "cpu_seconds": None if stat is None else round(parse_cpu_ticks(stat) / CLK_TCK, 2),
    }


def rasa_processes(pid: int) -> dict[str, Any]:
    """The ``rasa run`` process and its Sanic workers (children with the same command line, from /proc), each
    with ``process_memory``; other children, if any, are listed by command line."""
    table = read_process_table()
    workers = sanic_workers(pid, table)
    others = [table[c]["cmdline"][:160] for c in table if table[c]["ppid"] == pid and c not in workers]
    return {
        "main": process_memory(pid),
        "workers": [process_memory(w) for w in workers],
        "other_children": others,
    }


def cpu_seconds(pids: list[int]) -> dict[int, float | None]:
    found: dict[int, float | None] = {}
    for pid in pids:
        stat = _read(f"/proc/{pid}/stat")
        found[pid] = None if stat is None else round(parse_cpu_ticks(stat) / CLK_TCK, 2)
    return found
