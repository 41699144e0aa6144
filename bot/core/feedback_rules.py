"""Pure logic of the 👍/👎 feedback after a FAQ answer: which answer a press rates, and the optional word.

A press rates the FAQ answer just before it: the user message right before the press must have been a ``faq``
question, or a follow-up that action_answer_followup answered (「そこのFAXは？」, also when the NLU was unsure). Its
text, answer key and NLU confidence are kept. The key is the one answered: for a follow-up, the one the action kept in
the slot ``topic`` (the message alone may have predicted another); otherwise the ResponseSelector's.
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


TOPIC_SLOT = "topic"  # the key of the last answer (actions/followup.py sets it after a follow-up's answer)
FOLLOWUP_ACTION = "action_answer_followup"


def followup_answer_key(turn: Sequence[Mapping[str, Any]]) -> str | None:
    """faq/<key> that action_answer_followup answered in ``turn`` (the events after one user message), if it did."""
    ran_followup = False
    for event in turn:
        if event.get("event") == "action" and event.get("name") == FOLLOWUP_ACTION:
            ran_followup = True
        elif ran_followup and event.get("event") == "slot" and event.get("name") == TOPIC_SLOT:
            value = event.get("value")
            if isinstance(value, str) and value.startswith(f"{RETRIEVAL_INTENT}/"):
                return value
    return None


def rated_answer(events: Sequence[Mapping[str, Any]]) -> RatedAnswer | None:
    """The FAQ answer the latest user message (the press) rates, or None when the one before got no FAQ answer."""
    positions = [i for i, e in enumerate(events) if e.get("event") == "user"]
    if len(positions) < 2:
        return None
    question = events[positions[-2]]
    parse = question.get("parse_data") or {}
    intent = parse.get("intent") or {}
    key = followup_answer_key(events[positions[-2] + 1 : positions[-1]])
    if key is None and intent.get("name") != RETRIEVAL_INTENT:
        return None
    confidence = intent.get("confidence")
    return RatedAnswer(
        question=str(question.get("text") or parse.get("text") or "")[:2000],
        answer_key=(key or answer_key(parse))[:200],
        confidence=float(confidence) if isinstance(confidence, (int, float)) else None,
    )


def clean_comment(text: str | None) -> str:
    """The citizen's word on what was missing; "" when skipped (スキップ, なし …) or empty."""
    folded = fold(text)
    if not folded or folded.startswith("/") or folded.lower().rstrip("。!") in SKIP_WORDS:
        return ""
    return folded[:MAX_COMMENT_CHARS]
