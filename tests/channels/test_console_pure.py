"""The console's pure parts: login and CSRF tokens, grouping by wording, NLU export, Ask answers, numbers."""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.channels.console import ask, export
from bot.channels.console.auth import ConsoleAuth
from bot.channels.console.grouping import group_similar, similarity
from bot.core import usage_numbers as numbers

ROOT = Path(__file__).resolve().parents[2]
NOW = 1_800_000_000.0


@pytest.fixture
def auth() -> ConsoleAuth:
    return ConsoleAuth("coordinator", "s3cret-pass", secret=b"k" * 32, ttl=3600)


@pytest.mark.parametrize(
    "user, password, ok",
    [
        ("coordinator", "s3cret-pass", True),
        ("coordinator", "s3cret-pas", False),
        ("Coordinator", "s3cret-pass", False),
        ("", "", False),
        ("coordinator", "", False),
    ],
)
def test_login_needs_the_configured_user_and_password(auth: ConsoleAuth, user: str, password: str, ok: bool) -> None:
    assert auth.check_login(user, password) is ok


@pytest.mark.parametrize("environ", [{}, {"CONSOLE_USER": "coordinator"}, {"CONSOLE_PASSWORD": ""}])
def test_without_a_password_nobody_logs_in(environ) -> None:
    auth = ConsoleAuth.from_env(environ)
    assert not auth.enabled
    assert not any(
        auth.check_login(u, p)
        for u, p in [
            ("coordinator", ""),
            ("", ""),
            ("coordinator", "coordinator"),
            ("admin", "admin"),
            ("coordinator", "password"),
        ]
    )


def test_user_defaults_to_coordinator_and_password_comes_from_the_environment() -> None:
    auth = ConsoleAuth.from_env({"CONSOLE_PASSWORD": "abc-123"})
    assert auth.enabled and auth.check_login("coordinator", "abc-123")


def test_session_cookie_is_signed_expires_and_can_be_revoked(auth: ConsoleAuth) -> None:
    cookie = auth.issue(NOW)
    session = auth.verify(cookie, NOW + 10)
    assert session is not None and session.user == "coordinator"
    assert auth.verify(cookie, NOW + 3600) is None  # expired
    payload, signature = cookie.split(".")
    forged = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + "." + signature
    assert auth.verify(forged, NOW) is None
    assert auth.verify(payload + "." + "0" * 64, NOW) is None
    assert ConsoleAuth("coordinator", "s3cret-pass", secret=b"x" * 32).verify(cookie, NOW) is None  # other process
    for junk in (None, "", "abc", "a.b.c"):
        assert auth.verify(junk, NOW) is None
    auth.revoke(session)
    assert auth.verify(cookie, NOW + 10) is None


def test_csrf_and_login_tokens(auth: ConsoleAuth) -> None:
    one, two = auth.verify(auth.issue(NOW), NOW), auth.verify(auth.issue(NOW), NOW)
    assert auth.check_csrf(one, auth.csrf_token(one))
    assert not auth.check_csrf(one, auth.csrf_token(two)) and not auth.check_csrf(one, None)
    assert not auth.check_csrf(one, "")
    assert auth.check_login_token("nonce-1", auth.login_token("nonce-1"))
    assert not auth.check_login_token("nonce-2", auth.login_token("nonce-1"))
    assert not auth.check_login_token(None, auth.login_token("nonce-1"))


@pytest.mark.parametrize(
    "a, b, similar",
    [
        ("交流ホールの予約方法", "交流ホールを予約する方法は？", True),
        ("ｻﾎﾟｾﾝの電話番号", "サポセンの電話番号を教えて", True),
        ("交流ホールの予約方法", "雪かきボランティアの申込", False),
    ],
)
def test_similarity_of_wording(a: str, b: str, similar: bool) -> None:
    assert (similarity(a, b) >= 0.35) is similar


def test_group_similar_puts_rewordings_together_biggest_first() -> None:
    texts = [
        "交流ホールの予約方法",
        "雪かきボランティアの申込",
        "交流ホールを予約する方法は？",
        "交流ホール予約の方法を知りたい",
    ]
    groups = group_similar(texts, lambda t: t)
    assert groups == [
        ["交流ホールの予約方法", "交流ホールを予約する方法は？", "交流ホール予約の方法を知りたい"],
        ["雪かきボランティアの申込"],
    ]


def test_export_is_valid_rasa_nlu_yaml_and_rasa_accepts_it() -> None:
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    texts = [
        "交流ホールを予約する方法は？",
        "交流ホールを予約する方法は？",
        "[太字](entity) と {json}",
        "  改行\nあり  ",
        "/feedback_bad",
        "",
        None,
        "#見出し: コロン - ハイフン",
    ]
    text = export.nlu_yaml("faq/kouryukan_rooms", texts, note="coordinator console export")
    data = RasaYAMLReader().reads(text)
    assert [m.get("text") for m in data.intent_examples] == [
        "交流ホールを予約する方法は？",
        "［太字］(entity) と {json}",
        "改行 あり",
        "#見出し: コロン - ハイフン",
    ]
    assert {m.get("intent") for m in data.intent_examples} == {"faq"}
    assert {m.get("intent_response_key") for m in data.intent_examples} == {"faq/kouryukan_rooms"}
    assert not data.entities
    assert export.check_with_rasa(text) == 4


@pytest.mark.parametrize(
    "intent, texts", [("faq/../x", ["質問"]), ("", ["質問"]), ("faq/a b", ["質問"]), ("greet", ["", "/x"])]
)
def test_export_refuses_bad_intents_and_empty_selections(intent: str, texts) -> None:
    with pytest.raises(ValueError):
        export.nlu_yaml(intent, texts)


def test_export_into_the_project_passes_rasa_validation() -> None:
    """The exported file, added to data/nlu, raises no new validation problem (what `rasa data validate` runs)."""
    from rasa.shared.importers.importer import TrainingDataImporter
    from rasa.validator import Validator

    from bot.core.suggestions import canonical_questions

    key = next(k for k in canonical_questions() if k.startswith("faq/"))
    examples = ["交流ホールを夜に借りたいのですがどうすればいいですか", "ｻﾎﾟｾﾝのFAXは？"]
    text = export.nlu_yaml(key, examples)
    importer = TrainingDataImporter.load_from_dict(
        domain_path=str(ROOT / "domain.yml"),
        training_data_paths=[str(ROOT / "data" / "nlu"), str(ROOT / "data" / "rules"), str(ROOT / "data" / "stories")],
    )
    with warnings.catch_warnings(record=True) as before:
        warnings.simplefilter("always")
        Validator.from_importer(importer).verify_nlu(ignore_warnings=True)
    export_dir = Path(__import__("tempfile").mkdtemp())
    (export_dir / "exported.yml").write_text(text, encoding="utf-8")
    importer = TrainingDataImporter.load_from_dict(
        domain_path=str(ROOT / "domain.yml"),
        training_data_paths=[
            str(ROOT / "data" / "nlu"),
            str(ROOT / "data" / "rules"),
            str(ROOT / "data" / "stories"),
            str(export_dir),
        ],
    )
    validator = Validator.from_importer(importer)
    assert sum(1 for m in validator.intents.intent_examples if m.get("text") in examples) == 2
    with warnings.catch_warnings(record=True) as after:
        warnings.simplefilter("always")
        assert validator.verify_nlu(ignore_warnings=True)
    new = {str(w.message) for w in after} - {str(w.message) for w in before}
    assert not new, new


PARSE = {
    "text": "サポセンの電話",
    "intent": {"name": "faq", "confidence": 0.9},
    "intent_ranking": [
        {"name": "faq", "confidence": 0.9},
        {"name": "ask_opening_hours", "confidence": 0.06},
        {"name": "greet", "confidence": 0.04},
    ],
    "response_selector": {
        "faq": {
            "ranking": [
                {"intent_response_key": "faq/support_center_contact", "confidence": 0.8},
                {"intent_response_key": "faq/kouryukan_contact", "confidence": 0.15},
            ]
        }
    },
}
RESPONSES = {
    "utter_faq/support_center_contact": [
        {"text": "TEL 076-225-7763\n（出典：協働ハンドブック Ⅲ-02 金沢市市民活動サポートセンター）"}
    ],
    "utter_faq/kouryukan_contact": [{"text": "TEL 076-255-0162"}],
    "utter_greet": [{"text": "こんにちは。"}],
}


def test_ask_gives_the_top_three_with_confidence_and_section() -> None:
    answers = ask.top_answers(PARSE, RESPONSES)
    assert [(a.key, a.confidence) for a in answers] == [
        ("faq/support_center_contact", 0.72),
        ("faq/kouryukan_contact", 0.135),
        ("ask_opening_hours", 0.06),
    ]
    assert answers[0].section == "協働ハンドブック Ⅲ-02 金沢市市民活動サポートセンター"
    assert answers[1].section == "" and answers[2].text == ask.NO_FIXED_ANSWER
    assert not ask.fell_back(PARSE)
    assert ask.fell_back(
        {"intent": {"name": "nlu_fallback"}, "intent_ranking": [{"name": "nlu_fallback", "confidence": 1}]}
    )


def turn_event(day: str, intent: str, key: str = "", channel: str = "webchat") -> dict:
    parse = {"intent": {"name": intent}}
    if key:
        parse["response_selector"] = {"faq": {"response": {"intent_response_key": key}}}
    at = datetime.fromisoformat(day).replace(tzinfo=timezone(timedelta(hours=9)))
    return {"event": "user", "timestamp": at.timestamp(), "parse_data": parse, "input_channel": channel}


def test_numbers_count_days_fallbacks_and_topics() -> None:
    from bot.core.japanese_calendar import TOKYO

    events = [
        turn_event("2026-11-27 23:30", "faq", "faq/what_is_kyodo"),
        turn_event("2026-11-28 00:10", "faq", "faq/what_is_kyodo"),
        turn_event("2026-11-28 09:00", "nlu_fallback", channel="line"),
        turn_event("2026-11-28 10:00", "ask_opening_hours"),
        {"event": "bot", "text": "…", "timestamp": 1.0},
        turn_event("2026-11-28 10:01", "feedback_good"),
    ]
    turns = numbers.turns_from_events(events)
    assert len(turns) == 5
    days = numbers.per_day(turns, date(2026, 11, 28), TOKYO, days=3)
    assert days == [(date(2026, 11, 26), 0), (date(2026, 11, 27), 1), (date(2026, 11, 28), 4)]
    assert numbers.fallback_rate(turns) == pytest.approx(0.2)
    assert numbers.fallback_rate([]) is None
    assert numbers.top_topics(turns) == [("faq/what_is_kyodo", 2), ("ask_opening_hours", 1)]
    assert numbers.thumbs({True: 3, False: 1}) == {"good": 3, "bad": 1, "ratio": 0.75}
    records = [
        SimpleNamespace(verdict="eligible", failed=[]),
        SimpleNamespace(verdict="not_eligible", failed=["non_profit"]),
    ]
    assert numbers.precheck_summary(records) == {
        "total": 2,
        "verdicts": {"eligible": 1, "not_eligible": 1},
        "failed": [("non_profit", 1)],
    }


def test_chart_is_plain_svg_with_escaped_labels() -> None:
    svg = numbers.bar_chart_svg([("<b>11/27</b>", 2), ("11/28", 4)], 'title "x" <script>')
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<script" not in svg and "<b>" not in svg and "&lt;b&gt;11/27&lt;/b&gt;" in svg
    assert len(re.findall(r"<rect ", svg)) == 2 and "http://www.w3.org/2000/svg" in svg
    assert not re.search(r"(href|src)=", svg)
