"""Closed membership said with a negated verb: 「部外者は入れません」 is closed, and its negation does not flip 招待制.

Through the public readers: bot.core.situation.read_situation (a free message) and
bot.core.precheck_parsing.parse_answer (the form's answer to 「誰でも参加できる団体ですか」).
"""

from __future__ import annotations

import pytest

from bot.core import eligibility as el
from bot.core.precheck_parsing import parse_answer
from bot.core.situation import read_situation


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("招待制で、部外者は参加できません", {"open_to_citizens": False}),
        ("会員以外は入れない団体です", {"open_to_citizens": False}),
        ("一般の人はお断りしています", {"open_to_citizens": False}),
        ("外の人は入会できないんですが登録できる？", {"open_to_citizens": False}),
        ("関係者以外は参加不可の勉強会です", {"open_to_citizens": False}),
        ("外部の方の入会は受け付けておりません", {"open_to_citizens": False}),
        ("一般の方の参加はご遠慮いただいています", {"open_to_citizens": False}),
        ("非会員は入れんがや、それでも登録できるけ？", {"open_to_citizens": False}),
        ("メンバー以外は参加させとらんげん", {"open_to_citizens": False}),
        # 身内以外 names the outsiders; it says nothing of a 身内 (mutual-aid) group
        ("身内以外は入れんけど登録できる？", {"open_to_citizens": False}),
        ("会員は15名で、部外者は参加できません", {"member_count": 15, "open_to_citizens": False}),
        ("誰でも参加できます", {"open_to_citizens": True}),
        ("部外者も参加できます", {"open_to_citizens": True}),
        ("会員でない人も気軽に入れますよ", {"open_to_citizens": True}),
        ("一般の方も歓迎です", {"open_to_citizens": True}),
        # the keeping out is itself denied
        ("部外者が入れないわけではないです", {"open_to_citizens": True}),
        ("一般の方をお断りしてはいません", {"open_to_citizens": True}),
        # not members-only → open; not everyone may join → closed
        ("会員限定ではありません", {"open_to_citizens": True}),
        ("誰でも入れるわけではないです", {"open_to_citizens": False}),
        # no outsider kept out or let in: no fact
        ("一般の人向けの講座を開く予定です", {}),
        ("部外者の参加はどうするか迷っています", {}),
        ("市外の人は入れますか", {"base_in_kanazawa": False}),
    ],
)
def test_free_message(text: str, facts: dict[str, int | bool]) -> None:
    assert read_situation(text) == facts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("いいえ、部外者は入れません", False),
        ("部外者は入れません", False),
        ("はい、ただ部外者は入れません", False),
        ("招待制で、部外者は参加できません", False),
        ("一般の人はお断りしています", False),
        ("一般の方は参加できんよ", False),
        ("会員以外はちょっと入れないです", False),
        ("紹介制です。関係者以外は入会不可です", False),
        ("はい、一般の方も参加できます", True),
        ("外部の人でも入会できます", True),
        ("部外者お断りではありません、誰でもどうぞ", True),
        ("誰でも参加できます", True),
        ("会員限定ではありません", True),
        ("誰でも入れるわけではないです", False),
        ("部外者の参加はどうするか検討中です", None),
    ],
)
def test_form_answer_to_open_to_citizens(text: str, expected: bool | None) -> None:
    assert parse_answer(el.OPEN_TO_CITIZENS, text) is expected
