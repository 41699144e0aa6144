"""The fuzz table for both chat endpoints (REST and web chat): request bodies each endpoint must refuse with 400, and
hostile but well-formed ones it must answer with 200 and a non-empty answer.

tests/channels/test_chat_fuzz.py runs it against Rasa's app with the scripted bot; ``python -m bot.bench.fuzz``
runs it against the real servers and writes the figures (statuses, empty answers, p95) for bot/bench/RESULTS.md.
"""

from __future__ import annotations

import json
from typing import Any

LIMIT = 200
SILENT = "答えを用意できない質問"
ENDPOINTS = {"rest": "/webhooks/rest/webhook", "webchat": "/webhooks/webchat/webhook"}
SENDERS = {"rest": "fuzz-user@rest.example", "webchat": "wc-fuzz-0123456789abcdef"}
NORMAL = "協働とは何ですか"
DEEP = 100_000


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def with_sender(sender: Any, message: Any = NORMAL) -> bytes:
    return dumps({"sender": sender, "message": message})


def bad_bodies(sender: str) -> list[bytes]:
    """Bodies both endpoints must refuse with 400."""
    scalars: list[Any] = [None, True, False, 0, -1, 3.14, "", "hello", "協働とは", [], [1, 2], [{}], {}]
    bodies = [dumps(v) for v in scalars]
    bodies += [b"", b" ", b"\n", b"NaN", b"-Infinity", b"1e309", b"{not json", b"{'sender': 'x'}", b"\x00"]
    bodies += [b"[" * DEEP, b'{"a":' * DEEP, b"[" * DEEP + b"]" * DEEP, b'{"sender": "' + sender.encode() + b'"']
    bodies += [with_sender(sender, [[[["deep"]]]])[:-1] + b"x", dumps({"sender": sender, "message": {"x": [1] * 5}})]
    nested_message = b'{"sender": "' + sender.encode() + b'", "message": ' + b"[" * DEEP + b"]" * DEEP + b"}"
    bodies += [nested_message, bytes(range(256)), b"\xff\xfe\x00{", b"\xc3\x28", b"\xed\xa0\x80"]
    bodies += [b'{"sender": "' + sender.encode() + b'", "message": "\xff\xfe"}']
    bodies += [b"\xef\xbb\xbf" + with_sender(sender), with_sender(sender).decode().encode("utf-16")]
    bodies += [b"sender=" + sender.encode() + b"&message=hello", b"<xml><sender>x</sender></xml>"]
    bodies += [with_sender(sender) + b" trailing", with_sender(sender) * 2, b" " * 1_000_000]
    for message in [None, 0, 1.5, True, False, [], ["協働"], {}, {"text": "協働"}, "", " ", "\n\t\r", "\u3000"]:
        bodies.append(with_sender(sender, message))
    for message in ["\u200b", "\ufeff\u200b\u2060", "\x00", "\x00\x01\x1b\x7f", "\u200e\u200f", " \x00 \u200b "]:
        bodies.append(with_sender(sender, message))
    bodies.append(b'{"sender": "' + sender.encode() + b'", "message": "\\ud800"}')
    bodies.append(b'{"sender": "' + sender.encode() + b'", "message": "x\\udfff"}')
    bodies.append(b'{"sender": "' + sender.encode() + b'", "message": "\\u0000\\u0000"}')
    bodies.append(dumps({"message": NORMAL}))
    bodies.append(dumps({"Sender": sender, "Message": NORMAL}))
    bodies.append(dumps({"sender": sender}))
    for bad_sender in [None, 0, 12345678, 1.5, True, [], [sender], {"id": sender}, "", " ", "\n", "\u200b" * 10]:
        bodies.append(with_sender(bad_sender))
    for bad_sender in ["x" * 10_000, sender + "\n", sender + "\x00", sender + " ", " " + sender, sender + "\u200b"]:
        bodies.append(with_sender(bad_sender))
    for bad_sender in ["<script>alert(1)</script>", "'; DROP TABLE events;--", "../../../../etc/passwd"]:
        bodies.append(with_sender(bad_sender))
    for bad_sender in ["a\r\nSet-Cookie: x=1", "ユーザー12345678", "😀" * 8, "user%00name123", "u$er{name}12"]:
        bodies.append(with_sender(bad_sender))
    return bodies


HOSTILE_MESSAGES = [
    "<script>alert(document.cookie)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE events; --",
    "1' OR '1'='1",
    "SELECT * FROM users WHERE 1=1; --",
    "{{7*7}} ${7*7} {name} {0} %s %n %x",
    "../../../../etc/passwd",
    "😀🙇‍♀️👨‍👩‍👧‍👦🇯🇵",
    "協働\u200bとは\u200d何\ufeffですか",
    "\u202e協働とは\u202c",
    "協働\x00とは\x1b[31m何ですか\x07",
    "行1\n行2\r\n行3\t終わり",
    "ｶﾀｶﾅ ＦＵＬＬＷＩＤＴＨ ①②③ ㈱ 髙﨑",
    "Z̴̡̛a̸l̷g̶o̵",
    "a" * LIMIT,
    "あ" * LIMIT,
    "😀" * LIMIT,
    "a" * (LIMIT + 1),
    "あ" * 50_000,
    "x" * 2_000_000,
    "/greet",
    '/greet{"facility": "<script>"}',
    "/restart",
    "/nlu_fallback",
    "エラーになる質問",
    SILENT,
    "null",
    "[]",
    "\\u0000",
    "%00%0d%0a",
]


def ok_bodies(sender: str) -> list[bytes]:
    """Bodies both endpoints must answer with 200 and a non-empty answer (hostile but well-formed)."""
    bodies = [with_sender(sender, message) for message in HOSTILE_MESSAGES]
    extras: list[dict[str, Any]] = [
        {"metadata": None},
        {"metadata": "x"},
        {"metadata": [1, 2]},
        {"metadata": {"nested": {"a": [1, {"b": None}]}}},
        {"input_channel": "console"},
        {"input_channel": ["x"]},
        {"stream": True},
        {"unknown": "<script>"},
    ]
    bodies += [dumps({"sender": sender, "message": NORMAL, **extra}) for extra in extras]
    bodies.append(b'{"message": "dup", "sender": "' + sender.encode() + b'", "message": "' + NORMAL.encode() + b'"}')
    bodies.append(b"  \n" + with_sender(sender) + b"\n  ")
    return bodies


def cases() -> list[tuple[str, bytes, int]]:
    table = []
    for endpoint, sender in SENDERS.items():
        table += [(endpoint, body, 400) for body in bad_bodies(sender)]
        table += [(endpoint, body, 200) for body in ok_bodies(sender)]
    table += [("rest", with_sender(s), 200) for s in ["a", "a" * 128, "x.y:z@w-_9", "LINE:U0123"]]
    table += [("rest", with_sender(s), 400) for s in ["a" * 129, "user/1", "user#1", "user+1", "user,1"]]
    table += [("webchat", with_sender(s), 200) for s in ["a" * 8, "a" * 80, "A-b_C-d_0123"]]
    table += [("webchat", with_sender(s), 400) for s in ["a" * 7, "a" * 81, "user@example", "user.name.1"]]
    return table


CASES = cases()
