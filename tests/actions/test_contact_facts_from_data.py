"""The phone numbers the bot composes are the facility records of data/facilities.yml: the opening-hours apology,
the handoff offer, its confirmation and its save failure. No number is written in Python or in data/texts/."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from actions import handoff, opening_hours
from bot.core import handoff_rules as hl
from bot.core.facilities import contacts
from bot.core.japanese_calendar import TOKYO

ROOT = Path(__file__).resolve().parents[2]
TEL = re.compile(r"TEL ([0-9-]+)")
PHONE_NUMBER = re.compile(r"\d{2,4}-\d{2,4}-\d{4}")


def phones(text: str) -> list[str]:
    return TEL.findall(text)


def centre_tel() -> str:
    return contacts()["support_center"]["tel"]


def test_the_opening_hours_apology_names_both_facilities_as_the_data_does(monkeypatch):
    def broken(start, end):
        raise RuntimeError("database is down")

    monkeypatch.setattr(opening_hours, "load_snapshot", broken)
    reply = opening_hours.reply_for("明日は開いてる？", datetime(2027, 1, 6, 15, 0, tzinfo=TOKYO))
    assert reply == opening_hours.unavailable_text()
    assert phones(reply) == [contacts()["kouryukan"]["tel"], centre_tel()]
    for key in ("kouryukan", "support_center"):
        assert f"{contacts()[key]['name']}（TEL {contacts()[key]['tel']}）" in reply


@pytest.mark.parametrize("now", ["2026-12-01 14:00", "2026-12-01 23:00"])
async def test_the_handoff_offer_gives_the_centre_number_of_the_data(
    temp_db, monkeypatch, dispatcher, make_tracker, domain, now
):
    monkeypatch.setattr(handoff, "now_in_tokyo", lambda: datetime.fromisoformat(now).replace(tzinfo=TOKYO))
    await handoff.ActionOfferHandoff().run(dispatcher, make_tracker("人と話したい", "request_human"), domain)
    assert phones(dispatcher.messages[0]["text"]) == [centre_tel()]


def test_without_the_database_the_centre_is_the_record_of_the_data(monkeypatch):
    from bot import db

    def broken(start, end):
        raise RuntimeError("database is down")

    monkeypatch.setattr(db, "load_snapshot", broken)
    av, centre = handoff.centre_availability(datetime(2026, 12, 1, 14, 0, tzinfo=TOKYO))
    assert centre == hl.default_centre() and av.open_now
    assert (centre.name, centre.tel) == (contacts()["support_center"]["name"], centre_tel())
    assert phones(hl.offer_text(av, centre)) == [centre_tel()]


def test_the_confirmation_without_a_contact_and_the_save_failure_give_the_centre_number():
    closed = hl.availability(hl.default_centre(), {}, datetime(2026, 11, 30, 12, 0, tzinfo=TOKYO))
    assert phones(hl.confirmation_text(1, False, closed)) == [centre_tel()]
    assert phones(hl.confirmation_text(1, True, closed)) == []
    assert phones(hl.save_failed_text()) == [centre_tel()]
    assert contacts()["support_center"]["name"] in hl.save_failed_text()


def test_the_buttons_are_read_from_the_data():
    assert hl.leave_message_button() == {"title": "メッセージを残す", "payload": "/leave_message"}
    assert hl.back_to_bot_button() == {"title": "ボットに戻る", "payload": "/back_to_bot"}


def test_no_phone_number_is_written_outside_data_facilities():
    paths = sorted((ROOT / "data" / "texts").glob("*.yml"))
    paths += sorted(p for d in ("bot", "actions") for p in (ROOT / d).rglob("*.py"))
    found = [f"{p.relative_to(ROOT)}: {m}" for p in paths for m in PHONE_NUMBER.findall(p.read_text(encoding="utf-8"))]
    assert found == []
