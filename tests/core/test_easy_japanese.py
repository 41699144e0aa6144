"""bot/core/easy_japanese.py's style choice and bot/core/texts.py's easy texts (issue 16)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.core.easy_japanese import EASY, STANDARD, effective_style, looks_simple
from bot.core.texts import EASY_TEXT_DIR, catalogue, current_style, text, text_style, texts

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "message",
    [
        "こうりゅうかん の じゅうしょ を おしえて ください",
        "やすみ の ひ は いつ です か",
        "とうろく の しかた を おしえて ください",
        "サポートセンター の でんわばんごう を しりたい",
        "12月30日 は あいて います か",
        "交流館 の 場所 を おしえて ください",
    ],
)
def test_simple_japanese_is_recognised(message):
    assert looks_simple(message)


@pytest.mark.parametrize(
    "message",
    [
        "交流館の住所を教えて",
        "ありがとう",
        "こうりゅうかんのじゅうしょ",
        "交流館 住所",
        "登録 方法 教えて",
        "hello there",
        "はい",
    ],
)
def test_ordinary_japanese_is_not(message):
    assert not looks_simple(message)


def _sentences() -> list[tuple[str, str]]:
    found = []
    for path in [*sorted((ROOT / "data" / "nlu").glob("*.yml")), *sorted((ROOT / "tests").glob("nlu*/*.yml"))]:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in (document.get("nlu") or []) if isinstance(document, dict) else []:
            for line in str(item.get("examples") or "").splitlines():
                sentence = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.strip().removeprefix("- "))
                if sentence and not str(item.get("intent", "")).startswith("easy_japanese"):
                    found.append((str(item.get("intent")), sentence))
    return found


def test_no_training_or_test_sentence_in_ordinary_japanese_switches_the_style():
    sentences = _sentences()
    assert len(sentences) > 1000
    assert [s for s in sentences if looks_simple(s[1])] == []


def test_the_style_holds_and_an_explicit_choice_wins():
    simple = "やすみ の ひ は いつ です か"
    assert effective_style(None, ["開館時間は？"]) == STANDARD
    assert effective_style(None, [simple, "開館時間は？"]) == EASY
    assert effective_style("standard", [simple]) == STANDARD
    assert effective_style("easy", ["開館時間は？"]) == EASY
    assert effective_style(None, ["/greet", ""]) == STANDARD


def test_texts_in_the_easy_style_and_back():
    easy_catalogue = catalogue(EASY_TEXT_DIR)
    standard_text = text("calendar.closed", date="1月4日（月）")
    assert current_style() == STANDARD
    with text_style(EASY):
        assert current_style() == EASY
        assert text("calendar.closed", date="1月4日（月）") == easy_catalogue["calendar.closed"].format(
            date="1月4日（月）"
        )
        assert texts("precheck.documents") == easy_catalogue["precheck.documents"]
        # A key with no easy text (the coordinators' note) falls back to the standard one.
        assert text("handoff.resumed_note") == catalogue()["handoff.resumed_note"]
    assert current_style() == STANDARD
    assert text("calendar.closed", date="1月4日（月）") == standard_text != easy_catalogue["calendar.closed"]
