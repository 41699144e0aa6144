"""states_own_situation (bot/core/situation_route.py): a statement about one's own group and an eligibility
question, told apart from a question about the rule. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.core.situation_route import states_own_situation

OWN_SITUATION = [
    "合同会社ですが、登録できますか？",
    "会員6名の会です。市民団体になれますか",
    "うちらは野々市が拠点なんやけど、申請できるけ？",
    "私たちは営利目的ではありません。条件に当てはまりますか",
    "会員は9人います。登録は可能ですか",
    "毎週ゴミ拾いを続けて3年になります。対象になりますか",
    "会員が2名だけど申請できる？",
    "釣りのサークルです。登録は無理かな",
]
RULE_OR_OTHER = [
    "白山市で活動しています。登録の条件を教えてください",  # asks for the rule list
    "非営利団体は登録できますか",  # a category, nothing told about the group
    "拠点が市外だと申請できない？",
    "政治団体は対象外ですか",
    "合同会社です。登録のメリットは何ですか",  # another question
    "登録の要件は？",  # no fact
    "20人で使える部屋はありますか",  # not about registering
    "町内会の者です。登録したいのですが",  # no fact read, no question
]


@pytest.mark.parametrize("text", OWN_SITUATION)
def test_a_told_situation_with_an_eligibility_question(text):
    assert states_own_situation(text)


@pytest.mark.parametrize("text", RULE_OR_OTHER)
def test_a_rule_question_or_another_question_is_not(text):
    assert not states_own_situation(text)
