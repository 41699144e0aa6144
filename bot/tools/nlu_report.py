"""Prints intent and response-selection accuracy from ``rasa test nlu`` results; exits 1 below the bar.

Usage: python -m bot.tools.nlu_report results/nlu --min-accuracy 0.90 [--nlu tests/nlu --min-japanese-intent 0.98
--min-japanese-answer 0.95]: with ``--nlu`` the figures are also printed per language (bot/tools/nlu_languages.py),
and the Japanese ones are held to their own bars (issue 16: English must not lower the Japanese figures).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.tools.nlu_languages import ENGLISH, JAPANESE, figures, read_examples

REPORTS = {
    "intent": "intent_report.json",
    "response selection": "response_selection_report.json",
}


def read_accuracy(report_path: Path) -> tuple[float, int]:
    """(accuracy, support) of one Rasa evaluation report."""
    report = json.loads(report_path.read_text(encoding="utf-8"))
    support = int(report.get("weighted avg", {}).get("support", 0))
    return float(report["accuracy"]), support


def worst_labels(report_path: Path, count: int = 5) -> list[tuple[str, float, int]]:
    report: dict = json.loads(report_path.read_text(encoding="utf-8"))
    labels = [
        (name, float(row["f1-score"]), int(row["support"]))
        for name, row in report.items()
        if isinstance(row, dict) and "f1-score" in row and name not in ("macro avg", "weighted avg", "micro avg")
    ]
    return sorted(labels, key=lambda item: item[1])[:count]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("results_dir", type=Path)
    parser.add_argument("--min-accuracy", type=float, default=0.90)
    parser.add_argument("--nlu", type=Path, help="the NLU test files, for the figures per language")
    parser.add_argument("--min-japanese-intent", type=float, default=0.0)
    parser.add_argument("--min-japanese-answer", type=float, default=0.0)
    args = parser.parse_args(argv)
    failed = False
    for label, filename in REPORTS.items():
        path = args.results_dir / filename
        if not path.exists():
            print(f"NLU {label}: no report at {path}")
            failed = True
            continue
        accuracy, support = read_accuracy(path)
        verdict = "ok" if accuracy >= args.min_accuracy else f"BELOW {args.min_accuracy:.0%}"
        print(f"NLU {label} accuracy: {accuracy:.1%} on {support} unseen examples ({verdict})")
        for name, f1, n in worst_labels(path, 3):
            print(f"    weakest: {name:40s} f1={f1:.2f} (n={n})")
        failed = failed or accuracy < args.min_accuracy
    if args.nlu is not None and not failed:
        failed = per_language(args.results_dir, args.nlu, args.min_japanese_intent, args.min_japanese_answer)
    return 1 if failed else 0


def per_language(results_dir: Path, nlu: Path, min_intent: float, min_answer: float) -> bool:
    """Prints intent and answer accuracy per language; True when a Japanese figure is below its bar."""
    found = figures(read_examples(nlu), results_dir)
    failed = False
    for language in (JAPANESE, ENGLISH):
        for label, accuracy, total, bar in (
            ("intent", found.intent_accuracy(language), found.intent_total[language], min_intent),
            ("response selection", found.answer_accuracy(language), found.answer_total[language], min_answer),
        ):
            if accuracy is None:
                continue
            below = language == JAPANESE and accuracy < bar
            verdict = f"BELOW {bar:.0%}" if below else "ok"
            print(f"  {language} {label}: {accuracy:.1%} of {total} ({verdict})")
            failed = failed or below
    return failed


if __name__ == "__main__":
    sys.exit(main())
