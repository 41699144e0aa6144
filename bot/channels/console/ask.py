"""The "Ask" page: the bot's top answers for a pasted question, from one NLU parse (no conversation).

A FAQ answer scores intent confidence × ResponseSelector confidence (as the fallback's suggestions do); any
other intent scores its intent confidence and shows its ``utter_<intent>`` response when it has one (else the
note ``console.no_fixed_answer`` of data/texts/console.yml).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.core.suggestions import scored_keys
from bot.core.texts import text as console_text

SOURCE = re.compile(r"（出典：([^）]*)）")
SKIPPED = frozenset({"nlu_fallback"})


@dataclass(frozen=True)
class AskAnswer:
    key: str  # intent or faq/<key>
    confidence: float
    text: str
    section: str  # the handbook section of the 出典 line, or ""


def __getattr__(name: str) -> Any:
    """``NO_FIXED_ANSWER``, the former constant, read from data/texts/console.yml when asked for (PEP 562)."""
    if name == "NO_FIXED_ANSWER":
        return console_text("console.no_fixed_answer")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def response_text(responses: Mapping[str, Any], name: str) -> str | None:
    variants = responses.get(name) or []
    for variant in variants:
        if isinstance(variant, Mapping) and isinstance(variant.get("text"), str):
            return variant["text"]
    return None


def handbook_section(text: str) -> str:
    found = SOURCE.search(text or "")
    return found.group(1).strip() if found else ""


def top_answers(parse: Mapping[str, Any], responses: Mapping[str, Any], limit: int = 3) -> list[AskAnswer]:
    """The ``limit`` best answers, best first."""
    best: dict[str, float] = {}
    for key, score in scored_keys(parse, SKIPPED):
        best[key] = max(score, best.get(key, 0.0))
    answers = []
    for key, score in sorted(best.items(), key=lambda item: item[1], reverse=True)[:limit]:
        text = response_text(responses, f"utter_{key}") or console_text("console.no_fixed_answer")
        answers.append(AskAnswer(key, round(score, 3), text, handbook_section(text)))
    return answers


def fell_back(parse: Mapping[str, Any]) -> bool:
    """Whether the bot itself would not answer (FallbackClassifier chose nlu_fallback)."""
    return ((parse.get("intent") or {}).get("name")) == "nlu_fallback"
