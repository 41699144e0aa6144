"""bot.core.situation.read_situation: the facts a citizen states about their own group (issue 14, kind 1)."""

from __future__ import annotations

import pytest

from bot.core.situation import read_situation


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("会員が2名だけど申請できる？", {"member_count": 2}),
        ("かほく市が拠点の団体は？", {"base_in_kanazawa": False}),
        ("利益の出る事業もしている会社です", {"non_profit": False, "is_corporation": True}),
        ("サークル活動ですが登録OK？", {"mutual_aid_or_hobby": True}),
        ("12人で金沢市内、営利じゃないです", {"member_count": 12, "base_in_kanazawa": True, "non_profit": True}),
        ("宗教団体だと登録できないですか", {"political_religious": True}),
        ("政治活動はしていません、メンバーは十人です", {"member_count": 10, "political_religious": False}),
        ("任意団体で、去年から毎月清掃活動をしています", {"continuing_activity": True, "is_corporation": False}),
        ("会員限定の勉強会なんですがだめですか", {"open_to_citizens": False}),
        ("趣味の集まりではなく地域の見守り活動です", {"mutual_aid_or_hobby": False}),
        ("立ち上げたばかりの団体ですが", {"continuing_activity": False}),
        # 「参加できる」 here states a fact, it is no question about the rule
        ("誰でも参加できる5人の会です", {"member_count": 5, "open_to_citizens": True}),
        ("メンバーしか入れない勉強会です", {"open_to_citizens": False}),
        # the clause naming the base wins over where the members live
        ("会員は白山市の人が多いですが、事務所は金沢市の長町です", {"base_in_kanazawa": True}),
        ("拠点は金沢市片町で、会員は30名です", {"member_count": 30, "base_in_kanazawa": True}),
        ("政党や宗教とは無関係の会です", {"political_religious": False}),
        ("議員の後援会です", {"political_religious": True}),
        ("8年活動している見守りの会です", {"continuing_activity": True}),
    ],
)
def test_stated_facts_are_read(text: str, facts: dict[str, int | bool]) -> None:
    assert read_situation(text) == facts


@pytest.mark.parametrize("text", ["金沢市の協働をすすめる市民団体に登録したい", "登録の要件は？", "はい", ""])
def test_a_question_about_the_rule_states_no_fact(text: str) -> None:
    assert read_situation(text) == {}
