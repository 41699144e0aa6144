"""What the REST and web chat channels share: reading a chat request's body, sender and message, and the answer
when the bot has none.

A request is refused (``BadChatRequest``, a 400 with ``{"error": ...}``) unless its body is a JSON object (never
a 5xx: a deeply nested body raises RecursionError, which is caught like any decode error), its sender matches the
channel's pattern and its message is a non-empty string. The message loses its control characters (other than tab
and line breaks), so a NUL or an escape never reaches the NLU or the tracker store; a lone surrogate is refused.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from bot.core.facilities import contacts
from bot.core.texts import text

BODY_RULE = 'the body must be a JSON object: {"sender": "...", "message": "..."}'
MESSAGE_RULE = "message is required: a non-empty string"
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
NO_ANSWER_FACILITY = "support_center"


class BadChatRequest(ValueError):
    """A request the channel answers with 400; ``error`` is the JSON error's text."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


def json_object(body: bytes) -> dict[str, Any]:
    """The request body as a JSON object (UTF-8 only)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadChatRequest(BODY_RULE) from None
    if not isinstance(data, dict):
        raise BadChatRequest(BODY_RULE)
    return data


def checked_sender(data: dict[str, Any], pattern: re.Pattern[str], rule: str) -> str:
    """``data["sender"]`` when the whole of it matches ``pattern`` (never truncated), else BadChatRequest(rule)."""
    sender = data.get("sender")
    if not isinstance(sender, str) or not pattern.fullmatch(sender):
        raise BadChatRequest(rule)
    return sender


def _is_blank(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) == "Cf"  # Cf: zero-width space, joiners, BOM ...


def checked_message(data: dict[str, Any]) -> str:
    """``data["message"]`` without control characters and surrounding white space."""
    message = data.get("message")
    if not isinstance(message, str):
        raise BadChatRequest(MESSAGE_RULE)
    try:
        message.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud800" in the JSON)
        raise BadChatRequest(MESSAGE_RULE) from None
    message = CONTROL_CHARS.sub("", message).strip()
    if all(_is_blank(char) for char in message):
        raise BadChatRequest(MESSAGE_RULE)
    return message


def no_answer_text() -> str:
    """The apology when the bot answered nothing (e.g. its action server is down): try again or call the centre."""
    centre = contacts()[NO_ANSWER_FACILITY]
    return text("channels.no_answer", name=centre["name"], tel=centre["tel"])
