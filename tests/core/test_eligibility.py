"""check_eligibility and the verdict texts (handbook Ⅲ-03, p.10). Expected strings are typed from the handbook."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core import eligibility as el

ALL_PASS: dict[str, Any] = {
    el.OPEN_TO_CITIZENS: True,
    el.NON_PROFIT: True,
    el.CONTINUING_ACTIVITY: True,
    el.MEMBER_COUNT: 8,
    el.BASE_IN_KANAZAWA: True,
    el.POLITICAL_RELIGIOUS: False,
    el.MUTUAL_AID_OR_HOBBY: False,
    el.IS_CORPORATION: False,
}

# (answer key, failing answer, the handbook's wording of that condition, words of the reason)
FAILING_ALONE = [
    (el.OPEN_TO_CITIZENS, False, "① 市民に開かれた団体であること", "市民に開かれた団体ではない"),
    (el.NON_PROFIT, False, "② 営利を目的としない団体であること", "営利を目的とする団体"),
    (
        el.CONTINUING_ACTIVITY,
        False,
        "③ 市民活動を継続的に行っていること（法人格の有無は問いません）",
        "継続的には行っていない",
    ),
    (el.MEMBER_COUNT, 3, "④ 構成員が5名以上であること", "構成員は3名"),
    (el.MEMBER_COUNT, 4, "④ 構成員が5名以上であること", "構成員は4名"),
    (el.MEMBER_COUNT, 0, "④ 構成員が5名以上であること", "構成員は0名"),
    (el.BASE_IN_KANAZAWA, False, "⑤ 活動拠点が金沢市内にあること", "金沢市内にはない"),
    (
        el.POLITICAL_RELIGIOUS,
        True,
        "⑥ 政治的又は宗教的活動及び公序良俗に反する活動をしていないこと",
        "しているとのご回答",
    ),
    (
        el.MUTUAL_AID_OR_HOBBY,
        True,
        "共益的または互助的な活動、もしくは個人の趣味的な活動を目的とする団体は除きます。",
        "個人の趣味的な活動であるとのご回答",
    ),
]
DOCUMENTS = ["・登録申請書", "・収支（活動）計算書", "・団体の規約", "・活動写真"]
MEMBER_LIST = "・団体の構成員名簿（任意団体のみ）"
BENEFITS = [
    "・信頼のある団体として、金沢市のホームページで紹介",
    "・打合せやイベント等で「金沢学生のまち市民交流館」の会議室や交流ホールの無料利用（要予約）",
    "・金沢市が行う協働に関する事業の情報を提供",
]


def test_all_conditions_met_gives_seven_ticks_in_handbook_order():
    results = el.check_eligibility(ALL_PASS)
    assert [r.key for r in results] == [
        el.OPEN_TO_CITIZENS,
        el.NON_PROFIT,
        el.CONTINUING_ACTIVITY,
        el.MEMBER_COUNT,
        el.BASE_IN_KANAZAWA,
        el.POLITICAL_RELIGIOUS,
        el.MUTUAL_AID_OR_HOBBY,
    ]
    assert all(r.passed and r.answered and r.mark == "✓" for r in results)
    assert el.is_eligible(results) and el.verdict_code(results) == "eligible"
    assert el.failed_keys(results) == []


@pytest.mark.parametrize("key, value, wording, reason_words", FAILING_ALONE)
def test_each_condition_failing_alone(key, value, wording, reason_words):
    answers = {**ALL_PASS, key: value}
    results = el.check_eligibility(answers)
    assert el.failed_keys(results) == [key]
    failed = next(r for r in results if not r.passed)
    assert wording in failed.wording
    assert failed.mark == "✗" and reason_words in failed.reason and failed.hint
    assert el.verdict_code(results) == "not_eligible"

    text = "\n".join(el.build_verdict_messages(answers, results))
    assert f"✗ {failed.wording}" in text
    assert f"理由：{failed.reason}" in text and f"見直しのポイント：{failed.hint}" in text
    assert "TEL 076-225-7763" in text and "経験豊富なコーディネーターが相談に応じます" in text
    assert "登録申請書" not in text  # no document list when a condition fails
    assert text.count("✓") == 6
    assert el.build_verdict_messages(answers, results)[-1] == el.DISCLAIMER


def test_three_members_are_told_about_the_five_member_rule():
    answers = {**ALL_PASS, el.MEMBER_COUNT: 3}
    text = "\n".join(el.build_verdict_messages(answers, el.check_eligibility(answers)))
    assert "✗ ④ 構成員が5名以上であること（ご回答：3名）" in text
    assert "構成員が5名以上になれば（あと2名）" in text


def test_hobby_circle_is_told_it_falls_under_the_exclusion():
    answers = {**ALL_PASS, el.MUTUAL_AID_OR_HOBBY: True}
    text = el.format_results(answers, el.check_eligibility(answers))
    assert text.endswith(
        "✗ ただし書き：共益的または互助的な活動、もしくは個人の趣味的な活動を目的とする団体は除きます。（該当します）"
    )


@pytest.mark.parametrize("count, passes", [(5, True), (4, False), (8, True), (120, True), (1, False)])
def test_member_count_boundary(count, passes):
    results = el.check_eligibility({**ALL_PASS, el.MEMBER_COUNT: count})
    assert el.is_eligible(results) is passes


@pytest.mark.parametrize("is_corporation, with_member_list", [(False, True), (True, False), (None, True)])
def test_documents_member_list_only_for_voluntary_groups(is_corporation, with_member_list):
    docs = [f"・{d}" for d in el.documents_for(is_corporation)]
    assert docs[:4] == DOCUMENTS
    assert (MEMBER_LIST in docs) is with_member_list


@pytest.mark.parametrize("is_corporation, with_member_list", [(False, True), (True, False)])
def test_eligible_verdict_lists_documents_steps_benefits_contact(is_corporation, with_member_list):
    answers = {**ALL_PASS, el.IS_CORPORATION: is_corporation}
    messages = el.build_verdict_messages(answers, el.check_eligibility(answers))
    text = "\n".join(messages)
    for line in DOCUMENTS + BENEFITS:
        assert line in text
    assert (MEMBER_LIST in text) is with_member_list
    assert "各種書類の提出 → 事務局での審査 → 登録完了" in text
    assert "TEL (076)220-2026" in text and "kyoudou@city.kanazawa.lg.jp" in text
    assert "✗" not in text and text.count("✓") == 7
    assert (
        "✓ ただし書き：共益的または互助的な活動、もしくは個人の趣味的な活動を目的とする団体は除きます。（該当しません）"
        in text
    )
    assert messages[-1] == "※これは事前チェックです。実際に登録できるかどうかは、事務局での審査で決まります。"


@pytest.mark.parametrize(
    "answers",
    [
        {},
        {**ALL_PASS, el.MEMBER_COUNT: None},
        {**ALL_PASS, el.MEMBER_COUNT: True},  # a bool is not a count
        {**ALL_PASS, el.MEMBER_COUNT: 2.5},
        {**ALL_PASS, el.MEMBER_COUNT: -1},
        {**ALL_PASS, el.OPEN_TO_CITIZENS: "はい"},  # raw text is not an answer
    ],
)
def test_missing_or_malformed_answers_never_pass(answers):
    results = el.check_eligibility(answers)
    assert not el.is_eligible(results)
    unanswered = [r for r in results if not r.answered]
    assert unanswered and all(not r.passed and r.reason == "ご回答がありませんでした。" for r in unanswered)


def test_several_failures_are_all_explained():
    answers = {**ALL_PASS, el.MEMBER_COUNT: 2, el.BASE_IN_KANAZAWA: False}
    results = el.check_eligibility(answers)
    assert el.failed_keys(results) == [el.MEMBER_COUNT, el.BASE_IN_KANAZAWA]
    text = "\n".join(el.build_verdict_messages(answers, results))
    assert "構成員は2名とのご回答でした。" in text and "活動拠点が金沢市内にはないとのご回答でした。" in text
