"""bot/core/situation_answer.py: the requirement a citizen's own situation concerns, the verdict, the answer
(issue 14, kind 1), and bot/core/situation.reply_answers for a reply inside the pre-check."""

from __future__ import annotations

import pytest

from bot.core.situation import read_situation, reply_answers
from bot.core.situation_answer import answer_text, concern, meets, offer_text, verdict
from bot.core.texts import text


@pytest.mark.parametrize(
    ("message", "about"),
    [
        ("会員が2名だけど申請できる？", "member_count"),
        ("かほく市が拠点の団体は？", "base_in_kanazawa"),
        # two facts, the question names none: the one that fails its requirement
        ("利益の出る事業もしている会社です", "non_profit"),
        ("サークル活動ですが登録OK？", "mutual_aid_or_hobby"),
        # two facts, the question names the legal form
        ("NPO法人として活動しています。法人でも登録は大丈夫ですか", "is_corporation"),
        # every fact met, the question names none: the first in the handbook's order
        ("12人で金沢市内、営利じゃないです", "non_profit"),
        ("宗教団体だと登録できないですか", "political_religious"),
        ("任意団体です", "is_corporation"),
        ("金沢市内で活動する8人の会です。人数は足りますか", "member_count"),
    ],
)
def test_the_concern_is_the_requirement_asked_about(message, about):
    assert concern(message, read_situation(message)) == about


def test_no_fact_no_concern():
    assert concern("登録の要件は？", {}) is None


@pytest.mark.parametrize(
    ("key", "value", "met"),
    [
        ("member_count", 2, False),
        ("member_count", 5, True),
        ("base_in_kanazawa", False, False),
        ("non_profit", True, True),
        ("political_religious", True, False),
        ("mutual_aid_or_hobby", False, True),
        ("is_corporation", True, None),
    ],
)
def test_meets_is_the_eligibility_rule(key, value, met):
    assert meets(key, value) is met


def test_the_verdict_states_the_fact_and_the_outcome():
    assert verdict("member_count", 2) == "構成員が2名の場合、この要件を満たしません（あと3名で5名になります）。"
    assert verdict("member_count", 12) == "構成員が12名の場合、この要件を満たします。"
    assert verdict("base_in_kanazawa", False) == "活動拠点が金沢市外にある場合、この要件を満たしません。"


def test_the_answer_quotes_the_requirement_then_the_verdict_then_the_review():
    lines = answer_text({"member_count": 2}, "member_count").splitlines()
    assert lines[1] == "④ 構成員が5名以上であること"
    assert "2名の場合、この要件を満たしません" in lines[2]
    assert "事務局での審査で決まります" in "\n".join(lines)
    assert lines[-1].startswith("（出典：協働ハンドブック Ⅲ-03")


def test_the_other_facts_stated_are_listed_with_their_marks():
    answer = answer_text({"member_count": 12, "base_in_kanazawa": False, "non_profit": True}, "non_profit")
    assert answer.splitlines()[1] == "② 営利を目的としない団体であること"
    assert "✓ ④ 構成員が5名以上であること：構成員が12名の場合、この要件を満たします。" in answer
    assert "✗ ⑤ 活動拠点が金沢市内にあること：活動拠点が金沢市外にある場合、この要件を満たしません。" in answer


def test_the_exclusion_and_the_legal_form_quote_the_handbook():
    assert text("precheck.requirement_exclusion") in answer_text({"mutual_aid_or_hobby": True}, "mutual_aid_or_hobby")
    assert "法人格の有無は問いません" in answer_text({"is_corporation": True}, "is_corporation")


def test_the_offer_counts_the_answers_already_given():
    assert "3点は回答済み" in offer_text({"member_count": 12, "base_in_kanazawa": True, "non_profit": True})
    assert "残りの5問" in offer_text({"member_count": 12, "base_in_kanazawa": True, "non_profit": True})
    assert offer_text({}) == text("situation.offer_no_facts")
    every = dict.fromkeys(
        ["open_to_citizens", "non_profit", "continuing_activity", "base_in_kanazawa", "is_corporation"], True
    )
    every.update(member_count=8, political_religious=False, mutual_aid_or_hobby=False)
    assert offer_text(every) == text("situation.offer_complete")


@pytest.mark.parametrize(
    ("key", "reply", "answer", "others"),
    [
        # asked the count: the count, and the two other facts
        ("member_count", "12人で金沢市内、営利じゃないです", 12, {"base_in_kanazawa": True, "non_profit": True}),
        # asked a yes/no question the reply does not answer: its 「じゃない」 is the non-profit fact's
        (
            "open_to_citizens",
            "12人で金沢市内、営利じゃないです",
            None,
            {"member_count": 12, "base_in_kanazawa": True, "non_profit": True},
        ),
        ("open_to_citizens", "はい、会員は8人です", True, {"member_count": 8}),
        ("base_in_kanazawa", "白山市です", False, {}),
        ("open_to_citizens", "うん", True, {}),
        ("is_corporation", "NPO法人で、メンバーは20名", True, {"member_count": 20, "non_profit": True}),
    ],
)
def test_a_reply_in_the_form_answers_its_question_and_states_the_others(key, reply, answer, others):
    assert reply_answers(key, reply) == (answer, others)
