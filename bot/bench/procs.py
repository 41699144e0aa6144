"""Child processes of the benchmark: the environment they share, free loopback ports, training, servers.

Every process started here runs in its own session (process group), is remembered, and is ended by ``stop`` (or
``stop_all`` at the end, on error and on SIGTERM): SIGTERM to its group, SIGKILL after a grace period.
"""

from __future__ import annotations

import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from bot.bench.stats import parse_vmhwm_kb
from bot.bench.trainlog import component_seconds, logging_config, parse_events

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
RASA = str(VENV_BIN / "rasa")
LOOPBACK = "127.0.0.1"

# The Makefile exports these; the same here so that `python -m bot.bench` alone measures the same set-up.
ENV_DEFAULTS = {
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "TF_INTRA_OP_PARALLELISM_THREADS": "2",
    "TF_INTER_OP_PARALLELISM_THREADS": "1",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "LOG_LEVEL": "INFO",
    "PYTHONHASHSEED": "0",
}

# The benchmark's load comes from a few senders on loopback: the chat channels' rate limits would refuse it.
LIMITS_OFF = {"CHAT_RATE_PER_SENDER": "0", "CHAT_RATE_PER_ADDRESS": "0"}

_children: list[subprocess.Popen] = []


def bench_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """os.environ with the Makefile's settings and the rate limits off where unset, no telemetry, unbuffered output,
    ``extra`` on top."""
    env = dict(os.environ)
    for key, value in {**ENV_DEFAULTS, **LIMITS_OFF}.items():
        env.setdefault(key, value)
    env["RASA_TELEMETRY_ENABLED"] = "false"
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra or {})
    return env


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((LOOPBACK, port))
        except OSError:
            return False
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((LOOPBACK, port)) != 0


def free_port(preferred: int, avoid: Sequence[int] = (5005, 5055), tries: int = 50) -> int:
    """``preferred`` if free, else the next free port above it (never one of ``avoid``)."""
    for port in range(preferred, preferred + tries):
        if port not in avoid and port_is_free(port):
            return port
    raise RuntimeError(f"no free port in {preferred}..{preferred + tries - 1}")


def start(cmd: Sequence[str], log_path: Path, env: dict[str, str]) -> subprocess.Popen:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "w", encoding="utf-8")
    proc = subprocess.Popen(
        list(cmd),
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    log.close()
    _children.append(proc)
    return proc


def stop(proc: subprocess.Popen | None, grace: float = 10.0) -> None:
    """SIGTERM to the child's own process group, SIGKILL if it is still there after ``grace`` seconds."""
    if proc is None:
        return
    if proc.poll() is None:
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
    if proc in _children:
        _children.remove(proc)


def stop_all() -> None:
    for proc in list(_children):
        stop(proc, grace=5.0)


def vmhwm_mb(pid: int) -> float | None:
    """Peak RSS of a live process, from /proc/<pid>/status, in MB (10^6 bytes); None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    kb = parse_vmhwm_kb(text)
    return None if kb is None else round(kb * 1024 / 1e6, 1)


def loadavg() -> float | None:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def wait_http(url: str, proc: subprocess.Popen, timeout: float) -> float:
    """Seconds until ``url`` answers 200 (polled every 0.1 s); raises if the process dies or time runs out."""
    if not url.startswith(f"http://{LOOPBACK}:"):
        raise ValueError(f"the benchmark talks to loopback only, not {url}")
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[:3]} exited with {proc.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=1.0) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def run_bounded(cmd: Sequence[str], log_path: Path, env: dict[str, str], timeout: float) -> float:
    """Runs ``cmd`` to the end (killed after ``timeout`` s); returns the wall time; raises on failure."""
    started = time.monotonic()
    proc = start(cmd, log_path, env)
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(proc)
        raise TimeoutError(f"{' '.join(cmd[:3])} took longer than {timeout:.0f} s (log: {log_path})") from None
    finally:
        if proc in _children:
            _children.remove(proc)
    if code != 0:
        tail = "\n".join(log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-20:])
        raise RuntimeError(f"{' '.join(cmd[:3])} exited with {code} (log: {log_path}):\n{tail}")
    return time.monotonic() - started


def timed_train(
    train_args: Sequence[str], out: Path, cache_dir: Path, timeout: float
) -> tuple[float, dict[str, float]]:
    """``rasa train <train_args>`` with the training cache off, bounded in time, its log in ``out``: the wall
    seconds, and the seconds per component from rasa's own log lines (``trainlog``)."""
    import yaml

    out.mkdir(parents=True, exist_ok=True)
    timing_log, log_cfg = out / "train-timing.log", out / "train-logging.yml"
    log_cfg.write_text(yaml.safe_dump(logging_config(str(timing_log))), encoding="utf-8")
    env = bench_env({"RASA_CACHE_DIRECTORY": str(cache_dir), "RASA_MAX_CACHE_SIZE": "0"})
    started = time.time()
    seconds = run_bounded(
        [RASA, "train", *train_args, "--logging-config-file", str(log_cfg)], out / "train.log", env, timeout
    )
    events = parse_events(timing_log.read_text(encoding="utf-8")) if timing_log.exists() else []
    return seconds, component_seconds(events, started, time.time())


SNAPSHOT_PATHS = ("config.yml", "domain.yml", "data", "tests/nlu")


def training_inputs(rev: str | None, dest: Path) -> dict[str, Any]:
    """Config, domain, data and NLU test set: of the work tree, or (``rev``) a snapshot of that git revision under
    ``dest``, so that a benchmark is not thrown by half-edited data (custom components still come from the tree).
    ``source`` names the inputs; a reused model must have been trained on the same."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", rev or "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    base = ROOT
    if rev:  # the resolved commit, so that a commit landing meanwhile changes nothing
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", "--format=tar", commit, *SNAPSHOT_PATHS], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
        base = dest
    if rev:
        source = f"git {commit}"
    else:
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", *SNAPSHOT_PATHS],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        source = f"work tree (HEAD {commit} plus uncommitted changes)" if dirty else f"work tree (= HEAD {commit})"
    return {
        "config": base / "config.yml",
        "domain": base / "domain.yml",
        "tests": base / "tests" / "nlu",
        "data": [str(base / "data" / part) for part in ("nlu", "rules", "stories")],
        "source": source,
    }


def machine() -> dict[str, Any]:
    meminfo = Path("/proc/meminfo").read_text()
    mem_kb = int(next(line.split()[1] for line in meminfo.splitlines() if line.startswith("MemTotal:")))
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), "?")
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "memory_gib": round(mem_kb / 1024**2, 1),
        "cpu": model,
        "python": platform.python_version(),
        "rasa": metadata.version("rasa"),
        "spacy": metadata.version("spacy"),
    }


def other_rasa_processes() -> list[str]:
    """Command lines of rasa processes on this machine that the benchmark did not start (e.g. the lead training)."""
    mine = {p.pid for p in _children} | {os.getpid()}
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) in mine:
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
            pgid = os.getpgid(int(entry.name))
        except (OSError, ProcessLookupError):
            continue
        if "rasa" in cmd and pgid not in mine and "bot.bench" not in cmd:
            found.append(cmd[:160])
    return found
