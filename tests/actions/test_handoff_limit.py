"""The daily limit of handoff requests per sender (hl.MAX_REQUESTS_PER_DAY in the last 24 hours), and /restart
while waiting (actions/restart.py), against a throw-away database."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from actions import handoff
from actions.restart import ActionRestart
from bot.core import handoff_rules as hl
from bot.core.facilities import default_info
from bot.core.texts import text

SENDER = "webchat-limit-a"
OTHER = "webchat-limit-b"


def add_requests(db, sender: str, count: int, age: timedelta = timedelta(0)) -> None:
    with db.session_scope() as session:
        for _ in range(count):
            db.add_row(
                session,
                db.HandoffRequest,
                sender_id=sender,
                channel="rest",
                message="相談です",
                created_at=db.utcnow() - age,
            )


def stored(db, sender: str) -> int:
    with db.session_scope() as session:
        stmt = select(func.count()).select_from(db.HandoffRequest).where(db.HandoffRequest.sender_id == sender)
        return int(session.execute(stmt).scalar_one())


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def form_tracker(make_tracker, sender: str):
    return make_tracker(
        "連絡先は伝えない", "deny", sender_id=sender, slots={"handoff_message": "相談したいです", "handoff_contact": ""}
    )


def test_the_note_gives_the_centres_phone_number_and_says_messages_arrived():
    note = hl.limit_text()
    assert default_info(hl.CENTRE_KEY).tel in note and "届いています" in note
    assert hl.MAX_REQUESTS_PER_DAY == 3 and not hl.limit_reached(2) and hl.limit_reached(3)


async def test_three_requests_are_stored_and_the_fourth_is_refused(temp_db, dispatcher, make_tracker, domain):
    for n in range(1, 4):
        events = await handoff.ActionCreateHandoff().run(dispatcher, form_tracker(make_tracker, SENDER), domain)
        assert slot_events(events)["handoff_pending"] is True and stored(temp_db, SENDER) == n
    dispatcher.messages.clear()
    events = await handoff.ActionCreateHandoff().run(dispatcher, form_tracker(make_tracker, SENDER), domain)
    assert stored(temp_db, SENDER) == 3
    assert slot_events(events) == {"handoff_message": None, "handoff_contact": None}  # no pause
    assert [m["text"] for m in dispatcher.messages] == [hl.limit_text()]
    assert dispatcher.messages[0]["buttons"] == []


async def test_the_offer_past_the_limit_is_only_the_note(temp_db, dispatcher, make_tracker, domain):
    add_requests(temp_db, SENDER, 3)
    events = await handoff.ActionOfferHandoff().run(
        dispatcher, make_tracker("人と話したい", "request_human", sender_id=SENDER), domain
    )
    assert events == [] and [m["text"] for m in dispatcher.messages] == [hl.limit_text()]
    assert dispatcher.messages[0]["buttons"] == []  # no 「メッセージを残す」


async def test_another_sender_is_not_affected(temp_db, dispatcher, make_tracker, domain):
    add_requests(temp_db, SENDER, 3)
    await handoff.ActionOfferHandoff().run(
        dispatcher, make_tracker("人と話したい", "request_human", sender_id=OTHER), domain
    )
    assert dispatcher.messages[0]["buttons"] == [hl.leave_message_button()]
    events = await handoff.ActionCreateHandoff().run(dispatcher, form_tracker(make_tracker, OTHER), domain)
    assert slot_events(events)["handoff_pending"] is True and stored(temp_db, OTHER) == 1


async def test_requests_older_than_24_hours_do_not_count(temp_db, dispatcher, make_tracker, domain):
    add_requests(temp_db, SENDER, 5, age=timedelta(hours=24, minutes=1))
    add_requests(temp_db, SENDER, 2, age=timedelta(hours=23))
    events = await handoff.ActionCreateHandoff().run(dispatcher, form_tracker(make_tracker, SENDER), domain)
    assert slot_events(events)["handoff_pending"] is True and stored(temp_db, SENDER) == 8
    with temp_db.session_scope() as session:
        since = hl.limit_since(temp_db.utcnow())
        assert temp_db.count_handoffs_since(session, SENDER, since) == 3


async def test_restart_while_waiting_notes_the_return_and_restarts(temp_db, dispatcher, make_tracker, domain):
    add_requests(temp_db, SENDER, 1)
    tracker = make_tracker("/restart", "restart", sender_id=SENDER, slots={"handoff_pending": True})
    events = await ActionRestart().run(dispatcher, tracker, domain)
    assert [e["event"] for e in events] == ["restart"]
    with temp_db.session_scope() as session:
        [row] = session.execute(select(temp_db.HandoffRequest)).scalars().all()
        assert [(f["who"], f["text"]) for f in row.followups] == [("system", text("handoff.resumed_note"))]


async def test_restart_when_not_waiting_notes_nothing(temp_db, dispatcher, make_tracker, domain):
    add_requests(temp_db, SENDER, 1)
    events = await ActionRestart().run(dispatcher, make_tracker("/restart", "restart", sender_id=SENDER), domain)
    assert [e["event"] for e in events] == ["restart"]
    with temp_db.session_scope() as session:
        assert session.execute(select(temp_db.HandoffRequest)).scalars().one().followups == []


async def test_restart_without_a_database_still_restarts(monkeypatch, dispatcher, make_tracker, domain):
    def broken(*args):
        raise RuntimeError("database is down")

    monkeypatch.setattr("actions.restart.pending_request_note", broken)
    tracker = make_tracker("/restart", "restart", sender_id=SENDER, slots={"handoff_pending": True})
    assert [e["event"] for e in await ActionRestart().run(dispatcher, tracker, domain)] == ["restart"]


def test_action_restart_overrides_rasas_default_in_the_domain(domain):
    assert "action_restart" in domain["actions"]
