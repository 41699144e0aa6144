"""English/rōmaji detection (bot/core/language.py): Latin sentences yes; Japanese, forms' answers and junk no."""

from __future__ import annotations

import pytest

from bot.core.language import is_english_or_romaji, latin_words


@pytest.mark.parametrize(
    "text",
    [
        "Where is the exchange hall?",
        "Can I register my group?",
        "kouryuukan wa doko desu ka",
        "ｈｅｌｌｏ ｔｈｅｒｅ",  # 全角 folds to ASCII
        "Do you speak English?",
    ],
)
def test_latin_sentences_are_english_or_romaji(text):
    assert is_english_or_romaji(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "交流館はどこですか",
        "Wi-Fiは使えますか",  # Japanese with a loanword
        "FAX番号",
        "ok",  # one word: a form's answer, not a sentence
        "5",
        "076-225-7763",
        "<b>hello there</b>",  # markup is declined, not noted
        "SELECT name FROM users",
        "asdfgh qwerty",
        "hoge fuga piyo",
        "",
        None,
    ],
)
def test_japanese_answers_and_junk_are_not(text):
    assert is_english_or_romaji(text) is False


def test_latin_words_fold_and_lower():
    assert latin_words("Ｈｅｌｌｏ, it's ME") == ["hello", "it's", "me"]
