"""``action_answer_opening_hours``: is the facility open on the date (or dates, or period) the citizen asks about?

Thin adapter: latest user text → ``reply_for`` (the dates of bot/core/date_query.question_dates, facility database,
calendar rule, answer composer; all testable without Rasa) → one message. Database trouble or odd text gives a
polite answer, never an exception.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, timedelta
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.style import styled
from bot.core.date_english import english_dates
from bot.core.date_query import DateCorrection, DateQuery, question_dates
from bot.core.facilities import contacts
from bot.core.japanese_calendar import now_in_tokyo
from bot.core.language import is_english_or_romaji
from bot.core.opening_answer import compose_days_reply, compose_reply, match_facilities
from bot.core.opening_english import MAX_DAYS, english_opening_reply
from bot.core.texts import english_text, text
from bot.db import Snapshot, load_snapshot

logger = logging.getLogger(__name__)

SEARCH_MARGIN = timedelta(days=62)  # special days around the question: next/previous open day look 60 days


def reply_for(text: str, now: datetime) -> str:
    """The answer to ``text`` at moment ``now`` (any timezone; the question is answered in Asia/Tokyo)."""
    now = now_in_tokyo(now)
    if is_english_or_romaji(text):
        return english_reply_for(text, now)
    parsed = question_dates(text or "", now.date())
    if isinstance(parsed, DateCorrection):
        return parsed.message
    queries = parsed or [DateQuery(now.date(), now.date(), explicit=False)]
    snapshot = _snapshot(min(min(q.start for q in queries), now.date()), max(q.end for q in queries))
    if snapshot is None:
        return unavailable_text()
    match = match_facilities(text or "", snapshot.facilities)
    if len(queries) > 1:  # 「12/30と1/4は？」: the open and the closed days together
        return compose_days_reply(queries, match, snapshot.special, now)
    return compose_reply(queries[0], match, snapshot.special, now)


def english_reply_for(text: str, now: datetime) -> str:
    """The English answer (bot/core/opening_english.py) to an English question, at ``now`` in Asia/Tokyo."""
    days = english_dates(text, now.date())[:MAX_DAYS] or [now.date()]
    snapshot = _snapshot(min(days[0], now.date()), days[-1])
    if snapshot is None:
        return unavailable_text(english=True)
    return english_opening_reply(text, now.date(), snapshot.facilities, snapshot.special)


def _snapshot(first: date, last: date) -> Snapshot | None:
    """The facilities and special days around ``first``..``last``; None (logged) when the database cannot be read or
    holds no facility: the caller then gives the polite apology."""
    try:
        snapshot = load_snapshot(first - SEARCH_MARGIN, last + SEARCH_MARGIN)
    except Exception:  # noqa: BLE001 - any database failure becomes the polite answer
        logger.exception("Reading the facility database failed")
        return None
    if not snapshot.facilities:
        logger.error("The facility table is empty: check data/facilities.yml and the seed")
        return None
    return snapshot


def unavailable_text(english: bool = False) -> str:
    """The apology used only when the facility database cannot be read: both facilities' names and numbers, from
    data/facilities.yml; in English for an English question."""
    found = contacts()
    if english:
        return english_text(
            "opening_hours.unavailable",
            kouryukan_tel=found["kouryukan"]["tel"],
            support_center_tel=found["support_center"]["tel"],
        )
    return text(
        "apologies.unavailable",
        kouryukan_name=found["kouryukan"]["name"],
        kouryukan_tel=found["kouryukan"]["tel"],
        support_center_name=found["support_center"]["name"],
        support_center_tel=found["support_center"]["tel"],
    )


class ActionAnswerOpeningHours(Action):
    """Answers 「今日は開いてる？」「12月30日は？」「今から行っても大丈夫？」 from the calendar rule."""

    def name(self) -> str:
        return "action_answer_opening_hours"

    @styled
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        text = (tracker.latest_message or {}).get("text") or ""
        try:
            reply = await asyncio.to_thread(reply_for, text, now_in_tokyo())
        except Exception:  # noqa: BLE001 - the user always gets an answer
            logger.exception("Answering the opening-hours question failed")
            reply = unavailable_text(english=is_english_or_romaji(text))
        dispatcher.utter_message(text=reply)
        return []
