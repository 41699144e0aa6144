"""Request bodies checked with LINE's own SDK models: each message and each rich menu is parsed by line-bot-sdk's
model (``linebot.models``) and written back; a field the SDK does not know, or not in its shape, does not survive the
round trip. line-bot-sdk 3 needs pydantic 2, which Rasa 3.6 refuses, so the tests use the 2.x models (the same
Messaging API objects; requirements-dev.txt pins the last 2.x that installs beside Rasa's pins).
"""

from __future__ import annotations

from typing import Any

from linebot.models import (
    FlexSendMessage,
    ImageSendMessage,
    RichMenu,
    StickerSendMessage,
    TextSendMessage,
)

MESSAGE_MODELS = {
    "text": TextSendMessage,
    "image": ImageSendMessage,
    "flex": FlexSendMessage,
    "sticker": StickerSendMessage,
}


def _round_trip(model: Any, value: Any, where: str) -> list[dict[str, str]]:
    try:
        written = model.new_from_json_dict(value).as_json_dict()
    except Exception as error:  # noqa: BLE001 - any failure of the SDK to read it is the finding
        return [{"message": f"line-bot-sdk cannot read it: {error}"[:200], "property": where}]
    if written != value:
        return [{"message": f"line-bot-sdk reads it as {written!r}"[:200], "property": where}]
    return []


def message_errors(body: Any) -> list[dict[str, str]]:
    """Errors of a reply or push body's messages, as LINE-style details."""
    errors: list[dict[str, str]] = []
    for index, message in enumerate(body.get("messages", []) if isinstance(body, dict) else []):
        model = MESSAGE_MODELS.get(message.get("type")) if isinstance(message, dict) else None
        if model is None:
            errors.append({"message": "not a message type our channel sends", "property": f"messages/{index}"})
        else:
            errors += _round_trip(model, message, f"messages/{index}")
    return errors


def richmenu_errors(body: Any) -> list[dict[str, str]]:
    """Errors of a rich menu object."""
    return _round_trip(RichMenu, body, "")
