"""Reading Rasa's parse data (a user message's ``parse_data``, or a ``Message``'s data) for the FAQ answer.

The ResponseSelector of the retrieval intent ``faq`` puts its choice under
``response_selector.faq.response`` (``intent_response_key`` = ``faq/<key>``, ``confidence``) and its ranking under
``response_selector.faq.ranking``. Plain mappings only: no Rasa import.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

RETRIEVAL_INTENT = "faq"
RESPONSE_SELECTOR_KEY = "response_selector"


def _selector(parse: Mapping[str, Any], retrieval_intent: str) -> Mapping[str, Any]:
    return (parse.get(RESPONSE_SELECTOR_KEY) or {}).get(retrieval_intent) or {}


def selected_answer(parse: Mapping[str, Any], retrieval_intent: str = RETRIEVAL_INTENT) -> dict[str, Any]:
    """The ResponseSelector's chosen answer (``intent_response_key``, ``confidence`` …); {} when there is none."""
    return dict(_selector(parse, retrieval_intent).get("response") or {})


def answer_key(parse: Mapping[str, Any], retrieval_intent: str = RETRIEVAL_INTENT) -> str | None:
    """``faq/<key>`` of the chosen answer, else the intent's full retrieval name; None when neither is there."""
    key = selected_answer(parse, retrieval_intent).get("intent_response_key")
    key = key or (parse.get("intent") or {}).get("full_retrieval_intent_name")
    return str(key) if key else None


def answer_ranking(parse: Mapping[str, Any], retrieval_intent: str = RETRIEVAL_INTENT) -> list[Mapping[str, Any]]:
    """The ResponseSelector's ranking of answers, best first ([] when absent)."""
    return list(_selector(parse, retrieval_intent).get("ranking") or [])


def intent_name(parse: Mapping[str, Any]) -> str:
    """The predicted intent's name, "" when there is none."""
    return str((parse.get("intent") or {}).get("name") or "")


def routing_label(parse: Mapping[str, Any]) -> str:
    """Where the bot routes a message: ``faq/<key>`` for the retrieval intent (the ResponseSelector's key), else the
    intent's name (``nlu_fallback`` when there is none)."""
    intent = intent_name(parse) or "nlu_fallback"
    if intent != RETRIEVAL_INTENT:
        return intent
    key = selected_answer(parse).get("intent_response_key")
    return str(key) if key else intent
