"""Per-language figures of a ``rasa test nlu`` run (issue 16: English must not lower the Japanese figures).

The test examples are read from the NLU test files, their language from ``bot.core.language`` (the rule the
pipeline uses); the errors from Rasa's intent_errors.json and response_selection_errors.json.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.core.language import is_english_or_romaji

ENGLISH, JAPANESE = "English", "Japanese"


@dataclass(frozen=True)
class LanguageFigures:
    """Right and total per language, for intents and for response selection (faq/<key> examples only)."""

    intent_total: Counter[str]
    intent_wrong: Counter[str]
    answer_total: Counter[str]
    answer_wrong: Counter[str]

    def intent_accuracy(self, language: str) -> float | None:
        total = self.intent_total[language]
        return (total - self.intent_wrong[language]) / total if total else None

    def answer_accuracy(self, language: str) -> float | None:
        total = self.answer_total[language]
        return (total - self.answer_wrong[language]) / total if total else None


def language_of(text: str) -> str:
    return ENGLISH if is_english_or_romaji(text) else JAPANESE


def read_examples(folder: Path) -> list[tuple[str, str]]:
    """(label, text) of every example in the ``nlu:`` items of the YAML files under ``folder``."""
    found: list[tuple[str, str]] = []
    for path in sorted(folder.rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in (document.get("nlu") if isinstance(document, dict) else None) or []:
            label = str(item.get("intent") or "")
            for line in str(item.get("examples") or "").splitlines():
                if line.strip().startswith("- ") and label:
                    found.append((label, line.strip()[2:].strip()))
    return found


def figures(examples: list[tuple[str, str]], results_dir: Path) -> LanguageFigures:
    intent_total: Counter[str] = Counter(language_of(text) for _label, text in examples)
    answer_total: Counter[str] = Counter(language_of(text) for label, text in examples if label.startswith("faq/"))
    errors = json.loads((results_dir / "intent_errors.json").read_text(encoding="utf-8"))
    answer_errors = json.loads((results_dir / "response_selection_errors.json").read_text(encoding="utf-8"))
    return LanguageFigures(
        intent_total,
        Counter(language_of(str(e["text"])) for e in errors),
        answer_total,
        Counter(language_of(str(e["text"])) for e in answer_errors),
    )
