"""Coordinators' replies to citizens: the label they carry, where a LINE push goes, the thread in order.

Pure functions; the wording is data/texts/handoff.yml (``coordinator_reply``), the storage bot/db/replies.py, the
delivery bot/channels/console/replies.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bot.core.texts import text

MAX_REPLY_CHARS = 2000  # well under LINE's 5,000 characters of one text message


def clean_reply(value: str | None) -> str | None:
    """The reply as sent (trimmed, line ends normalised), or None when empty or longer than MAX_REPLY_CHARS."""
    body = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return body if body and len(body) <= MAX_REPLY_CHARS else None


def labelled(author: str, body: str) -> str:
    """The reply as the citizen sees it: marked 「担当者からの回答」 with the coordinator's display name."""
    return text("handoff.coordinator_reply", name=author, text=body)


def line_push_target(sender_id: str) -> str:
    """The LINE chat a reply is pushed to: the user id, or the group / room id of ``<chat>:<user>`` senders."""
    return sender_id.split(":", 1)[0]


def thread(followups: Iterable[Mapping[str, Any]], replies: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The citizen's later messages and the coordinators' replies as one list ordered by ``at`` (ISO, UTC);
    a reply keeps its fields and gets ``who: "coordinator"``."""
    items = [{**dict(f), "kind": "message"} for f in followups]
    items += [{**dict(r), "who": "coordinator", "kind": "reply"} for r in replies]
    return sorted(items, key=lambda item: str(item.get("at") or ""))
