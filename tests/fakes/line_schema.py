"""JSON schemas of the LINE Messaging API request bodies our channel and tools send (reply, push, the loading
animation, rich menus).

Written from LINE's published Messaging API reference: message objects (text, image), quick reply
(1-13 items of type "action"; labels 1-20 characters), postback / message / URI actions, at most 5
messages per request, text 1-5000 characters, push "to" = a user, group or room id.
"""

from __future__ import annotations

from typing import Any

from jsonschema import Draft7Validator

LABEL = {"type": "string", "minLength": 1, "maxLength": 20}
ACTION_TEXT = {"type": "string", "minLength": 1, "maxLength": 300}
HTTPS_URL = {"type": "string", "pattern": "^https://", "maxLength": 2000}

MESSAGE_ACTION = {
    "type": "object",
    "required": ["type", "label", "text"],
    "additionalProperties": False,
    "properties": {"type": {"const": "message"}, "label": LABEL, "text": ACTION_TEXT},
}
POSTBACK_ACTION = {  # displayText is required on quick-reply buttons
    "type": "object",
    "required": ["type", "label", "data", "displayText"],
    "additionalProperties": False,
    "properties": {
        "type": {"const": "postback"},
        "label": LABEL,
        "data": ACTION_TEXT,
        "displayText": ACTION_TEXT,
        "inputOption": {"enum": ["closeRichMenu", "openRichMenu", "openKeyboard", "openVoice"]},
        "fillInText": {"type": "string", "maxLength": 300},
    },
}
URI_ACTION = {
    "type": "object",
    "required": ["type", "label", "uri"],
    "additionalProperties": False,
    "properties": {
        "type": {"const": "uri"},
        "label": LABEL,
        "uri": {"type": "string", "pattern": "^(https?|line|tel):", "maxLength": 1000},
    },
}
QUICK_REPLY = {
    "type": "object",
    "required": ["items"],
    "additionalProperties": False,
    "properties": {
        "items": {
            "type": "array",
            "minItems": 1,
            "maxItems": 13,
            "items": {
                "type": "object",
                "required": ["type", "action"],
                "additionalProperties": False,
                "properties": {
                    "type": {"const": "action"},
                    "imageUrl": HTTPS_URL,
                    "action": {"oneOf": [MESSAGE_ACTION, POSTBACK_ACTION, URI_ACTION]},
                },
            },
        }
    },
}
TEXT_MESSAGE = {
    "type": "object",
    "required": ["type", "text"],
    "additionalProperties": False,
    "properties": {
        "type": {"const": "text"},
        "text": {"type": "string", "minLength": 1, "maxLength": 5000},
        "quickReply": QUICK_REPLY,
        "emojis": {"type": "array", "maxItems": 20},
        "quoteToken": {"type": "string"},
    },
}
IMAGE_MESSAGE = {
    "type": "object",
    "required": ["type", "originalContentUrl", "previewImageUrl"],
    "additionalProperties": False,
    "properties": {
        "type": {"const": "image"},
        "originalContentUrl": HTTPS_URL,
        "previewImageUrl": HTTPS_URL,
        "quickReply": QUICK_REPLY,
    },
}
MESSAGES = {"type": "array", "minItems": 1, "maxItems": 5, "items": {"oneOf": [TEXT_MESSAGE, IMAGE_MESSAGE]}}

REPLY_BODY = {
    "type": "object",
    "required": ["replyToken", "messages"],
    "additionalProperties": False,
    "properties": {
        "replyToken": {"type": "string", "minLength": 1},
        "messages": MESSAGES,
        "notificationDisabled": {"type": "boolean"},
    },
}
PUSH_BODY = {
    "type": "object",
    "required": ["to", "messages"],
    "additionalProperties": False,
    "properties": {
        "to": {"type": "string", "pattern": "^[UCR][0-9a-f]{32}$"},
        "messages": MESSAGES,
        "notificationDisabled": {"type": "boolean"},
        "customAggregationUnits": {"type": "array", "maxItems": 1, "items": {"type": "string"}},
    },
}

REPLY_VALIDATOR = Draft7Validator(REPLY_BODY)
PUSH_VALIDATOR = Draft7Validator(PUSH_BODY)


def schema_errors(validator: Draft7Validator, body: Any) -> list[dict[str, str]]:
    """LINE-style error details ({"message", "property"}) for ``body``; empty when it is valid. A body that fits the
    schema is also read with line-bot-sdk's models (tests/fakes/line_sdk.py): messages, and rich menus."""
    from tests.fakes import line_sdk

    errors = [
        {"message": error.message[:200], "property": "/".join(str(p) for p in error.absolute_path)}
        for error in validator.iter_errors(body)
    ]
    if errors:
        return errors
    if validator is REPLY_VALIDATOR or validator is PUSH_VALIDATOR:
        return line_sdk.message_errors(body)
    if validator is RICHMENU_VALIDATOR:
        return line_sdk.richmenu_errors(body)
    return []


# The loading animation (POST /v2/bot/chat/loading/start): one-on-one chats only, 5-60 seconds in steps of 5.
LOADING_BODY = {
    "type": "object",
    "required": ["chatId"],
    "additionalProperties": False,
    "properties": {
        "chatId": {"type": "string", "pattern": "^U[0-9a-f]{32}$"},
        "loadingSeconds": {"enum": list(range(5, 61, 5))},
    },
}

# A rich menu object (POST /v2/bot/richmenu): width 800-2500, height at least 250 and width/height at least 1.45
# (checked by the fake), 1-20 areas; a rich menu's actions may leave the label out.
RICHMENU_ACTION = {
    "oneOf": [
        {
            "type": "object",
            "required": ["type", "text"],
            "additionalProperties": False,
            "properties": {"type": {"const": "message"}, "label": LABEL, "text": ACTION_TEXT},
        },
        {
            "type": "object",
            "required": ["type", "data"],
            "additionalProperties": False,
            "properties": {**POSTBACK_ACTION["properties"], "displayText": ACTION_TEXT},
        },
    ]
}
BOUNDS = {
    "type": "object",
    "required": ["x", "y", "width", "height"],
    "additionalProperties": False,
    "properties": {k: {"type": "integer", "minimum": 0} for k in ("x", "y", "width", "height")},
}
RICHMENU_BODY = {
    "type": "object",
    "required": ["size", "selected", "name", "chatBarText", "areas"],
    "additionalProperties": False,
    "properties": {
        "size": {
            "type": "object",
            "required": ["width", "height"],
            "additionalProperties": False,
            "properties": {
                "width": {"type": "integer", "minimum": 800, "maximum": 2500},
                "height": {"type": "integer", "minimum": 250},
            },
        },
        "selected": {"type": "boolean"},
        "name": {"type": "string", "minLength": 1, "maxLength": 300},
        "chatBarText": {"type": "string", "minLength": 1, "maxLength": 14},
        "areas": {
            "type": "array",
            "minItems": 1,
            "maxItems": 20,
            "items": {
                "type": "object",
                "required": ["bounds", "action"],
                "additionalProperties": False,
                "properties": {"bounds": BOUNDS, "action": RICHMENU_ACTION},
            },
        },
    },
}

LOADING_VALIDATOR = Draft7Validator(LOADING_BODY)
RICHMENU_VALIDATOR = Draft7Validator(RICHMENU_BODY)
