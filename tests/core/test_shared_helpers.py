"""The one-function helpers every module shares: the NFKC fold, kanji numerals, parse data, NLU examples."""

from __future__ import annotations

import pytest

from bot.core import parse_data
from bot.core.nlu_examples import example_lines, examples_by_intent
from bot.core.numerals import kanji_to_int, replace_kanji_numerals
from bot.core.text_fold import fold


@pytest.mark.parametrize(
    "text, options, expected",
    [
        ("ｻﾎﾟｾﾝ", {}, "サポセン"),
        ("  ＡＢＣ１２３　", {}, "ABC123"),
        ("ＡＢＣ", {"lower": True}, "abc"),
        ("交流　館 の\t場所", {"spaces": "drop"}, "交流館の場所"),
        ("交流　館  の\n場所 ", {"spaces": "collapse"}, "交流 館 の 場所"),
        (None, {}, ""),
    ],
)
def test_fold(text, options, expected):
    assert fold(text, **options) == expected


def test_fold_refuses_an_unknown_spaces_mode():
    with pytest.raises(ValueError):
        fold("x", spaces="squeeze")


@pytest.mark.parametrize(
    "numeral, value",
    [
        ("五", 5),
        ("十", 10),
        ("十二", 12),
        ("二十五", 25),
        ("三十一", 31),
        ("二〇", 20),
        ("二〇二七", 2027),
        ("百", 100),
        ("千二百", 1200),
        ("一万二千", 12000),
    ],
)
def test_kanji_to_int(numeral, value):
    assert kanji_to_int(numeral) == value


def test_replace_kanji_numerals_only_before_the_given_unit():
    assert replace_kanji_numerals("十二月二十五日は一度だけ", "[年月日時]") == "12月25日は一度だけ"


PARSE = {
    "intent": {"name": "faq", "confidence": 0.9, "full_retrieval_intent_name": "faq/kouryukan_address"},
    "response_selector": {
        "faq": {
            "response": {"intent_response_key": "faq/support_center_phone", "confidence": 0.8},
            "ranking": [
                {"intent_response_key": "faq/support_center_phone", "confidence": 0.8},
                {"intent_response_key": "faq/kouryukan_address", "confidence": 0.1},
            ],
        }
    },
}


def test_parse_data_reads_the_chosen_answer_and_the_ranking():
    assert parse_data.intent_name(PARSE) == "faq"
    assert parse_data.answer_key(PARSE) == "faq/support_center_phone"
    assert parse_data.selected_answer(PARSE)["confidence"] == 0.8
    assert [a["intent_response_key"] for a in parse_data.answer_ranking(PARSE)] == [
        "faq/support_center_phone",
        "faq/kouryukan_address",
    ]


def test_parse_data_falls_back_to_the_retrieval_intent_name_then_to_none():
    assert parse_data.answer_key({"intent": PARSE["intent"]}) == "faq/kouryukan_address"
    assert parse_data.answer_key({"intent": {"name": "greet"}}) is None
    assert parse_data.answer_ranking({}) == [] and parse_data.selected_answer({}) == {}
    assert parse_data.intent_name({}) == ""


def test_nlu_examples(tmp_path):
    (tmp_path / "a.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: greet\n    examples: |\n      - こんにちは\n'
        "      - [金沢](place)の天気\n  - intent: faq/x\n    examples: |\n      - 質問\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yml").write_text("nlu:\n  - intent: greet\n    examples: |\n      - やあ\n", encoding="utf-8")
    assert examples_by_intent(tmp_path) == {"greet": ["こんにちは", "金沢の天気", "やあ"], "faq/x": ["質問"]}
    assert example_lines("- a\n\n  - b\nnot an example\n") == ["a", "b"]
