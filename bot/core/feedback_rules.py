"""Pure logic of the 👍/👎 feedback after a FAQ answer: which answer a press rates, and the optional word.

A press rates the FAQ answer just before it: the user message right before the press must have been a
``faq`` question. Its text, answer key (faq/<key>, from the ResponseSelector) and NLU confidence are kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.core import parse_data
from bot.core.parse_data import RETRIEVAL_INTENT
from bot.core.text_fold import fold

MAX_COMMENT_CHARS = 500
SKIP_WORDS = (
    "スキップ",
    "skip",
    "なし",
    "無し",
    "特にない",
    "特にありません",
    "ありません",
    "大丈夫",
    "結構です",
    "いいえ",
)


FEEDBACK_PAYLOADS = frozenset({"/feedback_good", "/feedback_bad"})  # utter_ask_feedback's 👍/👎 buttons


def is_feedback_ask(message: Mapping[str, Any]) -> bool:
    """Whether a bot message is the 👍/👎 question (utter_ask_feedback, any language variant): it has their buttons."""
    buttons = message.get("buttons") or []
    payloads = {b.get("payload") for b in buttons if isinstance(b, Mapping)}
    return FEEDBACK_PAYLOADS <= payloads


@dataclass(frozen=True)
class RatedAnswer:
    question: str
    answer_key: str
    confidence: float | None


def answer_key(parse: Mapping[str, Any]) -> str:
    """faq/<key> of a parsed FAQ question: the ResponseSelector's choice, else the full retrieval intent."""
    return parse_data.answer_key(parse) or RETRIEVAL_INTENT


def rated_answer(events: Sequence[Mapping[str, Any]]) -> RatedAnswer | None:
    """The FAQ question the latest user message (the press) rates, or None when the one before was no FAQ."""
    users = [e for e in events if e.get("event") == "user"]
    if len(users) < 2:
        return None
    parse = users[-2].get("parse_data") or {}
    intent = parse.get("intent") or {}
    if intent.get("name") != RETRIEVAL_INTENT:
        return None
    confidence = intent.get("confidence")
    return RatedAnswer(
        question=str(users[-2].get("text") or parse.get("text") or "")[:2000],
        answer_key=answer_key(parse)[:200],
        confidence=float(confidence) if isinstance(confidence, (int, float)) else None,
    )


def clean_comment(text: str | None) -> str:
    """The citizen's word on what was missing; "" when skipped (スキップ, なし …) or empty."""
    folded = fold(text)
    if not folded or folded.startswith("/") or folded.lower().rstrip("。!") in SKIP_WORDS:
        return ""
    return folded[:MAX_COMMENT_CHARS]
