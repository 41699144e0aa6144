"""Pure logic of the low-confidence reply: which 2–3 questions the user probably meant.

The candidates come from the NLU parse of the message: the intent ranking and, for the retrieval intent ``faq``,
the ResponseSelector's ranking of answer keys (so ``faq/opening_hours`` competes with ``ask_opening_hours``).
Each candidate's button shows a question from the training data: the first example of that intent or key,
which is written as the canonical question. Pressing it sends that question, which the model knows well.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.core.language import is_english_or_romaji
from bot.core.nlu_examples import examples_by_intent
from bot.core.parse_data import RETRIEVAL_INTENT, answer_ranking

NLU_DIR = Path(__file__).resolve().parents[2] / "data" / "nlu"
# Intents that are never worth suggesting: they are not questions, or only mean something inside a form.
NOT_SUGGESTED = frozenset(
    {
        "nlu_fallback",
        "out_of_scope",
        "greet",
        "goodbye",
        "thanks",
        "affirm",
        "deny",
        "inform_precheck",
        "cancel_form",
        "restart_form",
        "bot_challenge",
        "leave_message",
        "back_to_bot",
        "feedback_good",
        "feedback_bad",
    }
)
BUTTON_TITLE_MAX = 20  # LINE quick-reply labels hold 20 characters


@dataclass(frozen=True)
class Candidate:
    key: str  # intent name, or faq/<key>
    score: float
    title: str
    payload: str


@lru_cache(maxsize=1)
def canonical_questions(nlu_dir: Path = NLU_DIR) -> dict[str, str]:
    """Intent or faq/<key> -> its first Japanese training example, read once from ``data/nlu/*.yml`` (the English
    examples of data/nlu/english.yml come first in file order, but a button sent to a Japanese question is Japanese;
    an intent with English examples only keeps its first)."""
    questions: dict[str, str] = {}
    for name, examples in examples_by_intent(nlu_dir).items():
        japanese = [example for example in examples if not is_english_or_romaji(example)]
        if japanese or examples:
            questions[name] = (japanese or examples)[0]
    return questions


def scored_keys(parse: Mapping[str, Any], skipped: AbstractSet[str] = NOT_SUGGESTED) -> Iterator[tuple[str, float]]:
    """(intent or faq/<key>, score) pairs of a parse; a faq key scores intent confidence × answer confidence."""
    for entry in parse.get("intent_ranking") or []:
        name, confidence = entry.get("name"), float(entry.get("confidence") or 0.0)
        if not name or name in skipped:
            continue
        if name != RETRIEVAL_INTENT:
            yield name, confidence
            continue
        for answer in answer_ranking(parse):
            key = answer.get("intent_response_key")
            if key:
                yield key, confidence * float(answer.get("confidence") or 0.0)


def rank_candidates(
    parse: Mapping[str, Any],
    questions: Mapping[str, str] | None = None,
    floor: float = 0.15,
    limit: int = 3,
) -> list[Candidate]:
    """The best ``limit`` candidates scoring at least ``floor``, best first; [] means: decline."""
    questions = canonical_questions() if questions is None else questions
    best: dict[str, float] = {}
    for key, score in scored_keys(parse):
        if key in questions and score >= floor:
            best[key] = max(score, best.get(key, 0.0))
    ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)[:limit]
    return [Candidate(key, score, _title(questions[key]), questions[key]) for key, score in ranked]


def _title(question: str) -> str:
    if len(question) <= BUTTON_TITLE_MAX:
        return question
    return question[: BUTTON_TITLE_MAX - 1] + "…"
