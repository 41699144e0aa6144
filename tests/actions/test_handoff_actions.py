"""The handoff actions against a throw-away database: offer, form, stored request, pause, return, fallback."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from actions import handoff
from actions.fallback import ActionSuggestCandidates
from bot import db
from bot.core import handoff_rules as hl
from bot.core.japanese_calendar import TOKYO
from bot.core.texts import text

SENDER = "line-U0123456789abcdef0123456789abcdef"


def fixed_clock(monkeypatch, text: str) -> None:
    monkeypatch.setattr(handoff, "now_in_tokyo", lambda: datetime.fromisoformat(text).replace(tzinfo=TOKYO))


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


@pytest.mark.parametrize(
    "now, first_sentence",
    [
        ("2026-12-01 14:00", "ただいま金沢市市民活動サポートセンターの開館時間内です（本日午後10時まで）。"),
        (
            "2026-12-01 23:00",
            "ただいま金沢市市民活動サポートセンターは開館時間外です。次の開館は2026年12月2日（水）午前10時です。",
        ),
    ],
)
async def test_offer_in_and_out_of_hours(temp_db, monkeypatch, dispatcher, make_tracker, domain, now, first_sentence):
    fixed_clock(monkeypatch, now)
    events = await handoff.ActionOfferHandoff().run(dispatcher, make_tracker("人と話したい", "request_human"), domain)
    [message] = dispatcher.messages
    assert events == [] and message["text"].startswith(first_sentence)
    assert message["buttons"] == [{"title": "メッセージを残す", "payload": "/leave_message"}]


async def test_offer_follows_a_special_closure_in_the_database(temp_db, monkeypatch, dispatcher, make_tracker, domain):
    with temp_db.session_scope() as session:
        centre = next(f for f in temp_db.list_facilities(session) if f.key == "support_center")
        temp_db.set_special_day(session, centre.id, date(2026, 12, 1), False, "設備点検")
    fixed_clock(monkeypatch, "2026-12-01 14:00")
    await handoff.ActionOfferHandoff().run(dispatcher, make_tracker("担当者につないで", "request_human"), domain)
    assert "開館時間外です。次の開館は2026年12月2日（水）" in dispatcher.messages[0]["text"]


@pytest.mark.parametrize(
    "value, slot_value, response",
    [
        ("施設の予約について相談したいです", "施設の予約について相談したいです", None),
        ("", None, "utter_handoff_message_invalid"),
        ("あ" * 1001, None, "utter_handoff_message_invalid"),
    ],
)
def test_validate_message(dispatcher, make_tracker, domain, value, slot_value, response):
    got = handoff.ValidateHandoffForm().validate_handoff_message(value, dispatcher, make_tracker(value), domain)
    assert got == {"handoff_message": slot_value}
    assert [m["response"] for m in dispatcher.messages] == ([response] if response else [])


@pytest.mark.parametrize(
    "value, slot_value, response",
    [
        ("090-1234-5678", "090-1234-5678", None),
        ("連絡先は伝えない", "", None),
        ("明日の午後がいいです", None, "utter_handoff_contact_invalid"),
    ],
)
def test_validate_contact(dispatcher, make_tracker, domain, value, slot_value, response):
    got = handoff.ValidateHandoffForm().validate_handoff_contact(value, dispatcher, make_tracker(value), domain)
    assert got == {"handoff_contact": slot_value}
    assert [m["response"] for m in dispatcher.messages] == ([response] if response else [])


def history() -> list[dict[str, Any]]:
    return [
        {
            "event": "user",
            "text": "交流ホールは予約できますか",
            "timestamp": 1000.0,
            "parse_data": {"intent": {"name": "nlu_fallback"}},
        },
        {"event": "bot", "text": "すみません、ご質問の意味を確かめさせてください。", "timestamp": 1000.5},
        {
            "event": "user",
            "text": "人と話したい",
            "timestamp": 1001.0,
            "parse_data": {"intent": {"name": "request_human"}},
        },
        {"event": "bot", "text": "ただいま…", "timestamp": 1001.5},
        {
            "event": "user",
            "text": "/leave_message",
            "timestamp": 1002.0,
            "parse_data": {"intent": {"name": "leave_message"}},
        },
    ]


@pytest.mark.parametrize(
    "contact, stored, note",
    [("090-1234-5678", "090-1234-5678", "お預かりした連絡先へ"), ("", None, "連絡先をお預かりしていないため")],
)
async def test_create_stores_the_request_confirms_and_pauses(
    temp_db, monkeypatch, dispatcher, make_tracker, domain, contact, stored, note
):
    fixed_clock(monkeypatch, "2026-12-01 14:00")
    tracker = make_tracker(
        contact or "連絡先は伝えない",
        "deny",
        sender_id=SENDER,
        channel="line",
        events=history(),
        slots={"handoff_message": "交流ホールの予約方法を知りたいです", "handoff_contact": contact},
    )
    events = await handoff.ActionCreateHandoff().run(dispatcher, tracker, domain)
    assert slot_events(events) == {"handoff_message": None, "handoff_contact": None, "handoff_pending": True}
    with temp_db.session_scope() as session:
        [row] = session.execute(select(temp_db.HandoffRequest)).scalars().all()
        assert (row.channel, row.sender_id, row.status) == ("line", SENDER, "open")
        assert (row.message, row.contact) == ("交流ホールの予約方法を知りたいです", stored)
        assert [line["text"] for line in row.transcript] == [
            "交流ホールは予約できますか",
            "すみません、ご質問の意味を確かめさせてください。",
        ]
    [message] = dispatcher.messages
    assert message["text"].startswith(f"メッセージをお預かりしました（受付番号 {row.id}）。担当者が確認します。")
    assert note in message["text"] and message["buttons"] == [hl.back_to_bot_button()]


async def test_create_without_a_database_gives_the_phone_number(temp_db, monkeypatch, dispatcher, make_tracker, domain):
    def broken(tracker):
        raise RuntimeError("database is down")

    monkeypatch.setattr(handoff, "store_request", broken)
    tracker = make_tracker("090-1234-5678", slots={"handoff_message": "相談", "handoff_contact": "090-1234-5678"})
    events = await handoff.ActionCreateHandoff().run(dispatcher, tracker, domain)
    assert "handoff_pending" not in slot_events(events)
    assert dispatcher.messages[0]["text"] == hl.save_failed_text()


def open_request(db, sender: str = SENDER) -> int:
    with db.session_scope() as session:
        return db.add_row(session, db.HandoffRequest, sender_id=sender, channel="webchat", message="相談です").id


async def test_messages_while_waiting_are_stored_until_the_coordinator_closes(
    temp_db, dispatcher, make_tracker, domain
):
    request_id = open_request(temp_db)
    tracker = make_tracker("まだですか", "nlu_fallback", sender_id=SENDER, slots={"handoff_pending": True})
    assert await handoff.ActionHandoffPending().run(dispatcher, tracker, domain) == []
    assert dispatcher.messages[-1]["text"] == text("handoff.waiting")
    assert dispatcher.messages[-1]["buttons"] == [{"title": "ボットに戻る", "payload": "/back_to_bot"}]
    with temp_db.session_scope() as session:
        assert temp_db.set_handoff_status(session, request_id, "claimed", "coordinator") is not None
        assert [f["text"] for f in session.get(temp_db.HandoffRequest, request_id).followups] == ["まだですか"]
    await handoff.ActionHandoffPending().run(
        dispatcher, make_tracker("よろしくお願いします", "thanks", sender_id=SENDER), domain
    )
    await handoff.ActionHandoffPending().run(
        dispatcher, make_tracker("/feedback_good", "feedback_good", sender_id=SENDER), domain
    )
    assert dispatcher.messages[-1]["text"] == text("handoff.waiting")
    with temp_db.session_scope() as session:
        temp_db.set_handoff_status(session, request_id, "closed")
    events = await handoff.ActionHandoffPending().run(
        dispatcher, make_tracker("協働とは", "faq", sender_id=SENDER), domain
    )
    assert slot_events(events) == {"handoff_pending": False} and dispatcher.messages[-1]["text"] == text(
        "handoff.closed"
    )
    with temp_db.session_scope() as session:
        assert len(session.get(temp_db.HandoffRequest, request_id).followups) == 2  # not after closing


async def test_back_to_bot_resumes_and_notes_it_on_the_request(temp_db, dispatcher, make_tracker, domain):
    request_id = open_request(temp_db)
    events = await handoff.ActionResumeBot().run(
        dispatcher, make_tracker("ボットに戻る", "back_to_bot", sender_id=SENDER), domain
    )
    assert slot_events(events) == {"handoff_pending": False}
    assert dispatcher.messages[0]["text"] == text("handoff.resumed")
    with temp_db.session_scope() as session:
        [note] = session.get(temp_db.HandoffRequest, request_id).followups
    assert note["who"] == "system" and "ボットに戻りました" in note["text"]


async def test_cancel_leaves_the_form_and_stores_nothing(temp_db, dispatcher, make_tracker, domain):
    events = await handoff.ActionCancelHandoff().run(dispatcher, make_tracker("やめる", "cancel_form"), domain)
    assert {"event": "active_loop", "name": None} in [{k: e.get(k) for k in ("event", "name")} for e in events]
    assert dispatcher.messages[0]["response"] == "utter_handoff_cancelled"
    with temp_db.session_scope() as session:
        assert session.execute(select(temp_db.HandoffRequest)).first() is None


def fallback_tracker(make_tracker, text: str, earlier: list[str]) -> Any:
    events = []
    for i, intent in enumerate(earlier):
        events += [
            {"event": "user", "text": f"m{i}", "parse_data": {"intent": {"name": intent}}},
            {"event": "bot", "text": "…"},
        ]
    ranking = [{"name": "nlu_fallback", "confidence": 0.55}, {"name": "out_of_scope", "confidence": 0.3}]
    return make_tracker(
        text, "nlu_fallback", 0.55, intent_ranking=ranking, events=events, channel="webchat", sender_id=SENDER
    )


@pytest.mark.parametrize(
    "earlier, offered", [([], False), (["faq"], False), (["nlu_fallback"], True), (["nlu_fallback", "faq"], False)]
)
async def test_fallback_logs_the_message_and_offers_a_person_on_the_second(
    temp_db, dispatcher, make_tracker, domain, earlier, offered
):
    await ActionSuggestCandidates().run(dispatcher, fallback_tracker(make_tracker, "ほげほげ", earlier), domain)
    responses = [m["response"] for m in dispatcher.messages]
    assert responses[0] == "utter_out_of_scope"
    assert ("utter_offer_handoff" in responses) is offered
    if offered:
        [button] = domain["responses"]["utter_offer_handoff"][0]["buttons"]
        assert button["payload"] == "/request_human"
    with temp_db.session_scope() as session:
        [row] = session.execute(select(temp_db.FallbackTurn)).scalars().all()
    assert (row.text, row.channel, row.sender_id, row.intent, row.confidence) == (
        "ほげほげ",
        "webchat",
        SENDER,
        "out_of_scope",
        0.3,
    )


def test_conversation_keys_fit_the_columns():
    assert db.conversation_keys("s" * 300, "c" * 100) == {"sender_id": "s" * 200, "channel": "c" * 64}
    assert db.conversation_keys(None, None) == {"sender_id": "", "channel": ""}
