"""Pure helpers for LINE webhook events: who to answer, what to tell the bot, and duplicate detection.

The channel's own answers (a non-text message, the bot failing) are in data/texts/channels.yml.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

GREET_PAYLOAD = "/greet"

# What to do with an event.
TO_BOT = "to_bot"  # send ``text`` to the bot and relay its answer
UNSUPPORTED = "unsupported"  # answer politely that only text can be read
IGNORE = "ignore"  # no answer
FORGET = "forget"  # an unfollow (the user blocked or removed the account): delete what is kept about them


@dataclass(frozen=True)
class LineTarget:
    """Where an event came from: the Rasa conversation id and the push recipient."""

    sender_id: str
    push_to: str | None
    source_type: str
    user_id: str | None


@dataclass(frozen=True)
class EventAction:
    kind: str
    text: str | None = None


def target_from_source(source: Any) -> LineTarget | None:
    """The conversation of a ``source`` object (user, group or room), or None when it is unusable.

    In a group or room the bot answers the whole chat (push goes to the group / room id), while
    each member keeps an own Rasa conversation when LINE tells us who they are.
    """
    if not isinstance(source, dict):
        return None
    source_type = source.get("type")
    user_id = source.get("userId") if isinstance(source.get("userId"), str) else None
    if source_type == "user" and user_id:
        return LineTarget(user_id, user_id, "user", user_id)
    if source_type in ("group", "room"):
        chat_id = source.get("groupId" if source_type == "group" else "roomId")
        if not isinstance(chat_id, str) or not chat_id:
            return None
        sender_id = f"{chat_id}:{user_id}" if user_id else chat_id
        return LineTarget(sender_id, chat_id, source_type, user_id)
    return None


def classify_event(event: dict[str, Any]) -> EventAction:
    """Decide how to handle one webhook event."""
    if event.get("type") == "unfollow":  # even in standby: the user left this account, their data goes
        return EventAction(FORGET)
    if event.get("mode") == "standby":  # another channel owns the chat: stay silent
        return EventAction(IGNORE)
    event_type = event.get("type")
    if event_type == "message":
        message = event.get("message") if isinstance(event.get("message"), dict) else {}
        if message.get("type") == "text":
            text = message.get("text")
            if isinstance(text, str) and text.strip():
                return EventAction(TO_BOT, text)
            return EventAction(IGNORE)
        return EventAction(UNSUPPORTED)
    if event_type in ("follow", "join"):
        return EventAction(TO_BOT, GREET_PAYLOAD)
    if event_type == "postback":
        postback = event.get("postback") if isinstance(event.get("postback"), dict) else {}
        data = postback.get("data")
        if isinstance(data, str) and data.strip():
            return EventAction(TO_BOT, data)
    return EventAction(IGNORE)


def is_redelivery(event: dict[str, Any]) -> bool:
    context = event.get("deliveryContext")
    return isinstance(context, dict) and context.get("isRedelivery") is True


class RecentEventIds:
    """Remembers the last ``capacity`` webhook event ids (bounded memory, oldest forgotten first)."""

    def __init__(self, capacity: int = 2048) -> None:
        self.capacity = capacity
        self._ids: OrderedDict[str, None] = OrderedDict()

    def __len__(self) -> int:
        return len(self._ids)

    def check_and_add(self, event_id: str | None) -> bool:
        """True when ``event_id`` was seen before; otherwise remember it and return False."""
        if not event_id:
            return False
        if event_id in self._ids:
            self._ids.move_to_end(event_id)
            return True
        self._ids[event_id] = None
        while len(self._ids) > self.capacity:
            self._ids.popitem(last=False)
        return False
