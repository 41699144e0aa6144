"""👍/👎 after a FAQ answer: which answer a press rates, what is stored, and the optional word after 👎."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from actions import feedback
from bot.core.feedback_rules import RatedAnswer, clean_comment, rated_answer

QUESTION = "ｻﾎﾟｰﾄｾﾝﾀｰの電話番号は？"


def faq_event(
    text: str = QUESTION, key: str = "faq/support_center_contact", confidence: float = 0.93
) -> dict[str, Any]:
    parse = {
        "text": text,
        "intent": {"name": "faq", "confidence": confidence},
        "response_selector": {
            "faq": {
                "response": {"intent_response_key": key, "confidence": 0.88},
                "ranking": [{"intent_response_key": key, "confidence": 0.88}],
            }
        },
    }
    return {"event": "user", "text": text, "parse_data": parse, "input_channel": "line"}


def answered(*extra: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        faq_event(),
        {"event": "bot", "text": "金沢市市民活動サポートセンターの連絡先は…"},
        {"event": "bot", "text": "この回答は役に立ちましたか？"},
        *extra,
    ]


def test_a_press_rates_the_faq_question_just_before_it() -> None:
    press = {"event": "user", "text": "/feedback_good", "parse_data": {"intent": {"name": "feedback_good"}}}
    assert rated_answer(answered(press)) == RatedAnswer(QUESTION, "faq/support_center_contact", 0.93)


@pytest.mark.parametrize(
    "before",
    [[], [{"event": "user", "text": "こんにちは", "parse_data": {"intent": {"name": "greet", "confidence": 0.99}}}]],
)
def test_a_press_after_anything_else_rates_nothing(before: list[dict[str, Any]]) -> None:
    press = {"event": "user", "text": "/feedback_bad", "parse_data": {"intent": {"name": "feedback_bad"}}}
    assert rated_answer(before + [press]) is None


def followup_turn(intent: str, predicted: str | None, answered_key: str) -> list[dict[str, Any]]:
    """「そこのFAXは？」 after the 交流館's address: action_answer_followup answered ``answered_key``."""
    question = faq_event("そこのFAXは？", key=predicted or "faq/kouryukan_address", confidence=0.61)
    question["parse_data"]["intent"]["name"] = intent
    return [
        question,
        {"event": "action", "name": "action_answer_followup"},
        {"event": "bot", "text": "金沢学生のまち市民交流館の連絡先は…"},
        {"event": "bot", "text": "この回答は役に立ちましたか？"},
        {"event": "slot", "name": "topic", "value": answered_key},
        {"event": "action", "name": "action_listen"},
    ]


@pytest.mark.parametrize("intent", ["faq", "nlu_fallback"])
def test_a_press_after_a_followup_rates_the_answer_given(intent: str) -> None:
    press = {"event": "user", "text": "/feedback_bad", "parse_data": {"intent": {"name": "feedback_bad"}}}
    rated = rated_answer(followup_turn(intent, "faq/kouryukan_address", "faq/kouryukan_contact") + [press])
    assert rated == RatedAnswer("そこのFAXは？", "faq/kouryukan_contact", 0.61)


def test_a_topic_set_by_the_message_itself_is_not_a_followup_answer() -> None:
    """The slot topic is also filled from the TopicMarker entity of a plain question: without the follow-up action,
    an unsure message (did-you-mean buttons, no answer) rates nothing."""
    turn = followup_turn("nlu_fallback", None, "faq/kouryukan_contact")
    turn = [e for e in turn if e.get("name") != "action_answer_followup"]
    press = {"event": "user", "text": "/feedback_good", "parse_data": {"intent": {"name": "feedback_good"}}}
    assert rated_answer(turn + [press]) is None


def test_an_earlier_followup_does_not_leak_into_a_later_press() -> None:
    earlier = followup_turn("faq", None, "faq/kouryukan_contact")
    press = {"event": "user", "text": "/feedback_good", "parse_data": {"intent": {"name": "feedback_good"}}}
    rated = rated_answer(earlier + answered(press))
    assert rated == RatedAnswer(QUESTION, "faq/support_center_contact", 0.93)


def test_the_key_falls_back_to_the_full_retrieval_intent() -> None:
    event = faq_event()
    del event["parse_data"]["response_selector"]
    event["parse_data"]["intent"]["full_retrieval_intent_name"] = "faq/what_is_kyodo"
    press = {"event": "user", "text": "/feedback_good", "parse_data": {"intent": {"name": "feedback_good"}}}
    assert rated_answer([event, press]).answer_key == "faq/what_is_kyodo"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("スキップ", ""),
        ("ｽｷｯﾌﾟ", ""),
        ("なし", ""),
        ("特にありません。", ""),
        ("", ""),
        ("/feedback_bad", ""),
        ("開館時間も知りたかった", "開館時間も知りたかった"),
        ("  ＦＡＸ番号がほしい ", "FAX番号がほしい"),
        ("あ" * 600, "あ" * 500),
    ],
)
def test_clean_comment(text: str, expected: str) -> None:
    assert clean_comment(text) == expected


def stored(db) -> list[Any]:
    with db.session_scope() as session:
        return list(session.execute(select(db.AnswerFeedback).order_by(db.AnswerFeedback.id)).scalars())


@pytest.mark.parametrize("channel", ["line", "webchat"])
async def test_thumbs_up_is_stored_with_question_key_confidence_and_channel(
    temp_db, dispatcher, make_tracker, domain, channel
):
    tracker = make_tracker("/feedback_good", "feedback_good", events=answered(), channel=channel, sender_id="u-1")
    events = await feedback.ActionRecordFeedback().run(dispatcher, tracker, domain)
    [row] = stored(temp_db)
    assert (row.question, row.answer_key, row.confidence, row.channel, row.sender_id, row.helpful, row.comment) == (
        QUESTION,
        "faq/support_center_contact",
        0.93,
        channel,
        "u-1",
        True,
        None,
    )
    assert events == [{"event": "slot", "timestamp": None, "name": "feedback_id", "value": row.id}]
    assert [m["response"] for m in dispatcher.messages] == ["utter_feedback_thanks"]


async def test_thumbs_down_then_a_word_is_kept_on_the_same_row(temp_db, dispatcher, make_tracker, domain):
    tracker = make_tracker("/feedback_bad", "feedback_bad", events=answered(), channel="webchat")
    events = await feedback.ActionRecordFeedback().run(dispatcher, tracker, domain)
    assert dispatcher.messages == []  # the form asks for the word
    feedback_id = events[0]["value"]
    [row] = stored(temp_db)
    assert (row.id, row.helpful) == (feedback_id, False)
    slots = {"feedback_comment": "FAXの番号も知りたかった", "feedback_id": feedback_id}
    events = await feedback.ActionSaveFeedbackComment().run(dispatcher, make_tracker("…", slots=slots), domain)
    assert [(e["name"], e["value"]) for e in events] == [("feedback_comment", None), ("feedback_id", None)]
    assert stored(temp_db)[0].comment == "FAXの番号も知りたかった"
    assert dispatcher.messages[-1]["response"] == "utter_feedback_comment_thanks"


@pytest.mark.parametrize("comment, feedback_id", [("", 1), ("FAXも", None)])
async def test_a_skipped_or_orphan_word_changes_nothing(
    temp_db, dispatcher, make_tracker, domain, comment: str, feedback_id: int | None
):
    tracker = make_tracker("/feedback_bad", "feedback_bad", events=answered())
    await feedback.ActionRecordFeedback().run(dispatcher, tracker, domain)
    slots = {"feedback_comment": comment, "feedback_id": feedback_id}
    await feedback.ActionSaveFeedbackComment().run(dispatcher, make_tracker("スキップ", slots=slots), domain)
    assert stored(temp_db)[0].comment is None
    assert dispatcher.messages[-1]["response"] == (
        "utter_feedback_thanks" if not comment else "utter_feedback_comment_thanks"
    )


async def test_a_press_with_no_faq_answer_before_stores_nothing(temp_db, dispatcher, make_tracker, domain):
    events = await feedback.ActionRecordFeedback().run(
        dispatcher, make_tracker("/feedback_good", "feedback_good"), domain
    )
    assert stored(temp_db) == [] and events[0]["value"] is None


def test_the_form_turns_a_skip_into_an_empty_word(dispatcher, make_tracker, domain):
    validate = feedback.ValidateFeedbackForm().validate_feedback_comment
    assert validate("スキップ", dispatcher, make_tracker("スキップ"), domain) == {"feedback_comment": ""}
    assert validate("事例が少ない", dispatcher, make_tracker("事例が少ない"), domain) == {
        "feedback_comment": "事例が少ない"
    }


def test_feedback_buttons_reach_line_as_postbacks_and_the_web_page_as_payloads(domain):
    from bot.channels.line.messages import to_line_messages
    from bot.channels.webchat.channel import public_message

    ask = domain["responses"]["utter_ask_feedback"][0]
    [line] = to_line_messages([ask])
    actions = [item["action"] for item in line["quickReply"]["items"]]
    assert [(a["type"], a["data"], a["displayText"]) for a in actions] == [
        ("postback", "/feedback_good", "👍 役に立った"),
        ("postback", "/feedback_bad", "👎 役に立たなかった"),
        ("postback", "/easy_japanese_on", "やさしい日本語"),  # issue 16: offered after each answer
    ]
    assert public_message(ask)["buttons"] == [
        {"title": "👍 役に立った", "payload": "/feedback_good"},
        {"title": "👎 役に立たなかった", "payload": "/feedback_bad"},
        {"title": "やさしい日本語", "payload": "/easy_japanese_on"},
    ]


@pytest.fixture(scope="module")
def rasa_domain():
    from rasa.shared.core.domain import Domain

    return Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))


@pytest.mark.parametrize(
    "payload", ["/feedback_good", "/feedback_bad", "/leave_message", "/back_to_bot", "/request_human"]
)
def test_button_payloads_become_their_intents_in_rasa(rasa_domain, payload: str) -> None:
    from rasa.nlu.classifiers.regex_message_handler import RegexMessageHandler
    from rasa.shared.nlu.training_data.message import Message

    [message] = RegexMessageHandler().process([Message(data={"text": payload})], rasa_domain)
    assert message.get("intent") == {"name": payload[1:], "confidence": 1.0}
