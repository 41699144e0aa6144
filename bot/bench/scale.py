"""``python -m bot.bench.scale`` (``make bench-scale``): persistence, workers and growth of the trained model, one run.

1. Per-turn growth: one sender asks the same FAQ question ``--turns`` (300) times in a row over REST, against one
   ``rasa run`` (1 Sanic worker) on the SQLite tracker store; medians of turns 1–5, 96–105 and 296–300.
2. Throughput: ``--senders`` (20) concurrent conversations in a closed loop, ``--per-sender`` (15) turns each after a
   warm-up, against one ``rasa run`` with 1 Sanic worker and then with ``--workers`` (2), each on a fresh PostgreSQL
   database (created and dropped here) and the Redis lock store (database 14).
3. Peak RSS (VmHWM) and PSS of every process: the action server, the ``rasa run`` process and its Sanic workers.

The same action server serves all three setups; no model is trained. Everything talks to 127.0.0.1 only, on spare
ports other than 5005/5055, and every process started is ended at the end, on error too. Figures:
bench-results/scale.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bot.bench import procs
from bot.bench import scale_servers as servers
from bot.bench.configs import nlu_test_texts
from bot.bench.rest import run_load
from bot.bench.scale_stats import format_scale_table, growth, memory_summary, scale_rows
from bot.core.facilities import contacts

ROOT = procs.ROOT
FAQ = "サポートセンターの電話番号は？"
FAQ_ANSWER = contacts()["support_center"]["tel"]  # data/facilities.yml: the number the FAQ answer gives
COLUMNS = [("sqlite", "SQLite, 1 worker"), ("pg_w1", "PG+Redis, 1 worker"), ("pg_w2", "PG+Redis, 2 workers")]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--model", type=Path, default=ROOT / "models" / "kyodo.tar.gz")
    p.add_argument("--turns", type=int, default=300, help="turns of the one growing conversation")
    p.add_argument("--senders", type=int, default=20, help="concurrent conversations of the throughput loop")
    p.add_argument("--per-sender", type=int, default=15, help="measured turns per conversation")
    p.add_argument("--warmup-per-sender", type=int, default=2, help="turns per sender before the measured ones")
    p.add_argument("--workers", type=int, default=2, help="Sanic workers of the second PostgreSQL setup")
    p.add_argument("--out-dir", type=Path, default=ROOT / "bench-results")
    p.add_argument("--rasa-port", type=int, default=5205)
    p.add_argument("--actions-port", type=int, default=5255)
    p.add_argument("--max-seconds", type=float, default=600.0, help="time bound of each loop")
    p.add_argument("--ready-timeout", type=float, default=600.0)
    p.add_argument(
        "--setups", default="sqlite,pg_w1,pg_w2", help="which setups to run: sqlite (growth), pg_w1, pg_w2 (throughput)"
    )
    return p.parse_args(argv)


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


def event_lookup_in_place() -> dict[str, Any]:
    """Whether bot/serving/event_lookup.py is switched on for the model (ServingSpeedups, listed in config.yml,
    installs it on a Rasa version bot/serving/version_guard.py lists): read from the sources and the installed
    version, without importing Rasa or bot.serving here."""
    import ast
    import re
    from importlib import metadata

    serving = ROOT / "bot" / "serving"
    guard = re.search(r"^CHECKED_RASA_VERSIONS = (.*)$", (serving / "version_guard.py").read_text(), re.MULTILINE)
    checked = ast.literal_eval(guard.group(1)) if guard else ()
    return {
        "installed_by_speedups": "event_lookup.install()" in (serving / "speedups.py").read_text(encoding="utf-8"),
        "speedups_in_config": "bot.serving.speedups.ServingSpeedups" in (ROOT / "config.yml").read_text("utf-8"),
        "rasa_version_checked": metadata.version("rasa") in checked,
    }


def rasa_env(setup: dict[str, str], database_url: str) -> dict[str, str]:
    env = procs.bench_env({"DATABASE_URL": database_url, **setup})
    for key in ("TRACKER_STORE_URL", "LOCK_STORE_URL", "SANIC_WORKERS", "RASA_WORKERS"):
        if key not in setup:
            env.pop(key, None)
    return {k: v for k, v in env.items() if not k.startswith("LINE_")}


def run_setup(name: str, stores: dict[str, str], workers: int, job, args: argparse.Namespace) -> dict[str, Any]:
    """Starts ``rasa run`` on ``stores`` with ``workers`` Sanic workers, runs ``job(url, figures)``, reads the
    processes' memory, stops the server."""
    from bot.tools.make_endpoints import write_endpoints

    env = rasa_env({**stores, "SANIC_WORKERS": str(workers)}, args.database_url)
    endpoints = args.work / f"{name}-endpoints.yml"
    written = write_endpoints(endpoints, env, f"http://{procs.LOOPBACK}:{args.actions_port}/webhook")
    print(f">>> [{name}] rasa run on :{args.rasa_port}, SANIC_WORKERS={workers}, {sorted(written)} ...", flush=True)
    figures: dict[str, Any] = {
        "stores": {k: v for k, v in written.items() if k != "action_endpoint"},
        "loadavg_before": procs.loadavg(),
        "others": procs.other_rasa_processes(),
    }
    server, logs = servers.start_rasa(args.work, name, args.model, endpoints, args.credentials, args.rasa_port, env)
    try:
        ready = servers.wait_for_workers(server, args.rasa_port, logs, workers, args.ready_timeout)
        said = servers.read_logs(logs)
        processes = servers.rasa_processes(server.pid)
        worker_pids = [w["pid"] for w in processes["workers"]]
        figures["server"] = {
            "ready_seconds": round(ready, 2),
            "workers_asked": workers,
            "rasa_log": said,
            "worker_pids": worker_pids,
            "workers_used": len(worker_pids) or 1,
            "logs": {k: str(v) for k, v in logs.items()},
        }
        url = f"http://{procs.LOOPBACK}:{args.rasa_port}/webhooks/rest/webhook"
        pids = [server.pid, *worker_pids]
        cpu_before, client_before = servers.cpu_seconds(pids), os.times()
        job(url, figures)
        cpu_after, client_after = servers.cpu_seconds(pids), os.times()
        figures["cpu_seconds_during_measure"] = {
            str(pid): None if None in (cpu_before[pid], cpu_after[pid]) else round(cpu_after[pid] - cpu_before[pid], 2)
            for pid in pids
        }
        figures["client_cpu_seconds_during_measure"] = round(
            (client_after.user + client_after.system) - (client_before.user + client_before.system), 2
        )
        processes = servers.rasa_processes(server.pid)
        figures["processes"] = processes
        figures["memory"] = {
            **memory_summary(processes["main"], processes["workers"]),
            "actions_vmhwm_mb": procs.vmhwm_mb(args.actions.pid),
        }
    finally:
        procs.stop(server)
    figures["loadavg_after"] = procs.loadavg()
    return figures


def growth_job(args: argparse.Namespace, tracker_url: str):
    def job(url: str, figures: dict[str, Any]) -> None:
        run_load(url, [FAQ], 5, args.max_seconds, tag="growth-warm", per_sender=3)  # a warm server, other senders
        print(f"    one sender, {FAQ} x {args.turns} ...", flush=True)
        load = run_load(url, [FAQ], 1, args.max_seconds, tag="growth", per_sender=args.turns, expect=FAQ_ANSWER)
        figures["growth"] = {
            **growth(load["turns_ms"][0]),
            "events_stored": servers.count_events(tracker_url, "rest-growth-s0"),
            "unexpected_answers": load.get("unexpected_answers"),
            "errors": load["errors"],
            "turns_ms": load["turns_ms"][0],
        }

    return job


def throughput_job(name: str, args: argparse.Namespace, tracker_url: str):
    measured = args.senders * args.per_sender
    texts = args.texts[:measured] if len(args.texts) >= measured else args.texts
    warm = args.texts[measured:] or args.texts

    def job(url: str, figures: dict[str, Any]) -> None:
        run_load(url, warm, args.senders, args.max_seconds, tag=f"{name}-warm", per_sender=args.warmup_per_sender)
        print(f"    {args.senders} senders x {args.per_sender} turns, closed loop ...", flush=True)
        load = run_load(url, texts, args.senders, args.max_seconds, tag=name, per_sender=args.per_sender)
        load["failed"] = sum(load["errors"].values())
        load["user_events_stored"] = servers.count_events(tracker_url, f"rest-{name}-s", "user")
        figures["load"] = {k: v for k, v in load.items() if k != "turns_ms"}
        print(
            f"    {load['throughput_per_s']} msg/s, p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms, "
            f"errors {load['errors'] or 'none'}",
            flush=True,
        )

    return job


def measure(args: argparse.Namespace, results: dict[str, Any]) -> None:
    setups, chosen = results["setups"], set(args.setups.split(","))
    if "sqlite" in chosen:
        with tempfile.TemporaryDirectory(prefix="kyodo-scale-") as tmp:
            tracker = f"sqlite:///{Path(tmp) / 'tracker.db'}"
            setups["sqlite"] = run_setup("sqlite", {"TRACKER_STORE_URL": tracker}, 1, growth_job(args, tracker), args)
    for name, workers in (("pg_w1", 1), ("pg_w2", args.workers)):
        if name not in chosen:
            continue
        with servers.fresh_postgres_database(name.replace("_", "")) as database:
            stores = {"TRACKER_STORE_URL": database, "LOCK_STORE_URL": servers.REDIS_URL}
            setups[name] = run_setup(name, stores, workers, throughput_job(name, args, database), args)
        servers.clear_locks()


def notes_for(results: dict[str, Any]) -> list[str]:
    notes = []
    for name, setup in results["setups"].items():
        server = setup.get("server", {})
        said = server.get("rasa_log", {})
        if said.get("refused"):
            notes.append(f"{name}: Rasa refused {said['refused']['asked']} workers: {said['refused']['why']}")
        if said.get("rasa_says") is not None and said["rasa_says"] != server.get("workers_used"):
            notes.append(f"{name}: Rasa's log says {said['rasa_says']} workers, /proc shows {server['workers_used']}")
        if setup.get("others"):
            notes.append(f"{name}: other rasa processes were running: " + " | ".join(setup["others"]))
        load = setup.get("load", {})
        if load and load.get("user_events_stored") != load.get("count"):
            notes.append(f"{name}: {load.get('count')} answers but {load.get('user_events_stored')} user events stored")
    lookup = results["event_lookup"]
    if not all(lookup.values()):
        notes.append(f"bot/serving/event_lookup.py may not be in effect: {lookup}")
    return notes


def report(results: dict[str, Any], args: argparse.Namespace) -> None:
    setups = results["setups"]
    print("\n" + format_scale_table(setups, COLUMNS, ("2w/1w", "pg_w2", "pg_w1"), scale_rows(args.turns, args.senders)))
    one, two = setups.get("pg_w1", {}).get("memory", {}), setups.get("pg_w2", {}).get("memory", {})
    for key, what in (("total_vmhwm_mb", "peak RSS (sum)"), ("total_pss_mb", "PSS"), ("total_private_mb", "private")):
        if one.get(key) is not None and two.get(key) is not None:
            results.setdefault("two_workers_cost_mb", {})[key] = round(two[key] - one[key], 1)
            print(f"{args.workers} workers over 1, {what}: {two[key] - one[key]:+,.0f} MB")
    for name, setup in setups.items():
        cpu = setup.get("cpu_seconds_during_measure", {})
        client = setup.get("client_cpu_seconds_during_measure")
        print(f"CPU seconds while measuring, {name}: rasa processes {cpu}, load client {client}")
    for note in results["notes"]:
        print("note: " + note)
    path = args.out_dir / "scale.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nfigures: {path}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.chdir(ROOT)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # runs the finally below
    if not args.model.exists():
        raise SystemExit(f"no trained model at {args.model}: make train (this benchmark trains nothing)")
    servers.check_redis()
    args.work = args.out_dir / "scale"
    args.work.mkdir(parents=True, exist_ok=True)
    args.rasa_port = procs.free_port(args.rasa_port)
    args.actions_port = procs.free_port(args.actions_port, avoid=(5005, 5055, args.rasa_port))
    args.database_url = f"sqlite:///{args.work / 'kyodo.db'}"
    args.texts = nlu_test_texts(ROOT / "tests" / "nlu")
    from bot.tools.make_credentials import write_credentials

    args.credentials = args.work / "credentials.yml"
    write_credentials(ROOT / "credentials.yml", args.credentials, {})  # no LINE: nothing leaves the machine
    dirty = git("status", "--porcelain", "--untracked-files=all", "--", "bot", "config.yml", "domain.yml", "data")
    utc = dt.timezone.utc
    results: dict[str, Any] = {
        "started": dt.datetime.now(utc).isoformat(timespec="seconds"),
        "commit": git("rev-parse", "--short", "HEAD"),
        "work_tree": "HEAD plus uncommitted changes under bot/" if dirty else "= HEAD",
        "model": str(args.model),
        "model_trained": dt.datetime.fromtimestamp(args.model.stat().st_mtime, utc).isoformat("T", "seconds"),
        "machine": procs.machine(),
        "env": {k: procs.bench_env()[k] for k in procs.ENV_DEFAULTS},
        "options": {k: str(v) for k, v in vars(args).items() if k not in ("texts", "work")},
        "event_lookup": event_lookup_in_place(),
        "setups": {},
    }
    print(f">>> action server on :{args.actions_port}", flush=True)
    try:
        cmd = [procs.RASA, "run", "actions", "--actions", "actions", "--port", str(args.actions_port)]
        args.actions = procs.start(cmd, args.work / "actions.log", rasa_env({}, args.database_url))
        procs.wait_http(f"http://{procs.LOOPBACK}:{args.actions_port}/health", args.actions, timeout=180)
        measure(args, results)
        results["actions_vmhwm_mb"] = procs.vmhwm_mb(args.actions.pid)
    finally:
        procs.stop_all()
        servers.clear_locks()
    results["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    results["notes"] = notes_for(results)
    report(results, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
