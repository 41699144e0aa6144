"""The English kind of the unseen sets (tests/nlu_unseen/english.yml, issue 16): a sibling of scoring.py.

A FAQ case is right when the parse routes to the expected intent or faq/<key>; an ``ask_opening_hours`` case also
needs bot/core/date_english.py to find exactly the expected days (reference today 2026-12-02, as in scoring.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from bot.core.date_english import english_dates
from bot.tools.unseen.scoring import TODAY, Outcome, Parse, expected_routing, routing_label

KIND = "english"


def _day(value: Any) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def score_english_case(case: Mapping[str, Any], parse: Parse) -> Outcome:
    """Scores one English case: the routing, and for a date question the days too."""
    text = str(case["text"])
    got = routing_label(parse(text))
    right = got == expected_routing(str(case["expect"]))
    if "dates" not in case:
        return Outcome(text, case["expect"], got, right)
    want = [_day(d) for d in case.get("dates") or []]
    days = english_dates(text, TODAY)
    return Outcome(
        text,
        (case["expect"], [d.isoformat() for d in want]),
        (got, [d.isoformat() for d in days]),
        right and days == want,
    )
