"""The conversations the console reads from Rasa's tracker store (async), and the delete of one of them.

With the project's SQL tracker store (bot/serving/tracker_store.py) both are single queries on its events table:
the numbers count every conversation kept, and a delete removes the conversation from the store for good. Other
stores (Rasa's in-memory one in tests) are read tracker by tracker.
"""

from __future__ import annotations

import asyncio
from typing import Any

from bot.core.usage_numbers import Turn, turns_from_events

MAX_CONVERSATIONS = 5000


def _innermost(store: Any) -> Any:
    while hasattr(store, "_tracker_store"):  # FailSafeTrackerStore / AwaitableTrackerStore wrappers
        store = store._tracker_store
    return store


async def collect_turns(tracker_store: Any, limit: int = MAX_CONVERSATIONS) -> list[Turn]:
    """Every user turn in the tracker store (at most ``limit`` conversations)."""
    if tracker_store is None:
        return []
    inner = _innermost(tracker_store)
    if hasattr(inner, "user_event_dicts"):  # the SQL store: one query, every conversation kept
        return turns_from_events(await asyncio.to_thread(inner.user_event_dicts))
    turns: list[Turn] = []
    for sender in list(await tracker_store.keys())[:limit]:
        tracker = await tracker_store.retrieve_full_tracker(sender)
        if tracker is not None:
            turns.extend(turns_from_events(e.as_dict() for e in tracker.events))
    return turns


def tracker_store_kind(tracker_store: Any) -> str:
    return type(_innermost(tracker_store)).__name__ if tracker_store is not None else ""


async def forget_conversation(tracker_store: Any, sender_id: str) -> bool:
    """Delete the conversation from the tracker store (the SQL store or Rasa's in-memory one); True when it held it."""
    from rasa.core.tracker_store import InMemoryTrackerStore

    inner = _innermost(tracker_store)
    if hasattr(inner, "delete_conversation"):
        return await asyncio.to_thread(inner.delete_conversation, sender_id) > 0
    if isinstance(inner, InMemoryTrackerStore):
        return inner.store.pop(sender_id, None) is not None
    return False


async def conversation_language(tracker_store: Any, sender_id: str) -> str:
    """How the conversation was answered (issue 16), e.g. 「日本語（やさしい日本語）」; "" when the store lacks it."""
    from bot.core.easy_japanese import effective_style
    from bot.core.texts import text

    tracker = await tracker_store.retrieve(sender_id) if tracker_store is not None else None
    if tracker is None:
        return ""
    user_texts = [str(e.text or "") for e in tracker.events if getattr(e, "type_name", "") == "user"]
    if tracker.get_slot("message_language") == "en":
        return text("console.language_en")
    easy = effective_style(tracker.get_slot("answer_style"), user_texts) == "easy"
    style = text("console.style_easy") if easy else text("console.style_standard")
    return text("console.conversation_language", language=text("console.language_ja"), style=style)
