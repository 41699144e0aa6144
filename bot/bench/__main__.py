"""``python -m bot.bench``: train ours and vanilla on the same data, measure both in one run, print one table.

Order: train ours, train vanilla (one after the other: 2 cores); start the action server; for each model, the
in-process probe (load, accuracy, parse and handle_text latency) and then a real ``rasa run`` server (start-up time,
REST round trips with 1 and 20 concurrent senders, peak RSS). Servers run on free loopback ports other than
5005/5055, so a running ``make run`` is not disturbed, and every child process is ended at the end, on error too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import sys
from pathlib import Path
from typing import Any

import yaml

from bot.bench import procs
from bot.bench.configs import (
    VANILLA_CONFIG,
    load_config,
    nlu_test_texts,
    policy_mismatch,
    vanilla_with_our_policies,
    write_config,
)
from bot.bench.rest import run_load
from bot.bench.stats import cycle_messages, format_goals, format_table, goal_checks
from bot.bench.trainlog import logging_config, ranked

ROOT = procs.ROOT
SIDES = ("ours", "vanilla")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="smoke run: 40 messages per loop instead of >= 300")
    p.add_argument("--messages", type=int, default=0, help="messages per latency loop (default: the test set, >= 300)")
    p.add_argument("--skip-ours-train", action="store_true", help="reuse bench-results/ours/model.tar.gz")
    p.add_argument("--skip-vanilla-train", action="store_true", help="reuse bench-results/vanilla/model.tar.gz")
    p.add_argument(
        "--git-rev",
        help="train and test on config, domain, data and tests/nlu of this git revision "
        "(e.g. HEAD) instead of the work tree; vanilla's config stays bot/bench/vanilla-config.yml",
    )
    p.add_argument("--sides", default="ours,vanilla", help="comma list of sides to measure")
    p.add_argument("--out-dir", type=Path, default=ROOT / "bench-results")
    p.add_argument("--rasa-port", type=int, default=5105)
    p.add_argument("--actions-port", type=int, default=5155)
    p.add_argument("--loop-seconds", type=float, default=240.0, help="time bound of each latency loop")
    p.add_argument("--train-timeout", type=float, default=2400.0)
    return p.parse_args(argv)


def train(side: str, config: Path, out: Path, args: argparse.Namespace) -> dict[str, Any]:
    model, record = out / "model.tar.gz", out / "train.json"
    if getattr(args, f"skip_{side}_train"):
        if not model.exists():
            raise SystemExit(f"--skip-{side}-train: no model at {model}")
        previous = json.loads(record.read_text()) if record.exists() else {}
        if previous.get("inputs") != args.inputs["source"]:
            raise SystemExit(
                f"--skip-{side}-train: {model} was trained on {previous.get('inputs', 'unknown inputs')}, "
                f"not on {args.inputs['source']}: retrain, or pass the --git-rev it was trained on"
            )
        return {**previous, "reused": True}
    inputs = args.inputs
    train_args = [
        "--config",
        str(config),
        "--domain",
        str(inputs["domain"]),
        "--data",
        *inputs["data"],
        "--out",
        str(out),
        "--fixed-model-name",
        "model",
        "--force",
    ]
    print(f">>> [{side}] rasa train ({config.name}; {inputs['source']}) ...", flush=True)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(config, out / "config.yml")
    figures: dict[str, Any] = {
        "inputs": inputs["source"],
        "loadavg_before": procs.loadavg(),
        "others": procs.other_rasa_processes(),
    }
    seconds, parts = procs.timed_train(train_args, out, args.out_dir / "cache" / side, args.train_timeout)
    figures["seconds"] = round(seconds, 1)
    figures["components"] = dict(ranked(parts, top=40))
    figures["loadavg_after"] = procs.loadavg()
    record.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"    trained in {figures['seconds']} s", flush=True)
    return figures


def probe(side: str, out: Path, endpoints: Path, messages: int, args: argparse.Namespace) -> dict[str, Any]:
    print(f">>> [{side}] in-process probe: load, accuracy, parse_message and handle_text x {messages} ...", flush=True)
    result, timing_log, log_cfg = out / "probe.json", out / "load-timing.log", out / "load-logging.yml"
    log_cfg.write_text(yaml.safe_dump(logging_config(str(timing_log))), encoding="utf-8")
    cmd = [
        sys.executable,
        "-m",
        "bot.bench.probe",
        "--model",
        str(out / "model.tar.gz"),
        "--tests",
        str(args.inputs["tests"]),
        "--messages",
        str(messages),
        "--max-seconds",
        str(args.loop_seconds),
        "--endpoints",
        str(endpoints),
        "--out",
        str(result),
        "--timing-log",
        str(timing_log),
        "--logging-config-file",
        str(log_cfg),
    ]
    procs.run_bounded(cmd, out / "probe.log", procs.bench_env(), timeout=3 * args.loop_seconds + 600)
    figures = json.loads(result.read_text(encoding="utf-8"))
    figures["accuracy"]["errors"] = len(figures["accuracy"].get("errors", []))  # the list stays in probe.json
    figures["others"] = procs.other_rasa_processes()
    return figures


def serve(
    side: str, out: Path, endpoints: Path, credentials: Path, texts: list[str], args: argparse.Namespace
) -> dict[str, Any]:
    print(f">>> [{side}] rasa run on :{args.rasa_port}: REST with 1 and 20 concurrent senders ...", flush=True)
    cmd = [
        procs.RASA,
        "run",
        "--model",
        str(out / "model.tar.gz"),
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(credentials),
        "--port",
        str(args.rasa_port),
        "--interface",
        procs.LOOPBACK,
    ]
    env = {k: v for k, v in procs.bench_env().items() if not k.startswith("LINE_")}
    server = procs.start(cmd, out / "rasa-run.log", env)
    try:
        base = f"http://{procs.LOOPBACK}:{args.rasa_port}/webhooks/rest"
        ready = procs.wait_http(base + "/", server, timeout=600)
        url = base + "/webhook"
        run_load(url, texts[:10], 1, args.loop_seconds, tag=f"{side}-warm")
        rest = {
            "c1": run_load(url, texts, 1, args.loop_seconds, tag=f"{side}-c1"),
            "c20": run_load(url, texts, 20, args.loop_seconds, tag=f"{side}-c20"),
            "c20paced": run_load(url, texts, 20, args.loop_seconds, tag=f"{side}-paced", interval=1.0),
        }
        peak = procs.vmhwm_mb(server.pid)
    finally:
        procs.stop(server)
    return {"server": {"ready_seconds": round(ready, 2), "vmhwm_mb": peak}, "rest": rest}


def write_support_files(out_dir: Path, actions_port: int) -> dict[str, Path]:
    from bot.tools.make_credentials import write_credentials

    endpoints = out_dir / "endpoints.yml"
    endpoints.write_text(
        yaml.safe_dump({"action_endpoint": {"url": f"http://{procs.LOOPBACK}:{actions_port}/webhook"}}),
        encoding="utf-8",
    )
    credentials = out_dir / "credentials.yml"
    write_credentials(ROOT / "credentials.yml", credentials, {})  # no LINE: nothing leaves the machine
    return {"endpoints": endpoints, "credentials": credentials}


def report(results: dict[str, Any], out_dir: Path) -> None:
    ours, vanilla = results["sides"].get("ours", {}), results["sides"].get("vanilla", {})
    results["goals"] = goal_checks(ours, vanilla)
    print("\n" + format_table(ours, vanilla))
    for side, figures in results["sides"].items():
        for what, parts in (
            ("training", figures.get("train", {}).get("components", {})),
            ("model load", figures.get("probe", {}).get("load_components", {})),
        ):
            top = ", ".join(f"{name} {sec:.1f}s" for name, sec in list(parts.items())[:7])
            if top:
                print(f"\n{what} time of {side} by component: {top}")
    print("\nGoals (ours; each compared with vanilla in the same run):\n" + format_goals(results["goals"]))
    for note in results["notes"]:
        print("note: " + note)
    stamp = results["started"].replace(":", "").replace("-", "")[:15]
    for path in (out_dir / "latest.json", out_dir / f"bench-{stamp}.json"):
        path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nfigures: {out_dir / 'latest.json'}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.chdir(ROOT)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # runs the finally below
    sides = [s.strip() for s in args.sides.split(",") if s.strip()]
    args.out_dir.mkdir(parents=True, exist_ok=True)
    unknown = set(sides) - set(SIDES)
    if unknown:
        raise SystemExit(f"unknown side(s): {', '.join(sorted(unknown))}")
    args.inputs = procs.training_inputs(args.git_rev, args.out_dir / "snapshot")
    ours_config, vanilla_config = load_config(args.inputs["config"]), load_config(VANILLA_CONFIG)
    mismatch = policy_mismatch(ours_config, vanilla_config)
    effective = write_config(
        vanilla_with_our_policies(ours_config, vanilla_config), args.out_dir / "vanilla-effective-config.yml"
    )
    configs = {"ours": args.inputs["config"], "vanilla": effective}
    args.rasa_port = procs.free_port(args.rasa_port)
    args.actions_port = procs.free_port(args.actions_port, avoid=(5005, 5055, args.rasa_port))
    texts_all = nlu_test_texts(args.inputs["tests"])
    count = args.messages or (40 if args.quick else max(300, len(texts_all)))
    texts = cycle_messages(texts_all, count)
    results: dict[str, Any] = {
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": procs.machine(),
        "env": {k: procs.bench_env()[k] for k in procs.ENV_DEFAULTS},
        "messages": count,
        "inputs": args.inputs["source"],
        "options": {k: str(v) for k, v in vars(args).items() if k != "inputs"},
        "sides": {},
        "notes": [],
    }
    if mismatch:
        results["notes"].append(
            f"{VANILLA_CONFIG.name}'s policies are not config.yml's ({mismatch}); vanilla "
            f"was trained with config.yml's policies ({effective.name})"
        )
    if count < 300:
        results["notes"].append(f"only {count} messages per loop (--quick or --messages): a smoke run, not the figures")
    files = write_support_files(args.out_dir, args.actions_port)
    actions = None
    try:
        for side in sides:
            results["sides"][side] = {"train": train(side, configs[side], args.out_dir / side, args)}
        print(f">>> action server on :{args.actions_port}", flush=True)
        env = procs.bench_env({"DATABASE_URL": f"sqlite:///{args.out_dir / 'bench.db'}"})
        actions = procs.start(
            [procs.RASA, "run", "actions", "--actions", "actions", "--port", str(args.actions_port)],
            args.out_dir / "actions.log",
            env,
        )
        procs.wait_http(f"http://{procs.LOOPBACK}:{args.actions_port}/health", actions, timeout=180)
        for side in sides:
            out = args.out_dir / side
            results["sides"][side]["probe"] = probe(side, out, files["endpoints"], count, args)
            results["sides"][side].update(serve(side, out, files["endpoints"], files["credentials"], texts, args))
        results["actions_server_vmhwm_mb"] = procs.vmhwm_mb(actions.pid)
    finally:
        procs.stop(actions)
        procs.stop_all()
    others = sorted(
        {
            cmd
            for figures in results["sides"].values()
            for part in ("train", "probe")
            for cmd in figures.get(part, {}).get("others", [])
        }
    )
    if others:
        results["notes"].append(
            "other rasa processes ran during the benchmark (figures include that load): " + " | ".join(others)
        )
    report(results, args.out_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
