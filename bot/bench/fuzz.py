"""The fuzz table (bot/bench/fuzz_table.py) against the real servers: ``make bench-fuzz``.

Starts the action server and ``rasa run`` with the trained model (SQLite stores under results/fuzz/, no LINE, rate
limits off), sends every case of the table to its endpoint, and after each one the normal question. It writes
results/fuzz/fuzz.json and prints the figures for bot/bench/RESULTS.md: statuses per endpoint (against the expected
ones), 5xx, empty answers to a message, normal questions left unanswered, and the latency (p50/p95/max) of the cases.
The tests (tests/channels/test_chat_fuzz.py) assert the same rules with the scripted bot; this records the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bot.bench import procs
from bot.bench.fuzz_table import CASES, ENDPOINTS, SENDERS, with_sender
from bot.bench.stats import summarize_ms

ROOT = procs.ROOT


def answer_messages(endpoint: str, data: Any) -> list[Any]:
    """The bot's messages in an answer body (REST: a list; web chat: ``{"messages": [...]}``)."""
    if endpoint == "rest":
        return data if isinstance(data, list) else []
    return data.get("messages", []) if isinstance(data, dict) else []


def non_empty(messages: list[Any]) -> bool:
    return bool(messages) and all(isinstance(m, dict) and (m.get("text") or m.get("buttons")) for m in messages)


async def run_table(base_url: str, timeout: float) -> dict[str, Any]:
    import aiohttp

    statuses: dict[str, Counter[str]] = {e: Counter() for e in ENDPOINTS}
    wrong_status: list[dict[str, Any]] = []
    seconds: list[float] = []
    empty = server_errors = normal_missed = 0
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as http:

        async def post(endpoint: str, body: bytes) -> tuple[int, Any]:
            async with http.post(
                base_url + ENDPOINTS[endpoint], data=body, headers={"Content-Type": "application/json"}
            ) as r:
                raw = await r.read()
                try:
                    return r.status, json.loads(raw)
                except ValueError:
                    return r.status, None

        for endpoint, body, expected in CASES:
            started = time.perf_counter()
            status, data = await post(endpoint, body)
            seconds.append(time.perf_counter() - started)
            statuses[endpoint][str(status)] += 1
            server_errors += status >= 500
            if status != expected:
                wrong_status.append({"endpoint": endpoint, "body": body[:80].decode("utf-8", "replace"), "got": status})
            if status == 200 and not non_empty(answer_messages(endpoint, data)):
                empty += 1
            status, data = await post(endpoint, with_sender(SENDERS[endpoint]))
            normal_missed += not (status == 200 and non_empty(answer_messages(endpoint, data)))
    return {
        "cases": len(CASES),
        "cases_per_endpoint": {e: sum(c.values()) for e, c in statuses.items()},
        "statuses": {e: dict(sorted(c.items())) for e, c in statuses.items()},
        "expected_statuses": {e: dict(Counter(str(s) for ep, _, s in CASES if ep == e)) for e in ENDPOINTS},
        "wrong_status": wrong_status,
        "server_errors": server_errors,
        "empty_answers": empty,
        "normal_question_unanswered": normal_missed,
        "latency": summarize_ms(seconds),
    }


def serve_and_run(args: argparse.Namespace) -> dict[str, Any]:
    from bot.tools.make_credentials import write_credentials
    from bot.tools.make_endpoints import write_endpoints

    work = args.out_dir / "fuzz"
    work.mkdir(parents=True, exist_ok=True)
    for name in ("kyodo.db", "tracker.db"):
        (work / name).unlink(missing_ok=True)
    rasa_port = procs.free_port(args.rasa_port)
    actions_port = procs.free_port(args.actions_port, avoid=(5005, 5055, rasa_port))
    env = procs.bench_env({"DATABASE_URL": f"sqlite:///{work / 'kyodo.db'}", **procs.LIMITS_OFF})
    env["TRACKER_STORE_URL"] = f"sqlite:///{work / 'tracker.db'}"
    env = {k: v for k, v in env.items() if not k.startswith("LINE_") and k != "LOCK_STORE_URL"}
    endpoints, credentials = work / "endpoints.yml", work / "credentials.yml"
    write_endpoints(endpoints, env, f"http://{procs.LOOPBACK}:{actions_port}/webhook")
    write_credentials(ROOT / "credentials.yml", credentials, {})  # no LINE: nothing leaves the machine
    try:
        actions_cmd = [procs.RASA, "run", "actions", "--actions", "actions", "--port", str(actions_port)]
        actions = procs.start(actions_cmd, work / "actions.log", env)
        procs.wait_http(f"http://{procs.LOOPBACK}:{actions_port}/health", actions, timeout=180)
        rasa_cmd = [procs.RASA, "run", "--model", str(args.model), "--endpoints", str(endpoints)]
        rasa_cmd += ["--credentials", str(credentials), "--port", str(rasa_port), "--interface", procs.LOOPBACK]
        rasa = procs.start(rasa_cmd, work / "rasa.log", env)
        procs.wait_http(f"http://{procs.LOOPBACK}:{rasa_port}/webhooks/rest/", rasa, timeout=args.ready_timeout)
        return asyncio.run(run_table(f"http://{procs.LOOPBACK}:{rasa_port}", args.timeout))
    finally:
        procs.stop_all()


def report(figures: dict[str, Any]) -> str:
    lat = figures["latency"]
    lines = ["| endpoint | cases | statuses (got) | statuses (expected) |", "|---|---:|---|---|"]
    for endpoint in ENDPOINTS:
        got = ", ".join(f"{s}: {n}" for s, n in figures["statuses"][endpoint].items())
        want = ", ".join(f"{s}: {n}" for s, n in sorted(figures["expected_statuses"][endpoint].items()))
        lines.append(f"| {endpoint} | {figures['cases_per_endpoint'][endpoint]} | {got} | {want} |")
    lines.append("")
    lines.append(
        f"{figures['cases']} cases: {figures['server_errors']} answered 5xx, {figures['empty_answers']} empty answers, "
        f"{len(figures['wrong_status'])} other than expected, normal question unanswered after "
        f"{figures['normal_question_unanswered']}; latency p50 {lat.get('p50_ms')} ms, p95 {lat.get('p95_ms')} ms, "
        f"max {lat.get('max_ms')} ms."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", type=Path, default=ROOT / "models" / "kyodo.tar.gz")
    p.add_argument("--out-dir", type=Path, default=ROOT / "results")
    p.add_argument("--rasa-port", type=int, default=5405)
    p.add_argument("--actions-port", type=int, default=5455)
    p.add_argument("--timeout", type=float, default=60.0)
    p.add_argument("--ready-timeout", type=float, default=300.0)
    args = p.parse_args(argv)
    os.chdir(ROOT)
    if not args.model.exists():
        raise SystemExit(f"no trained model at {args.model}: make train (this benchmark trains nothing)")
    started = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    figures = {"started": started, "machine": procs.machine(), **serve_and_run(args)}
    (args.out_dir / "fuzz" / "fuzz.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1), "utf-8")
    print(report(figures))
    return 1 if figures["server_errors"] or figures["empty_answers"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
