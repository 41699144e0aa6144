"""The "did you mean" candidates and the action that offers them or declines."""

import pytest

from actions.fallback import ActionSuggestCandidates
from bot.core.language import is_english_or_romaji
from bot.core.suggestions import canonical_questions, rank_candidates

QUESTIONS = {
    "faq/opening_hours": "開館時間は何時から何時までですか",
    "faq/support_center_contact": "サポートセンターの電話番号は",
    "faq/kouryukan_contact": "交流館の電話番号を教えて",
    "ask_opening_hours": "今日は開いていますか",
    "request_human": "人と話したい",
}


def parse(intents, answers=()):
    return {
        "intent_ranking": [{"name": n, "confidence": c} for n, c in intents],
        "response_selector": {"faq": {"ranking": [{"intent_response_key": k, "confidence": c} for k, c in answers]}},
    }


def test_faq_keys_are_scored_by_intent_times_answer_confidence():
    got = rank_candidates(
        parse(
            [("nlu_fallback", 0.55), ("faq", 0.5), ("ask_opening_hours", 0.3)],
            [("faq/opening_hours", 0.8), ("faq/support_center_contact", 0.1)],
        ),
        QUESTIONS,
    )
    assert [c.key for c in got] == ["faq/opening_hours", "ask_opening_hours"]
    assert got[0].score == pytest.approx(0.4)
    assert got[0].payload == "開館時間は何時から何時までですか"


def test_at_most_three_best_first():
    got = rank_candidates(
        parse(
            [("faq", 0.9), ("request_human", 0.2)],
            [("faq/opening_hours", 0.3), ("faq/support_center_contact", 0.4), ("faq/kouryukan_contact", 0.3)],
        ),
        QUESTIONS,
    )
    assert len(got) == 3
    assert got[0].key == "faq/support_center_contact"
    assert [c.score for c in got] == sorted((c.score for c in got), reverse=True)


def test_nothing_above_the_floor_means_decline():
    got = rank_candidates(
        parse([("nlu_fallback", 0.6), ("out_of_scope", 0.3), ("faq", 0.1)], [("faq/opening_hours", 0.9)]), QUESTIONS
    )
    assert got == []


def test_small_talk_and_out_of_scope_are_never_suggested():
    got = rank_candidates(parse([("greet", 0.5), ("out_of_scope", 0.4), ("request_human", 0.3)]), QUESTIONS)
    assert [c.key for c in got] == ["request_human"]


def test_long_questions_are_cut_for_button_labels():
    long = {"faq/x": "金沢学生のまち市民交流館の予約が必要な部屋はどこですか"}
    got = rank_candidates(parse([("faq", 1.0)], [("faq/x", 1.0)]), long)
    assert len(got[0].title) == 20 and got[0].title.endswith("…")
    assert got[0].payload == long["faq/x"]


def test_canonical_questions_come_from_the_training_data():
    questions = canonical_questions()
    assert questions["greet"] == "こんにちは"
    assert questions["request_human"] == "人と話したい"


async def test_action_offers_buttons(dispatcher, make_tracker, domain):
    tracker = make_tracker(
        "サポセン電話",
        "nlu_fallback",
        0.5,
        intent_ranking=[{"name": "nlu_fallback", "confidence": 0.55}, {"name": "request_human", "confidence": 0.5}],
    )
    events = await ActionSuggestCandidates().run(dispatcher, tracker, domain)
    assert events == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_did_you_mean"
    assert message["buttons"] == [{"title": "人と話したい", "payload": "人と話したい"}]


async def test_action_declines_when_nothing_fits(dispatcher, make_tracker, domain):
    tracker = make_tracker(
        "今日の株価は",
        "nlu_fallback",
        0.6,
        intent_ranking=[{"name": "nlu_fallback", "confidence": 0.6}, {"name": "out_of_scope", "confidence": 0.35}],
    )
    await ActionSuggestCandidates().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_out_of_scope"]
    assert "utter_out_of_scope" in domain["responses"]


def test_canonical_questions_are_japanese_even_where_english_examples_come_first():
    """data/nlu/english.yml sorts before faq_*.yml: a did-you-mean button must still be the Japanese question."""
    questions = canonical_questions()
    assert questions["faq/kouryukan_address"] == "交流館の住所を教えてください"
    for key in ("faq/kouryukan_contact", "faq/registration_documents", "ask_opening_hours"):
        assert not is_english_or_romaji(questions[key]), questions[key]
