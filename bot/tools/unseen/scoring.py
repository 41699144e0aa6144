"""Per-kind scoring of the unseen sets: pure functions over a ``parse`` callable (text -> Rasa parse dict).

Rules (issue 14, /work/brief/H5_shared.md):
- long, colloquial: the final routing label equals ``expect`` ("situation" counts as the tell_situation intent).
- dates: routing is ask_opening_hours AND ``days_in_question(text, today)`` equals ``dates``.
- situation: routing is tell_situation or inform_precheck (outside the pre-check both run action_answer_situation)
  AND ``read_situation(text)`` equals ``facts``.
- followup: for a message marked ``followup`` (bot.nlu.topic_marker) ``resolve_followup(text, context, routing)``,
  else the routing, equals ``expect`` (what action_answer_followup or the plain rules answer).
- two_questions: the bot's path (``routed_labels``): the two parts' routings when both are answered differently,
  else the whole message's routing; the list equals ``expect``.
- not_a_question: decline is routing out_of_scope (the polite decline), english_note is routing english_note.
- english (issue 16): the routing label, and for ask_opening_hours the English days too (english.py, which
  __main__.py calls for that kind: english.py imports this module).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.core.parse_data import routing_label

Parse = Callable[[str], Mapping[str, Any]]

TODAY = datetime.date(2026, 12, 2)
KINDS = ("situation", "long", "followup", "dates", "colloquial", "two_questions", "not_a_question", "english")
LABEL_TO_ROUTING = {"situation": "tell_situation", "decline": "out_of_scope", "english_note": "english_note"}
# Outside the pre-check both intents run action_answer_situation (data/rules/situation.yml): the same answer.
SITUATION_INTENTS = ("tell_situation", "inform_precheck")


@dataclass(frozen=True)
class Outcome:
    """One scored message: right or not, and what the bot made of it (for the misses list)."""

    text: str
    expect: Any
    got: Any
    right: bool


def expected_routing(label: str) -> str:
    return LABEL_TO_ROUTING.get(label, label)


def _plain(case: Mapping[str, Any], parse: Parse) -> Outcome:
    got = routing_label(parse(case["text"]))
    return Outcome(case["text"], case["expect"], got, got == expected_routing(str(case["expect"])))


def _dates(case: Mapping[str, Any], parse: Parse) -> Outcome:
    from bot.core.date_query import days_in_question

    got = routing_label(parse(case["text"]))
    days = days_in_question(case["text"], TODAY)
    want = [d if isinstance(d, datetime.date) else datetime.date.fromisoformat(str(d)) for d in case.get("dates") or []]
    right = got == expected_routing(str(case["expect"])) and list(days) == want
    return Outcome(
        case["text"], (case["expect"], [d.isoformat() for d in want]), (got, [d.isoformat() for d in days]), right
    )


def _situation(case: Mapping[str, Any], parse: Parse) -> Outcome:
    from bot.core.situation import read_situation

    got = routing_label(parse(case["text"]))
    facts = dict(read_situation(case["text"]))
    want = dict(case.get("facts") or {})
    routed = got in SITUATION_INTENTS if case["expect"] == "situation" else got == expected_routing(str(case["expect"]))
    return Outcome(case["text"], (case["expect"], want), (got, facts), routed and facts == want)


def _followup(case: Mapping[str, Any], parse: Parse) -> Outcome:
    """The bot's path: a message marked ``followup`` gets ``resolve_followup`` over the previous answer (the slot
    ``topic``), as action_answer_followup does; any other message the answer it gets on its own."""
    from bot.core.followup import answer_after

    got = answer_after({"text": case["text"], **parse(case["text"])}, case.get("context"))
    return Outcome(case["text"], case["expect"], got, got == case["expect"])


def _two_questions(case: Mapping[str, Any], parse: Parse) -> Outcome:
    from bot.core.followup import answer_after
    from bot.core.two_questions import routed_labels

    got = routed_labels(case["text"], lambda part, previous: answer_after({"text": part, **parse(part)}, previous))
    expect = case["expect"] if isinstance(case["expect"], list) else [case["expect"]]
    want = [expected_routing(str(label)) for label in expect]
    return Outcome(case["text"], want, got, got == want)


SCORERS: dict[str, Callable[[Mapping[str, Any], Parse], Outcome]] = {
    "situation": _situation,
    "long": _plain,
    "followup": _followup,
    "dates": _dates,
    "colloquial": _plain,
    "two_questions": _two_questions,
    "not_a_question": _plain,
}


def score_case(kind: str, case: Mapping[str, Any], parse: Parse) -> Outcome:
    """Scores one case; a missing or failing interface function counts the case wrong (with the error as ``got``)."""
    try:
        return SCORERS[kind](case, parse)
    except (ImportError, AttributeError, TypeError, ValueError) as error:
        return Outcome(str(case.get("text")), case.get("expect"), f"error: {error!r}", False)


def accuracy(outcomes: list[Outcome]) -> float:
    return sum(o.right for o in outcomes) / len(outcomes) if outcomes else 0.0


def verdict(per_kind: Mapping[str, list[Outcome]], overall_min: float, kind_min: float) -> list[str]:
    """The goals missed: overall below ``overall_min`` or any kind below ``kind_min`` (empty when all hold)."""
    every = [o for outcomes in per_kind.values() for o in outcomes]
    missed = [f"overall {accuracy(every):.1%} < {overall_min:.0%}"] if accuracy(every) < overall_min else []
    missed += [
        f"{kind} {accuracy(outcomes):.1%} < {kind_min:.0%}"
        for kind, outcomes in per_kind.items()
        if accuracy(outcomes) < kind_min
    ]
    return missed


def below_floors(per_kind: Mapping[str, list[Outcome]], floors: Mapping[str, float]) -> list[str]:
    """Kinds (and ``overall``) whose accuracy fell below the floor ``floors`` gives them: a regression guard."""
    every = [o for outcomes in per_kind.values() for o in outcomes]
    figures = {"overall": accuracy(every), **{kind: accuracy(outcomes) for kind, outcomes in per_kind.items()}}
    return [
        f"{kind} {figures[kind]:.1%} < {floor:.1%}" for kind, floor in floors.items() if figures.get(kind, 0) < floor
    ]
