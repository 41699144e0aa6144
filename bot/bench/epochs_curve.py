"""The epochs curve of our pipeline: NLU accuracy on tests/nlu and training time against DIET/ResponseSelector epochs.

    python -m bot.bench.epochs_curve [--epochs 20,40,60,80,100] [--git-rev HEAD]

For each value, config.yml with DIETClassifier and ResponseSelector at that many epochs (nothing else changed) is
trained NLU-only (``rasa train nlu``, no cache) and scored by the same probe as ``make bench`` (accuracy only).
It prints one table and writes bench-results/epochs/curve.json. config.yml itself is never changed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.bench import procs
from bot.bench.configs import epochs_of, load_config, with_epochs, write_config


def measure(epochs: int, base: dict[str, Any], inputs: dict[str, Any], out: Path, timeout: float) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    config = write_config(with_epochs(base, epochs), out / "config.yml")
    seconds, parts = procs.timed_train(
        [
            "nlu",
            "--config",
            str(config),
            "--domain",
            str(inputs["domain"]),
            "--nlu",
            inputs["data"][0],
            "--out",
            str(out),
            "--fixed-model-name",
            "nlu",
        ],
        out,
        out / "cache",
        timeout,
    )
    result = out / "probe.json"
    procs.run_bounded(
        [
            sys.executable,
            "-m",
            "bot.bench.probe",
            "--model",
            str(out / "nlu.tar.gz"),
            "--tests",
            str(inputs["tests"]),
            "--accuracy-only",
            "--out",
            str(result),
        ],
        out / "probe.log",
        procs.bench_env(),
        timeout=900,
    )
    accuracy = json.loads(result.read_text(encoding="utf-8"))["accuracy"]
    return {
        "epochs": epochs,
        "train_seconds": round(seconds, 1),
        "diet_seconds": parts.get("DIETClassifier"),
        "response_selector_seconds": parts.get("ResponseSelector"),
        "intent": accuracy["intent"],
        "response": accuracy["response"],
        "fallback_rate": accuracy["fallback_rate"],
        "loadavg": procs.loadavg(),
    }


def format_curve(points: list[dict[str, Any]]) -> str:
    def num(value: float | None, pattern: str) -> str:
        return "n/a" if value is None else pattern.format(value)

    lines = [
        "| epochs | NLU train s | DIET s | RS s | intent acc | response acc | fallback rate |",
        "|-------:|------------:|-------:|-----:|-----------:|-------------:|--------------:|",
    ]
    for p in points:
        lines.append(
            f"| {p['epochs']} | {num(p['train_seconds'], '{:.1f}')} | {num(p['diet_seconds'], '{:.1f}')} "
            f"| {num(p['response_selector_seconds'], '{:.1f}')} | {num(p['intent'], '{:.1%}')} "
            f"| {num(p['response'], '{:.1%}')} | {num(p['fallback_rate'], '{:.1%}')} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", default="20,40,60,80,100")
    parser.add_argument("--git-rev", help="config, domain, data and tests/nlu of this git revision")
    parser.add_argument("--out-dir", type=Path, default=procs.ROOT / "bench-results" / "epochs")
    parser.add_argument("--train-timeout", type=float, default=1800.0)
    args = parser.parse_args(argv)
    values = sorted({int(v) for v in args.epochs.split(",") if v.strip()})
    args.out_dir.mkdir(parents=True, exist_ok=True)
    inputs = procs.training_inputs(args.git_rev, args.out_dir / "snapshot")
    base = load_config(inputs["config"])
    print(f"inputs: {inputs['source']}; configured now: {epochs_of(base)}", flush=True)
    points: list[dict[str, Any]] = []
    try:
        for epochs in values:
            print(f">>> {epochs} epochs ...", flush=True)
            points.append(measure(epochs, base, inputs, args.out_dir / f"e{epochs}", args.train_timeout))
            print(format_curve(points[-1:]).splitlines()[-1], flush=True)
    finally:
        procs.stop_all()
        (args.out_dir / "curve.json").write_text(
            json.dumps({"inputs": inputs["source"], "configured": epochs_of(base), "points": points}, indent=1),
            encoding="utf-8",
        )
    print("\n" + format_curve(points))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
