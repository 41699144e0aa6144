"""The pure handoff logic: open or closed by the calendar rule, what the bot offers, contacts, transcripts."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest

from bot.core import handoff_rules as hl
from bot.core.calendar_rule import SpecialDayInfo
from bot.core.japanese_calendar import TOKYO
from bot.core.texts import text as bot_text

CENTRE = hl.default_centre()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TOKYO)


@pytest.mark.parametrize(
    "now, open_now, next_phrase",
    [
        ("2026-12-01 14:00", True, ""),  # Tuesday, within 10:00-22:00
        ("2026-12-01 10:00", True, ""),
        ("2026-12-01 09:59", False, "本日午前10時"),
        ("2026-12-01 22:00", False, "2026年12月2日（水）午前10時"),
        ("2026-11-30 12:00", False, "2026年12月1日（火）午前10時"),  # every Monday closed
        ("2026-12-28 15:00", False, "2027年1月5日（火）午前10時"),  # Monday, then 12/29-1/3, then Monday 1/4
        ("2027-01-12 11:00", False, "2027年1月13日（水）午前10時"),  # the weekday after 成人の日 (Mon 1/11)
    ],
)
def test_availability_follows_the_calendar_rule(now: str, open_now: bool, next_phrase: str) -> None:
    av = hl.availability(CENTRE, {}, at(now))
    assert av.open_now is open_now
    assert hl.next_opening_phrase(av) == next_phrase
    if open_now:
        assert av.closes == time(22, 0)


def test_a_special_closure_closes_the_centre() -> None:
    special = {date(2026, 12, 1): SpecialDayInfo(date(2026, 12, 1), False, "設備点検")}
    av = hl.availability(CENTRE, special, at("2026-12-01 14:00"))
    assert not av.open_now and hl.next_opening_phrase(av) == "2026年12月2日（水）午前10時"


def test_open_offer_names_phone_online_consultation_and_message() -> None:
    text = hl.offer_text(hl.availability(CENTRE, {}, at("2026-12-01 14:00")), CENTRE)
    assert text.startswith("ただいま金沢市市民活動サポートセンターの開館時間内です（本日午後10時まで）。")
    options = [line for line in text.splitlines() if line.startswith("・")]
    assert len(options) == 3
    assert "TEL 076-225-7763" in options[0]
    assert "オンライン相談" in options[1] and "http" not in text
    assert "メッセージを残す" in options[2]


def test_closed_offer_says_when_it_opens_and_offers_a_message() -> None:
    text = hl.offer_text(hl.availability(CENTRE, {}, at("2026-11-30 12:00")), CENTRE)
    assert text.startswith(
        "ただいま金沢市市民活動サポートセンターは開館時間外です。次の開館は2026年12月1日（火）午前10時です。"
    )
    assert "メッセージを残してください" in text and "オンライン相談" not in text


@pytest.mark.parametrize(
    "contact_given, expected", [(True, "お預かりした連絡先へ"), (False, "連絡先をお預かりしていないため")]
)
def test_confirmation_has_the_number_the_contact_note_and_the_waiting_note(contact_given: bool, expected: str) -> None:
    text = hl.confirmation_text(42, contact_given, hl.availability(CENTRE, {}, at("2026-11-30 12:00")))
    assert text.startswith(
        "メッセージをお預かりしました（受付番号 42）。開館後（2026年12月1日（火）午前10時以降）に担当者が確認します。"
    )
    assert expected in text
    assert text.endswith(bot_text("handoff.waiting")) and "「ボットに戻る」" in bot_text("handoff.waiting")


@pytest.mark.parametrize(
    "text, kind, value",
    [
        ("090-1234-5678", "given", "090-1234-5678"),
        ("０７６ー２２５ー７７６３", "given", "076ー225ー7763"),
        ("電話 (076) 225-7763 平日の夜", "given", "電話 (076) 225-7763 平日の夜"),
        ("tanaka@example.jp", "given", "tanaka@example.jp"),
        (
            "メールで ｔａｎａｋａ＠ｅｘａｍｐｌｅ．ｊｐ にお願いします",
            "given",
            "メールで tanaka@example.jp にお願いします",
        ),
        ("連絡先は伝えない", "declined", None),
        ("不要です", "declined", None),
        ("教えません", "declined", None),
        ("なしで", "declined", None),
        ("結構です", "declined", None),
        ("やめます", "declined", None),
        ("キャンセル", "declined", None),
        ("あした", "invalid", None),
        ("123", "invalid", None),
        ("", "invalid", None),
    ],
)
def test_parse_contact(text: str, kind: str, value: str | None) -> None:
    assert hl.parse_contact(text) == hl.ContactAnswer(kind, value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("  団体の立ち上げについて相談したい  ", "団体の立ち上げについて相談したい"),
        ("", None),
        ("   ", None),
        ("/leave_message", None),
        ("あ" * 1001, None),
        ("あ" * 1000, "あ" * 1000),
    ],
)
def test_clean_message(text: str, expected: str | None) -> None:
    assert hl.clean_message(text) == expected


def user(text: str, intent: str, ts: float) -> dict[str, Any]:
    return {"event": "user", "text": text, "timestamp": ts, "parse_data": {"intent": {"name": intent}}}


def bot(text: str, ts: float) -> dict[str, Any]:
    return {"event": "bot", "text": text, "timestamp": ts}


def conversation(turns: int) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = [{"event": "action", "name": "action_listen", "timestamp": 0.0}]
    for i in range(turns):
        events += [
            user(f"質問{i}", "faq", 1000.0 + i),
            bot(f"回答{i}", 1000.5 + i),
            {"event": "action", "name": "action_listen"},
        ]
    return events


def test_transcript_keeps_the_last_ten_turns_before_the_handoff() -> None:
    events = conversation(12) + [
        user("人と話したい", "request_human", 2000.0),
        bot("ただいま…", 2000.5),
        user("/leave_message", "leave_message", 2001.0),
        bot("担当者へのメッセージを…", 2001.5),
        user("相談です", "request_human", 2002.0),
    ]
    lines = hl.transcript(events)
    assert [line["text"] for line in lines] == [t for i in range(2, 12) for t in (f"質問{i}", f"回答{i}")]
    assert [line["who"] for line in lines[:2]] == ["user", "bot"]
    assert lines[0]["at"] == datetime.utcfromtimestamp(1002.0).isoformat()


def test_transcript_without_request_human_starts_at_leave_message() -> None:
    events = conversation(2) + [user("メッセージを残したい", "leave_message", 3000.0), user("相談です", "faq", 3001.0)]
    assert [line["text"] for line in hl.transcript(events)] == ["質問0", "回答0", "質問1", "回答1"]


@pytest.mark.parametrize(
    "intents, expected",
    [
        (["faq", "nlu_fallback", "nlu_fallback"], 2),
        (["nlu_fallback", "faq", "nlu_fallback"], 1),
        (["faq"], 0),
        (["nlu_fallback"], 1),
        ([], 0),
    ],
)
def test_consecutive_fallbacks(intents: list[str], expected: int) -> None:
    events: list[dict[str, Any]] = []
    for i, intent in enumerate(intents):
        events += [user(f"m{i}", intent, float(i)), bot("…", i + 0.5)]
    assert hl.consecutive_fallbacks(events) == expected


def test_an_unsure_follow_up_answered_from_the_topic_ends_the_run_of_fallbacks() -> None:
    answered = {
        **bot("金沢学生のまち市民交流館の連絡先は…", 1.5),
        "metadata": {"utter_action": "utter_faq/kouryukan_contact"},
    }
    did_you_mean = {**bot("すみません、ご質問の意味を…", 0.5), "metadata": {"utter_action": "utter_did_you_mean"}}
    events = [user("m0", "nlu_fallback", 0.0), did_you_mean, user("そこの電話は", "nlu_fallback", 1.0), answered]
    assert hl.consecutive_fallbacks([*events, user("m2", "nlu_fallback", 2.0)]) == 1
    assert hl.consecutive_fallbacks(events[:2] + [user("m2", "nlu_fallback", 2.0)]) == 2


def test_likeliest_other_intent_skips_the_fallback() -> None:
    parse = {"intent_ranking": [{"name": "nlu_fallback", "confidence": 0.55}, {"name": "faq", "confidence": 0.4}]}
    assert hl.likeliest_other_intent(parse) == ("faq", 0.4)
    assert hl.likeliest_other_intent({}) == (None, None)
