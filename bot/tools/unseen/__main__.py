"""CLI: python -m bot.tools.unseen --model models/kyodo.tar.gz [--sets tests/nlu_unseen] [--out results/unseen.json]

Loads the model once (rasa.core.agent.Agent, in-process), scores every kind (scoring.py), prints a table and the
misses, writes the JSON report and exits 1 below 97% overall or 93% in any kind; with ``--floors`` it fails only
below the figures reached so far (a regression guard) and prints the goals still missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from bot.tools.unseen import english
from bot.tools.unseen.scoring import KINDS, Outcome, Parse, accuracy, below_floors, score_case, verdict


def load_cases(sets: Path, kind: str) -> list[dict[str, Any]]:
    path = sets / f"{kind}.yml"
    return list(yaml.safe_load(path.read_text(encoding="utf-8")) or []) if path.exists() else []


def model_parser(model: str) -> Parse:
    """A parse function over one loaded Agent (the same NLU graph the server runs)."""
    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)  # no per-message debug lines
    configure_structlog(logging.WARNING)
    agent = Agent.load(model)
    loop = asyncio.new_event_loop()
    cache: dict[str, Mapping[str, Any]] = {}

    def parse(text: str) -> Mapping[str, Any]:
        if text not in cache:
            cache[text] = loop.run_until_complete(agent.parse_message(text))
        return cache[text]

    return parse


def score(kind: str, case: Mapping[str, Any], parse: Parse) -> Outcome:
    """One case of any kind: the English kind by english.py, the others by scoring.py."""
    if kind == english.KIND:
        return english.score_english_case(case, parse)
    return score_case(kind, case, parse)


def evaluate(sets: Path, parse: Parse) -> dict[str, list[Outcome]]:
    return {kind: [score(kind, case, parse) for case in load_cases(sets, kind)] for kind in KINDS}


def report(per_kind: Mapping[str, list[Outcome]]) -> dict[str, Any]:
    every = [o for outcomes in per_kind.values() for o in outcomes]
    return {
        "overall": {"accuracy": accuracy(every), "right": sum(o.right for o in every), "total": len(every)},
        "kinds": {
            kind: {
                "accuracy": accuracy(outcomes),
                "right": sum(o.right for o in outcomes),
                "total": len(outcomes),
                "misses": [{"text": o.text, "expect": o.expect, "got": o.got} for o in outcomes if not o.right],
            }
            for kind, outcomes in per_kind.items()
        },
    }


def print_table(result: Mapping[str, Any], show_misses: bool) -> None:
    print(f"{'kind':<16}{'right':>7}{'total':>7}{'accuracy':>10}")
    for kind, row in result["kinds"].items():
        print(f"{kind:<16}{row['right']:>7}{row['total']:>7}{row['accuracy']:>10.1%}")
    overall = result["overall"]
    print(f"{'overall':<16}{overall['right']:>7}{overall['total']:>7}{overall['accuracy']:>10.1%}")
    if show_misses:
        for kind, row in result["kinds"].items():
            for miss in row["misses"]:
                print(f"  MISS {kind}: {miss['text']!r} expect={miss['expect']} got={miss['got']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="models/kyodo.tar.gz")
    parser.add_argument("--sets", type=Path, default=Path("tests/nlu_unseen"))
    parser.add_argument("--out", type=Path, default=Path("results/unseen.json"))
    parser.add_argument("--overall-min", type=float, default=0.97)
    parser.add_argument("--kind-min", type=float, default=0.93)
    parser.add_argument("--misses", action="store_true", help="list every wrong message")
    parser.add_argument(
        "--floors",
        type=Path,
        help="YAML of the figures reached so far (overall and per kind): fail only below these, report the goals",
    )
    args = parser.parse_args(argv)
    per_kind = evaluate(args.sets, model_parser(args.model))
    result = report(per_kind)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    print_table(result, args.misses)
    # issue 14's goals are over its seven kinds; the English kind (issue 16) has its own 90% goal, held by its floor
    missed = verdict({k: v for k, v in per_kind.items() if k != english.KIND}, args.overall_min, args.kind_min)
    if args.floors is None:
        for line in missed:
            print(f"GOAL MISSED: {line}")
        return 1 if missed else 0
    for line in missed:
        print(f"goal not met yet (issue 14): {line}")
    floors = yaml.safe_load(args.floors.read_text(encoding="utf-8"))
    dropped = below_floors(per_kind, floors)
    for line in dropped:
        print(f"BELOW THE FLOOR REACHED BEFORE ({args.floors}): {line}")
    return 1 if dropped else 0


if __name__ == "__main__":
    sys.exit(main())
