"""The two fact readers share bot/core/fact_words.py and differ on purpose: the pre-check form's answer parser
(bot.core.precheck_parsing.parse_answer) and the free-message reader (bot.core.situation.read_situation)."""

from __future__ import annotations

import pytest

from bot.core import eligibility as el
from bot.core.precheck_parsing import parse_answer
from bot.core.situation import read_situation


@pytest.mark.parametrize(
    ("key", "text", "form_answer", "stated_fact"),
    [
        # The shared base: both read the fact.
        (el.NON_PROFIT, "非営利の団体です", True, True),
        (el.OPEN_TO_CITIZENS, "誰でも参加できます", True, True),
        (el.CONTINUING_ACTIVITY, "毎月活動しています", True, True),
        (el.POLITICAL_RELIGIOUS, "宗教の団体です", True, True),
        (el.MUTUAL_AID_OR_HOBBY, "趣味の会です", True, True),
        (el.IS_CORPORATION, "任意団体です", False, False),
        # An outsider let in (bot/core/outsiders.py, shared): both read it, though 一般の方 alone is a form word.
        (el.OPEN_TO_CITIZENS, "一般の方も参加できます", True, True),
        # Answers to the form's question that state nothing in a free message.
        (el.NON_PROFIT, "ボランティアです", True, None),
        (el.NON_PROFIT, "無償で活動しています", True, None),
        (el.OPEN_TO_CITIZENS, "身内だけの会です", False, None),
        (el.CONTINUING_ACTIVITY, "月に一度やっています", True, None),
        (el.MUTUAL_AID_OR_HOBBY, "地域のための活動です", False, None),
        (el.IS_CORPORATION, "任意団体ではないです", True, None),
        (el.IS_CORPORATION, "サークルです", False, None),
        # Facts a free message states in words the form's parser does not read.
        (el.CONTINUING_ACTIVITY, "5年目の会です", None, True),
        (el.POLITICAL_RELIGIOUS, "檀家の集まりです", None, True),
        (el.MUTUAL_AID_OR_HOBBY, "同窓会です", None, True),
        (el.IS_CORPORATION, "会社です", None, True),
    ],
)
def test_form_answer_and_stated_fact(key: str, text: str, form_answer: bool | None, stated_fact: bool | None) -> None:
    assert parse_answer(key, text) == form_answer
    assert read_situation(text).get(key) == stated_fact
