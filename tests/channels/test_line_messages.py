"""Pure LINE helpers: signatures, Rasa output -> LINE message objects, event classification, dedupe."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from bot.channels.line.events import (
    FORGET,
    IGNORE,
    TO_BOT,
    UNSUPPORTED,
    RecentEventIds,
    classify_event,
    target_from_source,
)
from bot.channels.line.messages import (
    batches,
    is_valid_signature,
    quick_reply_item,
    quick_reply_label,
    split_text,
    to_line_messages,
)
from tests.fakes.line_schema import PUSH_VALIDATOR, schema_errors

SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
BODY = '{"destination":"Uxxx","events":[{"type":"message","message":{"type":"text","text":"こんにちは"}}]}'.encode()
GOOD = base64.b64encode(hmac.new(SECRET.encode(), BODY, hashlib.sha256).digest()).decode()
USER = "U" + "ab" * 16


@pytest.mark.parametrize(
    "body, signature, valid",
    [
        (BODY, GOOD, True),
        (BODY, GOOD + " ", True),  # header values may carry stray whitespace
        (BODY + b" ", GOOD, False),
        (BODY.replace("こんにちは".encode(), "こんばんは".encode()), GOOD, False),
        (BODY, GOOD[:-4] + "AAA=", False),
        (BODY, None, False),
        (BODY, "", False),
        (BODY, "ｓｉｇ", False),
    ],
)
def test_signature_check(body: bytes, signature, valid: bool) -> None:
    assert is_valid_signature(body, SECRET, signature) is valid


def test_signature_needs_the_secret() -> None:
    assert not is_valid_signature(BODY, "", GOOD)


@pytest.mark.parametrize(
    "title, label",
    [
        ("協働とは", "協働とは"),
        ("市民団体の登録", "市民団体の登録"),
        ("一二三四五六七八九十一二三四五六七八九十", "一二三四五六七八九十一二三四五六七八九十"),
        ("一二三四五六七八九十一二三四五六七八九十一", "一二三四五六七八九十一二三四五六七八九…"),
        ("開館日の\n確認", "開館日の 確認"),
    ],
)
def test_quick_reply_labels_fit_in_20_characters(title: str, label: str) -> None:
    assert quick_reply_label(title) == label


@pytest.mark.parametrize(
    "button, action",
    [
        (
            {"title": "協働とは", "payload": "協働とは何ですか"},
            {"type": "postback", "label": "協働とは", "data": "協働とは何ですか", "displayText": "協働とは"},
        ),
        (
            {"title": "はい", "payload": '/affirm{"x": 1}'},
            {"type": "postback", "label": "はい", "data": '/affirm{"x": 1}', "displayText": "はい"},
        ),
        (
            {"title": "金沢市のサイト", "url": "https://www4.city.kanazawa.lg.jp/", "type": "web_url"},
            {"type": "uri", "label": "金沢市のサイト", "uri": "https://www4.city.kanazawa.lg.jp/"},
        ),
        ({"title": "空", "payload": ""}, None),
        ({"title": "長すぎる", "payload": "あ" * 301}, None),
        ({"title": "危ない", "url": "javascript:alert(1)"}, None),
    ],
)
def test_buttons_to_quick_reply_items(button, action) -> None:
    item = quick_reply_item(button)
    assert (item["action"] if item else None) == action


@pytest.mark.parametrize("size", [1, 4999, 5000, 5001, 12345])
def test_split_text_keeps_every_character_in_pieces_of_at_most_5000(size: int) -> None:
    text = "".join("協働\n" if i % 97 == 0 else "あ" for i in range(size))
    pieces = split_text(text)
    assert all(0 < len(p) <= 5000 for p in pieces)
    assert "".join(pieces).replace("\n", "") == text.strip().replace("\n", "")


def test_rasa_messages_become_valid_line_messages() -> None:
    rasa = [
        {"text": "一つ目です。"},
        {"text": "画像です。", "image": "https://example.org/a.png"},
        {"image": "http://example.org/b.png"},
        {"text": "選んでください。", "buttons": [{"title": "はい", "payload": "/affirm"}]},
        {"custom": {"anything": 1}},
    ]
    messages = to_line_messages(rasa)
    assert [m["type"] for m in messages] == ["text", "text", "image", "text", "text"]
    assert messages[3]["text"] == "http://example.org/b.png"
    assert messages[-1]["quickReply"]["items"][0]["action"]["data"] == "/affirm"
    assert schema_errors(PUSH_VALIDATOR, {"to": USER, "messages": messages}) == []


def test_buttons_without_text_still_get_a_message_to_carry_them() -> None:
    [message] = to_line_messages([{"buttons": [{"title": "はい", "payload": "/affirm"}]}])
    assert message["text"] and message["quickReply"]["items"][0]["action"]["label"] == "はい"


@pytest.mark.parametrize("count, expected", [(0, []), (5, [5]), (6, [5, 1]), (12, [5, 5, 2])])
def test_batches_hold_at_most_5_messages(count: int, expected) -> None:
    images = [
        {"type": "image", "originalContentUrl": "https://e.org/x.png", "previewImageUrl": "https://e.org/x.png"}
    ] * count
    assert [len(b) for b in batches(images)] == expected


@pytest.mark.parametrize(
    "event, kind, text",
    [
        ({"type": "message", "message": {"type": "text", "text": "開館日は"}}, TO_BOT, "開館日は"),
        ({"type": "message", "message": {"type": "text", "text": "  "}}, IGNORE, None),
        ({"type": "message", "message": {"type": "sticker"}}, UNSUPPORTED, None),
        ({"type": "message", "message": {"type": "file"}}, UNSUPPORTED, None),
        ({"type": "follow"}, TO_BOT, "/greet"),
        ({"type": "join"}, TO_BOT, "/greet"),
        ({"type": "postback", "postback": {"data": "/greet"}}, TO_BOT, "/greet"),
        ({"type": "postback", "postback": {}}, IGNORE, None),
        ({"type": "unfollow"}, FORGET, None),
        ({"type": "unfollow", "mode": "standby"}, FORGET, None),
        ({"type": "memberJoined"}, IGNORE, None),
        ({"type": "message", "mode": "standby", "message": {"type": "text", "text": "はい"}}, IGNORE, None),
    ],
)
def test_classify_event(event, kind: str, text) -> None:
    action = classify_event(event)
    assert (action.kind, action.text) == (kind, text)


@pytest.mark.parametrize(
    "source, sender_id, push_to",
    [
        ({"type": "user", "userId": USER}, USER, USER),
        ({"type": "group", "groupId": "Cg1", "userId": USER}, f"Cg1:{USER}", "Cg1"),
        ({"type": "group", "groupId": "Cg1"}, "Cg1", "Cg1"),
        ({"type": "room", "roomId": "Rr1", "userId": USER}, f"Rr1:{USER}", "Rr1"),
    ],
)
def test_targets_of_sources(source, sender_id: str, push_to: str) -> None:
    target = target_from_source(source)
    assert (target.sender_id, target.push_to) == (sender_id, push_to)


@pytest.mark.parametrize("source", [None, {}, {"type": "user"}, {"type": "group"}, {"type": "other", "userId": USER}])
def test_unusable_sources(source) -> None:
    assert target_from_source(source) is None


def test_recent_event_ids_are_bounded() -> None:
    recent = RecentEventIds(capacity=3)
    assert [recent.check_and_add(i) for i in ["a", "b", "a", "c", "d", "e"]] == [
        False,
        False,
        True,
        False,
        False,
        False,
    ]
    assert len(recent) == 3
    assert recent.check_and_add("b") is False  # forgotten: the oldest went first
    assert recent.check_and_add(None) is False and recent.check_and_add(None) is False
