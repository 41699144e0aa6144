"""Pure helpers for the LINE channel: webhook signatures and Rasa output -> LINE message objects.

Limits follow LINE's Messaging API reference: at most 5 message objects per reply/push request,
a text message holds 1-5000 characters, a quick reply holds 1-13 items whose labels have at most
20 characters, and postback ``data`` / ``displayText`` hold at most 300 characters.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlparse

from bot.core.texts import text as channel_text

logger = logging.getLogger(__name__)

MAX_MESSAGES_PER_REQUEST = 5
MAX_TEXT_CHARS = 5000
MAX_QUICK_REPLY_ITEMS = 13
MAX_LABEL_CHARS = 20
MAX_ACTION_DATA_CHARS = 300
MAX_URI_CHARS = 1000

LineMessage = dict[str, Any]


def compute_signature(body: bytes, channel_secret: str) -> str:
    """Base64 of the HMAC-SHA256 of the raw request body, keyed with the channel secret."""
    digest = hmac.new(channel_secret.encode("utf-8"), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def is_valid_signature(body: bytes, channel_secret: str, signature: str | None) -> bool:
    """True only when ``signature`` is the body's signature (constant-time comparison)."""
    if not signature or not channel_secret:
        return False
    expected = compute_signature(body, channel_secret).encode("ascii")
    try:
        given = signature.strip().encode("ascii")
    except UnicodeEncodeError:
        return False
    return hmac.compare_digest(expected, given)


def text_message(text: str) -> LineMessage:
    return {"type": "text", "text": text}


def split_text(text: str, limit: int = MAX_TEXT_CHARS) -> list[str]:
    """Cut ``text`` into non-empty pieces of at most ``limit`` characters, at line breaks when possible."""
    text = text.strip()
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit + 1)
        if cut <= 0:
            cut = limit
        head, text = text[:cut].rstrip(), text[cut:].lstrip("\n")
        if head:
            pieces.append(head)
    if text:
        pieces.append(text)
    return pieces


ASIDE = re.compile(r"\s*[（(][^（）()]*[）)]")  # a bracketed aside or reading: 協働（きょうどう）, (任意)


def quick_reply_label(title: str) -> str:
    """A button title within LINE's 20-character label limit, by rule: spaces folded; if still too long, bracketed
    asides dropped; if still too long, cut to 19 characters and '…'. The full title stays the displayText."""
    label = " ".join(title.split())
    if len(label) <= MAX_LABEL_CHARS:
        return label
    label = ASIDE.sub("", label).strip() or label
    if len(label) <= MAX_LABEL_CHARS:
        return label
    return label[: MAX_LABEL_CHARS - 1] + "…"


def _is_web_url(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and len(url) <= MAX_URI_CHARS


def quick_reply_item(button: dict[str, Any]) -> dict[str, Any] | None:
    """One Rasa button as a LINE quick-reply item, or None when it cannot be expressed.

    A payload button becomes a postback action: LINE shows the title as the user's message and
    sends the payload back to the webhook. A URL button becomes a URI action.
    """
    title = str(button.get("title") or "").strip()
    url = button.get("url")
    payload = button.get("payload")
    if isinstance(url, str) and _is_web_url(url):
        label = quick_reply_label(title or url)
        return {"type": "action", "action": {"type": "uri", "label": label, "uri": url}}
    if payload is None or str(payload).strip() == "":
        return None
    data = str(payload)
    if len(data) > MAX_ACTION_DATA_CHARS:
        logger.warning("LINE: a button payload longer than %d characters was left out.", MAX_ACTION_DATA_CHARS)
        return None
    shown = (title or data)[:MAX_ACTION_DATA_CHARS]
    action = {"type": "postback", "label": quick_reply_label(shown), "data": data, "displayText": shown}
    return {"type": "action", "action": action}


def quick_reply_items(buttons: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quick-reply items for ``buttons``: unusable ones skipped, at most 13 kept."""
    items = [item for item in (quick_reply_item(b) for b in buttons if isinstance(b, dict)) if item]
    if len(items) > MAX_QUICK_REPLY_ITEMS:
        logger.warning("LINE: %d buttons, only the first %d are shown.", len(items), MAX_QUICK_REPLY_ITEMS)
    return items[:MAX_QUICK_REPLY_ITEMS]


def _image_message(url: str) -> LineMessage:
    return {"type": "image", "originalContentUrl": url, "previewImageUrl": url}


def _merge_texts(messages: list[LineMessage], limit: int = MAX_MESSAGES_PER_REQUEST) -> list[LineMessage]:
    """Join neighbouring text messages (blank line between) while there are more than ``limit``."""
    merged: list[LineMessage] = []
    count = len(messages)
    for message in messages:
        previous = merged[-1] if merged else None
        if (
            count > limit
            and previous is not None
            and previous["type"] == message["type"] == "text"
            and len(previous["text"]) + 2 + len(message["text"]) <= MAX_TEXT_CHARS
        ):
            merged[-1] = text_message(previous["text"] + "\n\n" + message["text"])
            count -= 1
        else:
            merged.append(dict(message))
    return merged


def to_line_messages(bot_messages: Iterable[dict[str, Any]]) -> list[LineMessage]:
    """Rasa bot messages (dicts with text / buttons / quick_replies / image / attachment) -> LINE objects.

    All buttons are gathered into one quick reply on the last message, since LINE only shows the
    quick reply of the latest message. The result may hold more than 5 objects: see ``batches``.
    """
    messages: list[LineMessage] = []
    buttons: list[dict[str, Any]] = []
    for bot_message in bot_messages:
        text = bot_message.get("text")
        if isinstance(text, str):
            messages.extend(text_message(piece) for piece in split_text(text))
        image = bot_message.get("image")
        if isinstance(image, str) and image.startswith("https://") and len(image) <= 2000:
            messages.append(_image_message(image))
        elif isinstance(image, str) and image.strip():
            messages.append(text_message(image.strip()[:MAX_TEXT_CHARS]))
        attachment = bot_message.get("attachment")
        if isinstance(attachment, str) and attachment.strip():
            messages.append(text_message(attachment.strip()[:MAX_TEXT_CHARS]))
        for key in ("buttons", "quick_replies"):
            if isinstance(bot_message.get(key), list):
                buttons.extend(bot_message[key])
        if bot_message.get("custom") is not None:
            logger.debug("LINE: a custom payload was not sent (not supported).")
    messages = _merge_texts(messages)
    items = quick_reply_items(buttons)
    if items:
        if not messages:
            messages.append(text_message(channel_text("channels.choose_below")))
        messages[-1]["quickReply"] = {"items": items}
    return messages


def batches(messages: list[LineMessage], size: int = MAX_MESSAGES_PER_REQUEST) -> list[list[LineMessage]]:
    """Split ``messages`` into request-sized groups of at most ``size``."""
    return [messages[i : i + size] for i in range(0, len(messages), size)]
