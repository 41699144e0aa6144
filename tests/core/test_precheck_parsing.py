"""Japanese replies → pre-check answers (actions/precheck_parsing.py)."""

from __future__ import annotations

import pytest

from bot.core import eligibility as el
from bot.core.precheck_parsing import (
    kanji_to_int,
    normalize,
    parse_answer,
    parse_member_count,
    parse_place,
    parse_yes_no,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("はい", True),
        ("うん", True),
        ("そうです", True),
        ("ええ、そうですね", True),
        ("もちろん", True),
        ("はい、しています", True),
        ("やってます", True),
        ("あります", True),
        ("はーい！", True),
        ("ＹＥＳ", True),
        ("その通りです", True),
        ("間違いないです", True),
        ("いいえ", False),
        ("ちがう", False),
        ("違います", False),
        ("してない", False),
        ("していません", False),
        ("やってない", False),
        ("ううん", False),
        ("ないです", False),
        ("ありません", False),
        ("No", False),
        ("そうではありません", False),
        ("そうじゃない", False),
        ("はい、していません", False),
        ("いや、違うよ", False),
        ("わかりません", None),
        ("たぶん", None),
        ("よくわからない", None),
        ("検討中です", None),
        ("", None),
        ("ありがとう", None),
        ("白山市です", None),
        ("8人です", None),
    ],
)
def test_yes_no(text, expected):
    assert parse_yes_no(text) is expected


@pytest.mark.parametrize(
    "text, fine, expected",
    [
        ("大丈夫です", True, True),
        ("問題ありません", True, True),
        ("大丈夫です", False, False),
        ("問題ありません", False, False),  # 「していますか」→ 大丈夫 = していない
        ("大丈夫じゃない", True, False),
        ("大丈夫です", None, None),
    ],
)
def test_fine_means_whatever_the_question_counts_as_fine(text, fine, expected):
    assert parse_yes_no(text, fine) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("8人です", 8),
        ("メンバーは3名", 3),
        ("十二人", 12),
        ("８名", 8),
        ("３", 3),
        ("メンバーは十人", 10),
        ("二十五名くらい", 25),
        ("二人です", 2),
        ("ひとりです", 1),
        ("ふたり", 2),
        ("約20名", 20),
        ("１５人程度", 15),
        ("構成員は12人います", 12),
        ("5人以上います", 5),
        ("5名以上", 5),
        ("4名以下", 4),
        ("5人未満", 4),
        ("5〜6人", 5),
        ("4～5人です", 4),
        ("1,200人", 1200),
        ("百人", 100),
        ("0人", 0),
        ("はい", None),
        ("たくさんいます", None),
        ("", None),
        ("3人か4人か5人", 3),
        ("2と3", None),
    ],
)
def test_member_count(text, expected):
    assert parse_member_count(text) == expected


@pytest.mark.parametrize(
    "numeral, value",
    [
        ("三", 3),
        ("十", 10),
        ("十二", 12),
        ("二十五", 25),
        ("百", 100),
        ("百五", 105),
        ("二〇", 20),
        ("一万二千", 12000),
    ],
)
def test_kanji_numerals(numeral, value):
    assert kanji_to_int(numeral) == value


@pytest.mark.parametrize(
    "text, expected",
    [
        ("金沢市内で活動しています", True),
        ("金沢市です", True),
        ("かなざわです", True),
        ("石川県金沢市", True),
        ("市内です", True),
        ("白山市ではなく金沢市です", True),
        ("金沢市外ではない", True),
        ("白山市です", False),
        ("野々市", False),
        ("野々市市で活動", False),
        ("富山県です", False),
        ("埼玉県です", False),
        ("金沢市外です", False),
        ("県外です", False),
        ("金沢ではない", False),
        ("金沢市内ではありません", False),
        ("金沢ではなく白山市", False),
        ("金沢市の隣の白山市", False),
        ("津幡町です", False),
        ("石川県です", None),
        ("わかりません", None),
        ("駅の近くです", None),
        ("白山市ではない", None),
    ],
)
def test_place(text, expected):
    assert parse_place(text) is expected


# (question, reply, answer) — each question reads topic words before plain yes/no.
@pytest.mark.parametrize(
    "key, text, expected",
    [
        (el.OPEN_TO_CITIZENS, "誰でも参加できます", True),
        (el.OPEN_TO_CITIZENS, "会員限定です", False),
        (el.OPEN_TO_CITIZENS, "会員限定ではなく誰でも参加できます", True),
        (el.OPEN_TO_CITIZENS, "誰でもは入れません", False),
        (el.OPEN_TO_CITIZENS, "うん", True),
        (el.NON_PROFIT, "営利目的ではない", True),
        (el.NON_PROFIT, "営利目的ではありません", True),
        (el.NON_PROFIT, "営利を目的としない団体です", True),
        (el.NON_PROFIT, "利益は出していない", True),
        (el.NON_PROFIT, "非営利です", True),
        (el.NON_PROFIT, "営利目的です", False),
        (el.NON_PROFIT, "ちがう", False),
        (el.CONTINUING_ACTIVITY, "毎月やってます", True),
        (el.CONTINUING_ACTIVITY, "年に2回やってます", True),
        (el.CONTINUING_ACTIVITY, "これから始める予定です", False),
        (el.CONTINUING_ACTIVITY, "まだ活動していない", False),
        (el.CONTINUING_ACTIVITY, "継続する予定はありません", False),
        (el.CONTINUING_ACTIVITY, "してない", False),
        (el.MEMBER_COUNT, "8人です", 8),
        (el.MEMBER_COUNT, "はい", None),
        (el.BASE_IN_KANAZAWA, "はい", True),
        (el.BASE_IN_KANAZAWA, "いいえ", False),
        (el.BASE_IN_KANAZAWA, "白山市です", False),
        (el.BASE_IN_KANAZAWA, "石川県です", None),
        (el.POLITICAL_RELIGIOUS, "してない", False),
        (el.POLITICAL_RELIGIOUS, "やってない", False),
        (el.POLITICAL_RELIGIOUS, "宗教とは関係ありません", False),
        (el.POLITICAL_RELIGIOUS, "政治活動はしていません", False),
        (el.POLITICAL_RELIGIOUS, "大丈夫です", False),
        (el.POLITICAL_RELIGIOUS, "選挙の応援をしています", True),
        (el.POLITICAL_RELIGIOUS, "公序良俗に違反しています", True),
        (el.POLITICAL_RELIGIOUS, "はい", True),
        (el.MUTUAL_AID_OR_HOBBY, "趣味のサークルです", True),
        (el.MUTUAL_AID_OR_HOBBY, "会員同士の助け合いが目的です", True),
        (el.MUTUAL_AID_OR_HOBBY, "趣味ではなく地域のための活動です", False),
        (el.MUTUAL_AID_OR_HOBBY, "地域のための活動です", False),
        (el.MUTUAL_AID_OR_HOBBY, "ちがいます", False),
        (el.IS_CORPORATION, "NPO法人です", True),
        (el.IS_CORPORATION, "一般社団法人", True),
        (el.IS_CORPORATION, "はい", True),
        (el.IS_CORPORATION, "任意団体です", False),
        (el.IS_CORPORATION, "法人ではありません", False),
        (el.IS_CORPORATION, "法人格はありません", False),
        (el.IS_CORPORATION, "任意団体ではないです", True),
        (el.IS_CORPORATION, "いいえ", False),
        (el.IS_CORPORATION, "大丈夫です", None),
    ],
)
def test_answer_per_question(key, text, expected):
    assert parse_answer(key, text) == expected
    assert type(parse_answer(key, text)) is type(expected)


@pytest.mark.parametrize("key", [el.OPEN_TO_CITIZENS, el.MEMBER_COUNT, el.IS_CORPORATION])
def test_unreadable_input_is_none(key):
    assert parse_answer(key, "？？？") is None
    assert parse_answer(key, None) is None  # type: ignore[arg-type]
    assert parse_answer("no_such_question", "はい") is None


def test_normalize_full_width_and_punctuation():
    assert normalize("　ＮＰＯ法人です。") == "npo法人です"
