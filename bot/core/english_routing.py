"""Which answer an English message gets (issue 16 part 3): its classified label when that is one of the core facts
the bot answers in English and the classifiers are sure of it, else the English note.

The classifiers are trained on English examples of the core labels (data/nlu/english.yml) and of ``english_note``
(data/nlu/english_note.yml). ``english_label`` takes their raw output (the intent before the fallback, and for the
retrieval intent ``faq`` the ResponseSelector's answer) and gives the label to route to. Rōmaji Japanese gets the
note unless it reads as a sure core question: both are acceptable (brief of issue 16).
"""

from __future__ import annotations

from dataclasses import dataclass

ENGLISH_NOTE = "english_note"
RETRIEVAL_INTENT = "faq"
# The labels with an English answer: data/english/*.yml and the English opening-day reply.
CORE_LABELS = frozenset(
    {
        "faq/kouryukan_about",
        "faq/kouryukan_address",
        "faq/kouryukan_contact",
        "faq/kouryukan_rooms_free",
        "faq/kouryukan_rooms_reserve",
        "faq/support_center_about",
        "faq/support_center_location",
        "faq/support_center_contact",
        "faq/registration_requirements",
        "faq/registration_benefits",
        "faq/registration_documents",
        "faq/opening_hours",
        "ask_opening_hours",
    }
)


@dataclass(frozen=True)
class Thresholds:
    """The least confidence for keeping a core label: of the intent, and of the FAQ answer for ``faq``."""

    intent: float = 0.6
    answer: float = 0.5


def english_label(
    intent: str,
    intent_confidence: float,
    answer_key: str | None = None,
    answer_confidence: float = 0.0,
    thresholds: Thresholds = Thresholds(),
) -> str:
    """The label an English message routes to: ``intent`` (or ``faq/<key>`` for the retrieval intent) when it is a
    core label above the thresholds, else ``english_note``."""
    label = (answer_key or "") if intent == RETRIEVAL_INTENT else intent
    if label not in CORE_LABELS or intent_confidence < thresholds.intent:
        return ENGLISH_NOTE
    if intent == RETRIEVAL_INTENT and answer_confidence < thresholds.answer:
        return ENGLISH_NOTE
    return label
