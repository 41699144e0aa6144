"""The conversations the console reads from Rasa's tracker store (async), and the delete of one of them."""

from __future__ import annotations

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
    turns: list[Turn] = []
    for sender in list(await tracker_store.keys())[:limit]:
        tracker = await tracker_store.retrieve_full_tracker(sender)
        if tracker is not None:
            turns.extend(turns_from_events(e.as_dict() for e in tracker.events))
    return turns


def tracker_store_kind(tracker_store: Any) -> str:
    return type(_innermost(tracker_store)).__name__ if tracker_store is not None else ""


def forget_in_memory(tracker_store: Any, sender_id: str) -> bool:
    """Drop the conversation from Rasa's in-memory tracker store; False for any other store."""
    from rasa.core.tracker_store import InMemoryTrackerStore

    inner = _innermost(tracker_store)
    if isinstance(inner, InMemoryTrackerStore):
        return inner.store.pop(sender_id, None) is not None
    return False
