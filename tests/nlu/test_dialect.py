"""金沢弁/colloquial endings become standard Japanese (bot/nlu/dialect.py); content words never change."""

from __future__ import annotations

import pytest

from bot.nlu.dialect import standardize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("何時までやっとるけ", "何時までやっていますか"),
        ("今日は開いとるけ？", "今日は開いていますか？"),
        ("予約しとる", "予約している"),
        ("駐車場あるがけ？", "駐車場あるのですか？"),
        ("電話番号教えまっし", "電話番号教えてください"),
        ("初めてやさかい教えて", "初めてだから教えて"),
        ("会員少ないけど登録できるやろか", "会員少ないけど登録できるでしょうか"),
        ("使えるけ？", "使えるですか？"),
        ("登録できん団体", "登録できない団体"),
        ("どこにあるん？", "どこにあるのですか？"),
        ("場所教えてくれまっし", "場所教えてください"),
        ("なんかええことあるけ？", "なんかいいことあるですか？"),
        ("どんな手伝いしてくれるが？", "どんな手伝いしてくれるのですか？"),
        ("登録できるが?", "登録できるのですか?"),
        ("なんで今協働なんけ", "なんで今協働なのですか"),
        ("部屋代は無料なんけ？", "部屋代は無料なのですか？"),
    ],
)
def test_endings_become_standard(text, expected):
    assert standardize(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "交流館の住所を教えてください",
        "記録を取る",
        "けやき通り",
        "協働とは何ですか",
        "ええ、そうです",
        "行きたいんですが",
        "交流館に行きたいが",
    ],
)
def test_standard_japanese_is_unchanged(text):
    assert standardize(text) == text
