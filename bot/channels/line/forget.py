"""What an unfollow deletes: everything kept about that LINE user, with the console's own delete of a conversation.

The user's one-on-one conversation (Rasa sender id = the user id) and their conversations as a member of a group or
room (sender id ``<chat id>:<user id>``): the events in the tracker store (bot/channels/console/trackers.py
``forget_conversation``) and their handoff requests, answer feedback and fallback log in the project database
(bot/db/console.py ``delete_conversation_rows``, the rows the retention rule removes by age). Anonymous pre-check
records hold no sender and stay, as with the retention rule. The log names the user by a hash prefix only.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from bot.channels.console.trackers import forget_conversation
from bot.channels.line.ids import user_ref
from bot.db.console import delete_conversation_rows

logger = logging.getLogger(__name__)


@dataclass
class Forgotten:
    conversations: int = 0  # conversations removed from the tracker store
    rows: dict[str, int] = field(default_factory=dict)  # project database rows deleted, by table


def _kind(exc: Exception) -> str:
    return type(exc).__name__


async def user_senders(tracker_store: Any, user_id: str) -> list[str]:
    """The Rasa sender ids of ``user_id``: the one-on-one chat and every group / room membership kept."""
    senders = [user_id]
    if tracker_store is not None:
        try:
            keys = await tracker_store.keys()
        except Exception as exc:  # noqa: BLE001 - the one-on-one conversation is still deleted
            logger.error("LINE: the tracker store's conversations could not be listed (%s).", type(exc).__name__)
            keys = []
        senders += sorted(k for k in keys if isinstance(k, str) and k.endswith(":" + user_id))
    return senders


async def forget_user(tracker_store: Any, user_id: str) -> Forgotten:
    """Delete what is kept about ``user_id``; what was deleted. A store that fails is logged, the other is done."""
    done = Forgotten()
    for sender in await user_senders(tracker_store, user_id):
        try:
            for table, count in (await asyncio.to_thread(delete_conversation_rows, sender)).items():
                done.rows[table] = done.rows.get(table, 0) + count
        except Exception as exc:  # noqa: BLE001 - logged by type only (an SQL error quotes the id); trackers go on
            logger.error("LINE: the database rows of %s could not be deleted (%s).", user_ref(user_id), _kind(exc))
        if tracker_store is None:
            continue
        try:
            done.conversations += int(await forget_conversation(tracker_store, sender))
        except Exception as exc:  # noqa: BLE001 - as above
            logger.error("LINE: a conversation of %s could not be deleted (%s).", user_ref(user_id), _kind(exc))
    logger.info(
        "LINE: %s unfollowed; deleted %d conversation(s) and rows %s.",
        user_ref(user_id),
        done.conversations,
        ", ".join(f"{t}={n}" for t, n in sorted(done.rows.items())) or "none",
    )
    return done
