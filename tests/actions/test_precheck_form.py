"""The pre-check form's actions: validation of typed replies, the verdict, storing, cancel and restart."""

from __future__ import annotations

from typing import Any

import pytest

from actions.precheck_form import (
    FAILURES_SLOT,
    SLOT_KEYS,
    ActionCancelPrecheck,
    ActionReportPrecheck,
    ActionStartPrecheck,
)
from bot.core import eligibility as el
from tests.actions.precheck_support import FORM, SLOTS, responses, slot_events, texts, validate

HAPPY_SLOTS: dict[str, Any] = {
    "precheck_open_to_citizens": True,
    "precheck_non_profit": True,
    "precheck_continuing_activity": True,
    "precheck_member_count": 8.0,
    "precheck_base_in_kanazawa": True,
    "precheck_political_religious": False,
    "precheck_mutual_aid_or_hobby": False,
    "precheck_is_corporation": False,
}


@pytest.mark.parametrize(
    "slot, text, expected",
    [
        ("precheck_open_to_citizens", "うん", True),
        ("precheck_open_to_citizens", "会員限定です", False),
        ("precheck_non_profit", "営利目的ではない", True),
        ("precheck_non_profit", "営利目的です", False),
        ("precheck_continuing_activity", "毎月やってます", True),
        ("precheck_member_count", "8人です", 8),
        ("precheck_member_count", "メンバーは3名", 3),
        ("precheck_member_count", "十二人", 12),
        ("precheck_member_count", "８名", 8),
        ("precheck_base_in_kanazawa", "金沢市内で活動しています", True),
        ("precheck_base_in_kanazawa", "白山市です", False),
        ("precheck_political_religious", "してない", False),
        ("precheck_political_religious", "していません", False),
        ("precheck_mutual_aid_or_hobby", "ちがう", False),
        ("precheck_is_corporation", "NPO法人です", True),
        ("precheck_is_corporation", "任意団体です", False),
    ],
)
async def test_typed_reply_fills_the_slot(dispatcher, domain, reply, slot, text, expected):
    events = await validate(dispatcher, domain, reply(slot, text, {FAILURES_SLOT: 1.0}))
    assert events[slot] == expected and type(events[slot]) is type(expected)
    assert events[FAILURES_SLOT] == 0
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    "slot, text, retry",
    [
        ("precheck_open_to_citizens", "ありがとう", "utter_precheck_retry_yes_no"),
        ("precheck_political_religious", "わかりません", "utter_precheck_retry_yes_no"),
        ("precheck_member_count", "はい", "utter_precheck_retry_member_count"),
        ("precheck_base_in_kanazawa", "石川県です", "utter_precheck_retry_place"),
        ("precheck_is_corporation", "大丈夫です", "utter_precheck_retry_legal_form"),
    ],
)
async def test_reply_not_understood_is_asked_again(dispatcher, domain, reply, slot, text, retry):
    events = await validate(dispatcher, domain, reply(slot, text))
    assert events[slot] is None and events[FAILURES_SLOT] == 1
    assert responses(dispatcher) == [retry]


async def test_second_failure_offers_a_person_and_starts_counting_again(dispatcher, domain, reply):
    events = await validate(dispatcher, domain, reply("precheck_member_count", "たくさん", {FAILURES_SLOT: 1.0}))
    assert events["precheck_member_count"] is None and events[FAILURES_SLOT] == 0
    assert responses(dispatcher) == [
        "utter_precheck_retry_member_count",
        "utter_precheck_offer_human",
        "utter_human_contact",
    ]


async def test_a_reset_is_not_a_failed_reply(dispatcher, domain, make_tracker):
    tracker = make_tracker(text="最初から", intent="restart_form", active_loop=FORM)
    tracker.events.extend({"event": "slot", "name": s, "value": None, "timestamp": None} for s in SLOTS)
    events = await validate(dispatcher, domain, tracker)
    assert all(events.get(s) is None for s in SLOTS) and FAILURES_SLOT not in events
    assert dispatcher.messages == []


def test_domain_has_every_question_with_buttons_and_every_response(domain):
    assert domain["forms"]["precheck_form"]["required_slots"] == SLOTS
    for slot in SLOTS:
        mapping = domain["slots"][slot]["mappings"][0]
        assert mapping["type"] == "from_text"
        assert {"faq", "cancel_form", "restart_form"} <= set(mapping["not_intent"])
        assert mapping["conditions"] == [{"active_loop": "precheck_form", "requested_slot": slot}]
        assert domain["responses"][f"utter_ask_{slot}"][0]["buttons"]
    for slot in set(SLOTS) - {"precheck_member_count"}:
        titles = [b["title"] for b in domain["responses"][f"utter_ask_{slot}"][0]["buttons"]]
        assert titles[0].startswith("はい") and titles[1].startswith("いいえ")
    for name in [
        "utter_precheck_retry_yes_no",
        "utter_precheck_retry_member_count",
        "utter_precheck_retry_place",
        "utter_precheck_retry_legal_form",
        "utter_precheck_offer_human",
        "utter_human_contact",
        "utter_precheck_intro",
        "utter_precheck_restart",
        "utter_precheck_cancelled",
        "utter_precheck_nothing_to_cancel",
        "utter_precheck_incomplete",
    ]:
        assert name in domain["responses"]
    for action in [
        "validate_precheck_form",
        "action_report_precheck",
        "action_start_precheck",
        "action_cancel_precheck",
    ]:
        assert action in domain["actions"]


async def test_report_eligible_group_gets_documents_and_is_stored(dispatcher, domain, make_tracker, temp_db):
    tracker = make_tracker(
        text="任意団体です", intent="inform_precheck", slots=HAPPY_SLOTS, channel="socketio", sender_id="citizen-42"
    )
    events = slot_events(await ActionReportPrecheck().run(dispatcher, tracker, domain))
    text = texts(dispatcher)
    assert "・団体の構成員名簿（任意団体のみ）" in text and "・登録申請書" in text
    assert "各種書類の提出 → 事務局での審査 → 登録完了" in text
    assert dispatcher.messages[-1]["text"] == el.DISCLAIMER
    assert all(events[s] is None for s in SLOTS) and events[FAILURES_SLOT] is None
    with temp_db.session_scope() as session:
        rows = temp_db.list_prechecks(session)
        assert len(rows) == 1
        row = rows[0]
        assert row.verdict == "eligible" and row.failed == [] and row.channel == "socketio"
        assert row.answers == {**{k: HAPPY_SLOTS[s] for s, k in SLOT_KEYS.items()}, el.MEMBER_COUNT: 8}
        stored = repr({c.name: getattr(row, c.name) for c in row.__table__.columns})
    assert "citizen-42" not in stored and "任意団体です" not in stored


async def test_report_three_members_told_about_five_member_rule(dispatcher, domain, make_tracker, temp_db):
    slots = {**HAPPY_SLOTS, "precheck_member_count": 3.0}
    tracker = make_tracker(text="いいえ", intent="deny", slots=slots)
    await ActionReportPrecheck().run(dispatcher, tracker, domain)
    text = texts(dispatcher)
    assert "✗ ④ 構成員が5名以上であること" in text and "構成員は3名とのご回答でした。" in text
    assert "TEL 076-225-7763" in text and "登録申請書" not in text
    with temp_db.session_scope() as session:
        row = temp_db.list_prechecks(session)[0]
        assert (row.verdict, row.failed, row.answers[el.MEMBER_COUNT]) == ("not_eligible", ["member_count"], 3)


async def test_report_without_all_answers_stores_nothing(dispatcher, domain, make_tracker, temp_db):
    slots = {**HAPPY_SLOTS, "precheck_is_corporation": None}
    await ActionReportPrecheck().run(dispatcher, make_tracker(slots=slots), domain)
    assert responses(dispatcher) == ["utter_precheck_incomplete"]
    with temp_db.session_scope() as session:
        assert temp_db.list_prechecks(session) == []


async def test_report_still_answers_when_the_database_fails(dispatcher, domain, make_tracker, tmp_path, monkeypatch):
    from bot import db

    (tmp_path / "file").write_text("not a directory")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'file' / 'x.db'}")
    db.reset_engine()
    try:
        events = await ActionReportPrecheck().run(dispatcher, make_tracker(slots=HAPPY_SLOTS), domain)
    finally:
        db.reset_engine()
    assert "・登録申請書" in texts(dispatcher) and slot_events(events)["precheck_open_to_citizens"] is None


def test_list_prechecks_filters_and_orders_newest_first(temp_db):
    import datetime as dt

    with temp_db.session_scope() as session:
        for day, verdict in [(1, "eligible"), (3, "not_eligible"), (2, "not_eligible")]:
            temp_db.save_precheck(
                session,
                {"member_count": day},
                verdict,
                [],
                "rest",
                at=dt.datetime(2024, 5, day, 9, tzinfo=dt.timezone.utc),
            )
    with temp_db.session_scope() as session:
        assert [r.answers["member_count"] for r in temp_db.list_prechecks(session)] == [3, 2, 1]
        assert [r.answers["member_count"] for r in temp_db.list_prechecks(session, verdict="not_eligible")] == [3, 2]
        assert len(temp_db.list_prechecks(session, limit=1)) == 1


@pytest.mark.parametrize(
    "intent, response", [("start_precheck", "utter_precheck_intro"), ("restart_form", "utter_precheck_restart")]
)
async def test_start_and_restart_clear_the_answers(dispatcher, domain, make_tracker, intent, response):
    tracker = make_tracker(text="最初から", intent=intent, slots=HAPPY_SLOTS, active_loop=FORM)
    events = slot_events(await ActionStartPrecheck().run(dispatcher, tracker, domain))
    assert responses(dispatcher) == [response]
    assert all(events[s] is None for s in SLOTS) and events["requested_slot"] is None


async def test_cancel_ends_the_form_and_forgets_the_answers(dispatcher, domain, make_tracker):
    tracker = make_tracker(text="やめる", intent="cancel_form", slots=HAPPY_SLOTS, active_loop=FORM)
    events = await ActionCancelPrecheck().run(dispatcher, tracker, domain)
    assert {"event": "active_loop", "name": None} in [{k: e.get(k) for k in ("event", "name")} for e in events]
    assert all(slot_events(events)[s] is None for s in SLOTS)
    assert responses(dispatcher) == ["utter_precheck_cancelled"]


async def test_cancel_without_a_running_check(dispatcher, domain, make_tracker):
    events = await ActionCancelPrecheck().run(dispatcher, make_tracker(text="やめる", intent="cancel_form"), domain)
    assert events == [] and responses(dispatcher) == ["utter_precheck_nothing_to_cancel"]
