"""actions/situation.py and the pre-check's use of the facts stated before it starts or inside it (issue 14)."""

from __future__ import annotations

from actions.precheck_form import FAILURES_SLOT, PREFILLED_SLOT, ActionStartPrecheck
from actions.situation import RULES_RESPONSE, START_PAYLOAD, ActionAnswerSituation
from bot.core.payloads import allowed_payloads, as_user_text
from tests.actions.precheck_support import FORM, SLOTS, responses, slot_events, texts, validate


async def test_a_stated_count_gets_the_requirement_the_verdict_the_review_and_the_offer(
    dispatcher, domain, make_tracker
):
    tracker = make_tracker(text="会員が2名だけど申請できる？", intent="tell_situation")
    events = slot_events(await ActionAnswerSituation().run(dispatcher, tracker, domain))
    answer, offer = dispatcher.messages
    assert "④ 構成員が5名以上であること" in answer["text"]
    assert "2名の場合、この要件を満たしません" in answer["text"]
    assert "事務局での審査で決まります" in answer["text"]
    assert [b["payload"] for b in offer["buttons"]] == [START_PAYLOAD]
    assert events == {"precheck_member_count": 2, PREFILLED_SLOT: True}


async def test_several_facts_fill_several_answers(dispatcher, domain, make_tracker):
    tracker = make_tracker(text="12人で金沢市内、営利じゃないです", intent="tell_situation")
    events = slot_events(await ActionAnswerSituation().run(dispatcher, tracker, domain))
    assert events == {
        "precheck_member_count": 12,
        "precheck_base_in_kanazawa": True,
        "precheck_non_profit": True,
        PREFILLED_SLOT: True,
    }


async def test_no_fact_read_gives_the_requirements_and_the_offer(dispatcher, domain, make_tracker):
    tracker = make_tracker(text="うちの団体のことなんですが", intent="tell_situation")
    events = await ActionAnswerSituation().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [RULES_RESPONSE, None]
    assert dispatcher.messages[1]["buttons"][0]["payload"] == START_PAYLOAD
    assert events == []


async def test_the_answer_in_easy_japanese(dispatcher, domain, make_tracker):
    tracker = make_tracker(text="会員が2名だけど申請できる？", intent="tell_situation", slots={"answer_style": "easy"})
    await ActionAnswerSituation().run(dispatcher, tracker, domain)
    assert "メンバーが 2人なら、この 条件（じょうけん）に 合いません" in texts(dispatcher)


async def test_the_pre_check_keeps_the_stated_answers(dispatcher, domain, make_tracker):
    slots = {"precheck_member_count": 2.0, "precheck_base_in_kanazawa": False, PREFILLED_SLOT: True}
    tracker = make_tracker(text="/start_precheck", intent="start_precheck", slots=slots)
    events = slot_events(await ActionStartPrecheck().run(dispatcher, tracker, domain))
    assert not any(s in events for s in SLOTS)
    assert events[PREFILLED_SLOT] is None and events["requested_slot"] is None
    assert responses(dispatcher) == ["utter_precheck_intro", None]
    assert "2点は回答済み" in dispatcher.messages[1]["text"]


async def test_restarting_or_a_stale_answer_still_clears(dispatcher, domain, make_tracker):
    prefilled = {"precheck_member_count": 2.0, PREFILLED_SLOT: True}
    restart = make_tracker(text="最初から", intent="restart_form", slots=prefilled, active_loop=FORM)
    assert slot_events(await ActionStartPrecheck().run(dispatcher, restart, domain))["precheck_member_count"] is None
    stale = make_tracker(text="登録できるか確認したい", intent="start_precheck", slots={"precheck_member_count": 2.0})
    assert slot_events(await ActionStartPrecheck().run(dispatcher, stale, domain))["precheck_member_count"] is None


async def test_an_answer_stating_several_facts_fills_them_all(dispatcher, domain, reply):
    tracker = reply("precheck_member_count", "12人で金沢市内、営利じゃないです", {"precheck_non_profit": None})
    events = await validate(dispatcher, domain, tracker)
    assert events["precheck_member_count"] == 12
    assert events["precheck_base_in_kanazawa"] is True and events["precheck_non_profit"] is True
    assert dispatcher.messages == []


async def test_an_answer_stating_only_other_facts_asks_again_without_a_failure(dispatcher, domain, reply):
    tracker = reply("precheck_open_to_citizens", "12人で金沢市内です", {FAILURES_SLOT: 1.0})
    events = await validate(dispatcher, domain, tracker)
    assert events["precheck_open_to_citizens"] is None and events[FAILURES_SLOT] == 1
    assert events["precheck_member_count"] == 12 and events["precheck_base_in_kanazawa"] is True
    assert dispatcher.messages == []


async def test_an_answer_does_not_overwrite_an_answer_given(dispatcher, domain, reply):
    tracker = reply("precheck_member_count", "8人で白山市です", {"precheck_base_in_kanazawa": True})
    events = await validate(dispatcher, domain, tracker)
    assert events["precheck_member_count"] == 8 and "precheck_base_in_kanazawa" not in events


def test_the_offer_button_is_a_payload_the_channels_let_through():
    assert START_PAYLOAD == "/start_precheck" and START_PAYLOAD in allowed_payloads()
    assert as_user_text(START_PAYLOAD, allowed_payloads()) == START_PAYLOAD
