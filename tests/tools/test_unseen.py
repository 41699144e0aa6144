"""The unseen-set evaluator (bot/tools/unseen): routing labels, per-kind rules, the goals, the CLI's exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.tools.unseen import __main__ as cli
from bot.tools.unseen.scoring import Outcome, accuracy, routing_label, score_case, verdict

ROOT = Path(__file__).resolve().parents[2]


def parsed(intent, key=None):
    data = {"intent": {"name": intent, "confidence": 0.9}}
    if key:
        data["response_selector"] = {"faq": {"response": {"intent_response_key": key}}}
    return data


def fake_parse(table):
    return lambda text: table[text]


def test_routing_label_takes_the_faq_key_or_the_intent():
    assert routing_label(parsed("faq", "faq/kouryukan_address")) == "faq/kouryukan_address"
    assert routing_label(parsed("ask_opening_hours")) == "ask_opening_hours"
    assert routing_label(parsed("faq")) == "faq"
    assert routing_label({}) == "nlu_fallback"


@pytest.mark.parametrize(
    ("kind", "case", "result", "right"),
    [
        ("long", {"text": "a", "expect": "faq/publisher"}, parsed("faq", "faq/publisher"), True),
        ("long", {"text": "a", "expect": "faq/publisher"}, parsed("faq", "faq/handbook_copy"), False),
        ("not_a_question", {"text": "a", "expect": "decline"}, parsed("out_of_scope"), True),
        ("not_a_question", {"text": "a", "expect": "decline"}, parsed("nlu_fallback"), False),
        ("not_a_question", {"text": "a", "expect": "english_note"}, parsed("english_note"), True),
        ("colloquial", {"text": "a", "expect": "situation"}, parsed("tell_situation"), True),
    ],
)
def test_plain_kinds_compare_the_final_routing(kind, case, result, right):
    assert score_case(kind, case, fake_parse({"a": result})).right is right


TWO = {"text": "交流館の住所と電話番号は？", "expect": ["faq/kouryukan_address", "faq/kouryukan_contact"]}
WHOLE_ADDRESS = {"交流館の住所と電話番号は？": parsed("faq", "faq/kouryukan_address")}


@pytest.mark.parametrize(
    ("parts", "right"),
    [
        ({"交流館の住所は？": "faq/kouryukan_address", "交流館の電話番号は？": "faq/kouryukan_contact"}, True),
        ({"交流館の住所は？": "faq/kouryukan_address", "交流館の電話番号は？": None}, False),  # unsure: sent whole
        ({"交流館の住所は？": "faq/kouryukan_address", "交流館の電話番号は？": "faq/kouryukan_address"}, False),
    ],
)
def test_two_questions_follow_the_bots_rule(parts, right):
    table = {**WHOLE_ADDRESS, **{t: parsed("faq", k) if k else parsed("nlu_fallback") for t, k in parts.items()}}
    outcome = score_case("two_questions", TWO, fake_parse(table))
    assert outcome.right is right
    if not right:
        assert outcome.got == ["faq/kouryukan_address"]  # the whole message's routing, as the bot answers it


@pytest.mark.parametrize(
    ("case", "result", "right"),
    [
        ({"text": "a", "expect": "faq/support_center_contact"}, parsed("faq", "faq/support_center_contact"), True),
        ({"text": "a", "expect": "faq/support_center_contact"}, parsed("english_note"), False),
        ({"text": "a", "expect": "english_note"}, parsed("english_note"), True),
        (
            {"text": "open on Dec 30?", "expect": "ask_opening_hours", "dates": ["2026-12-30"]},
            parsed("ask_opening_hours"),
            True,
        ),
        (
            {"text": "open on Dec 31?", "expect": "ask_opening_hours", "dates": ["2026-12-30"]},
            parsed("ask_opening_hours"),
            False,
        ),
    ],
)
def test_the_english_kind_is_scored_by_its_own_rule(case, result, right):
    assert "english" in cli.KINDS
    assert cli.score("english", case, fake_parse({case["text"]: result})).right is right


def test_dates_need_the_intent_and_the_days():
    from bot.core import date_query

    if not hasattr(date_query, "days_in_question"):
        pytest.skip("bot.core.date_query.days_in_question is not there yet (H5a)")
    case = {"text": "2026年12月29日は開いてる？", "expect": "ask_opening_hours", "dates": ["2026-12-29"]}
    assert score_case("dates", case, fake_parse({case["text"]: parsed("ask_opening_hours")})).right
    assert not score_case(
        "dates", {**case, "dates": ["2026-12-30"]}, fake_parse({case["text"]: parsed("ask_opening_hours")})
    ).right
    assert not score_case("dates", case, fake_parse({case["text"]: parsed("faq", "faq/opening_hours")})).right


def marked(data, entity="followup"):
    return {**data, "entities": [{"entity": entity, "value": "true"}]}


@pytest.mark.parametrize(
    ("result", "context", "got", "right"),
    [
        # marked followup: the action resolves it over the previous answer
        (marked(parsed("nlu_fallback")), "faq/kouryukan_address", "faq/kouryukan_contact", True),
        (marked(parsed("faq", "faq/support_center_contact")), "faq/kouryukan_address", "faq/kouryukan_contact", True),
        # not marked: the plain rules answer what the NLU found, the context does not help
        (parsed("nlu_fallback"), "faq/kouryukan_address", "nlu_fallback", False),
        (marked(parsed("faq", "faq/support_center_contact"), "topic"), "faq/kouryukan_address", None, False),
        # marked but no previous answer: what the bot says with nothing to lean on
        (marked(parsed("faq", "faq/kouryukan_contact")), None, "faq/kouryukan_contact", True),
        (marked(parsed("nlu_fallback")), None, "nlu_fallback", False),
    ],
)
def test_followups_are_scored_on_the_bots_path(result, context, got, right):
    case = {"text": "そこのFAXは？", "context": context, "expect": "faq/kouryukan_contact"}
    outcome = score_case("followup", case, fake_parse({case["text"]: result}))
    assert outcome.right is right
    if got is not None:
        assert outcome.got == got


def test_a_missing_interface_counts_wrong_instead_of_crashing(monkeypatch):
    import bot.core.situation as situation

    monkeypatch.delattr(situation, "read_situation", raising=False)
    outcome = score_case(
        "situation", {"text": "a", "expect": "situation", "facts": {}}, fake_parse({"a": parsed("tell_situation")})
    )
    assert outcome.right is False
    assert "error" in str(outcome.got)


def test_the_goals_overall_and_per_kind():
    right, wrong = Outcome("a", "x", "x", True), Outcome("b", "x", "y", False)
    assert accuracy([right, wrong]) == 0.5
    assert verdict({"long": [right] * 97 + [wrong] * 3}, 0.97, 0.93) == []
    assert verdict({"long": [right] * 100, "dates": [right] * 9 + [wrong]}, 0.97, 0.93) == ["dates 90.0% < 93%"]
    assert verdict({"long": [right] * 96 + [wrong] * 4}, 0.97, 0.93) == ["overall 96.0% < 97%"]


def test_the_cli_writes_the_report_and_fails_below_the_goal(tmp_path, monkeypatch, capsys):
    sets = tmp_path / "sets"
    sets.mkdir()
    (sets / "long.yml").write_text(
        "- {text: q1, expect: faq/publisher}\n- {text: q2, expect: faq/publisher}\n", "utf-8"
    )
    table = {"q1": parsed("faq", "faq/publisher"), "q2": parsed("nlu_fallback")}
    monkeypatch.setattr(cli, "model_parser", lambda model: fake_parse(table))
    out = tmp_path / "unseen.json"
    assert cli.main(["--model", "m", "--sets", str(sets), "--out", str(out), "--kind-min", "0"]) == 1
    report = json.loads(out.read_text("utf-8"))
    assert report["kinds"]["long"] == {
        "accuracy": 0.5,
        "right": 1,
        "total": 2,
        "misses": [{"text": "q2", "expect": "faq/publisher", "got": "nlu_fallback"}],
    }
    assert "overall" in capsys.readouterr().out
    table["q2"] = parsed("faq", "faq/publisher")
    assert cli.main(["--model", "m", "--sets", str(sets), "--out", str(out), "--kind-min", "0"]) == 0


def test_make_test_runs_the_evaluator():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "test-unseen" in makefile.split("\ntest:")[1].split("\n\n")[0]
    assert "-m bot.tools.unseen" in makefile


@pytest.mark.parametrize(
    ("intent", "right"),
    [("tell_situation", True), ("inform_precheck", True), ("faq", False), ("nlu_fallback", False)],
)
def test_a_situation_is_right_on_either_intent_that_runs_the_situation_answer(intent, right):
    case = {"text": "会員は3人です。登録できますか", "expect": "situation", "facts": {"member_count": 3}}
    assert score_case("situation", case, fake_parse({case["text"]: parsed(intent)})).right is right


def test_a_situation_needs_the_facts_too():
    case = {"text": "会員は3人です。登録できますか", "expect": "situation", "facts": {"member_count": 4}}
    assert score_case("situation", case, fake_parse({case["text"]: parsed("tell_situation")})).right is False
