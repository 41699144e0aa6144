"""Only the bot's own button payloads are read as intents; any other "/..." message is text."""

from __future__ import annotations

import unicodedata

import pytest

from bot.core.payloads import CODE_PAYLOADS, allowed_payloads, as_user_text, button_payloads

DOMAIN = {
    "responses": {
        "utter_ask_feedback": [
            {"text": "x", "buttons": [{"title": "a", "payload": "/feedback_good"}, {"title": "b", "payload": "はい"}]},
            {"text": "y", "buttons": [{"title": "c", "payload": " /feedback_bad "}, {"title": "d", "url": "http://x"}]},
        ],
        "utter_plain": [{"text": "z"}],
        "utter_odd": "not a list",
    }
}
ALLOWED = frozenset({"/feedback_good", "/feedback_bad", "/request_human"})


def test_button_payloads_of_a_domain():
    assert button_payloads(DOMAIN) == {"/feedback_good", "/feedback_bad"}
    assert button_payloads({}) == frozenset()
    assert button_payloads({"responses": None}) == frozenset()


def test_allowed_payloads_of_the_project():
    allowed = allowed_payloads()
    assert {"/feedback_good", "/feedback_bad", "/request_human"} <= allowed
    assert CODE_PAYLOADS <= allowed
    assert not {"/faq", "/restart", "/out_of_scope", "/nlu_fallback"} & allowed
    assert all(p.startswith("/") for p in allowed)
    assert allowed_payloads() is allowed  # cached


@pytest.mark.parametrize(
    "text, expected",
    [
        ("/feedback_good", "/feedback_good"),
        ("/request_human", "/request_human"),
        (" /feedback_bad ", " /feedback_bad "),
        ("/faq", "／faq"),
        ('/faq{"x":1}', '／faq{"x":1}'),
        ("/faq@0.01", "／faq@0.01"),
        ("/feedback_good@0.5", "／feedback_good@0.5"),
        ('/feedback_good{"a":1}', '／feedback_good{"a":1}'),
        ("/leave_message", "／leave_message"),  # not in ALLOWED here; the project allows it (a handoff button)
        ("/restart", "／restart"),
        ("  /restart", "／restart"),
        ("/", "／"),
        ("//", "／/"),
        ("今日は開いていますか", "今日は開いていますか"),
        ("19:00まで/18:00まで", "19:00まで/18:00まで"),
        ("はい", "はい"),
        ("", ""),
        ("／faq", "／faq"),
    ],
)
def test_as_user_text(text, expected):
    assert as_user_text(text, ALLOWED) == expected


def test_the_text_prefix_folds_back_for_the_nlu():
    assert unicodedata.normalize("NFKC", as_user_text("/faq", ALLOWED)) == "/faq"
    assert as_user_text("/leave_message", allowed_payloads()) == "/leave_message"
