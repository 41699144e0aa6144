"""やさしい日本語 (issue 16): every answer the bot gives has its easy version, with the same facts.

For every response (domain.yml, the FAQ answers of data/nlu) and every citizen's text (data/texts): an easy version
in data/easy exists, keeps every number, time, weekday, phone, fax, postal code, e-mail and placeholder of the
standard one, keeps its source line, uses no kanji beyond the allowed ones (data/easy/kanji.txt) without a reading,
and keeps the buttons (same count, LINE's 20-character labels).
"""

from __future__ import annotations

import re

import pytest

from bot.core.easy_japanese import facts, missing_facts, plain, ruby_parts, unexplained_kanji
from tests.core.easy_support import (
    allowed_kanji,
    citizen_texts,
    easy_responses,
    easy_texts,
    hard_kanji,
    source_line,
    standard_responses,
)

LINE_LABEL_CHARS = 20


def _is_english(text: str) -> bool:
    return len(re.findall(r"[A-Za-z]", text)) > len(re.findall(r"[\u3041-\u30ff]", text))


RESPONSES = {name: r for name, r in standard_responses().items() if not _is_english(str(r.get("text", "")))}
TEXTS = citizen_texts()


def _pairs(key: str) -> list[tuple[str, str]]:
    standard, easy = TEXTS[key], easy_texts()[key]
    if isinstance(standard, list):
        assert isinstance(easy, list) and len(easy) == len(standard), key
        return list(zip(standard, easy, strict=True))
    assert isinstance(easy, str), key
    return [(standard, easy)]


def test_the_checks_cover_every_answer():
    assert len(RESPONSES) >= 85 and any(name.startswith("utter_faq/") for name in RESPONSES)
    assert len(TEXTS) >= 100
    assert not set(easy_responses()) - set(standard_responses()), "an easy variant of no response"
    assert not set(easy_texts()) - set(TEXTS), "an easy text of no text"


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_every_response_has_its_easy_version_with_the_same_facts(name):
    standard, easy = RESPONSES[name], easy_responses().get(name)
    assert easy is not None, f"{name} has no easy version in data/easy"
    assert missing_facts(standard["text"], easy["text"]) == []
    assert source_line(easy["text"]) == source_line(standard["text"])
    assert hard_kanji(easy["text"], allowed_kanji()) == []
    titles = easy.get("buttons") or []
    assert len(titles) == len(standard.get("buttons") or [])
    assert all(0 < len(title) <= LINE_LABEL_CHARS for title in titles)


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_has_its_easy_version_with_the_same_facts(key):
    assert key in easy_texts(), f"{key} has no easy version in data/easy/texts"
    for standard, easy in _pairs(key):
        assert missing_facts(standard, easy) == []
        placeholders = set(re.findall(r"\{([a-z_]+)\}", standard))
        assert set(re.findall(r"\{([a-z_]+)\}", easy)) == placeholders
        assert hard_kanji(easy, allowed_kanji()) == []


def test_facts_are_found_and_a_changed_fact_is_caught():
    standard = "TEL 076-225-7763（午前10時から午後10時まで）休館日：毎週月曜日、12月29日から1月3日"
    assert facts(standard) == sorted(["076-225-7763", "午前10時", "午後10時", "月曜日", "12", "29", "1", "3"])
    easy = (
        "TEL 076-225-7763（午前（ごぜん）10時から 午後（ごご）10時まで）休（やす）み：毎週 月曜日、12月29日から 1月3日"
    )
    assert missing_facts(standard, easy) == []
    assert missing_facts(standard, easy.replace("7763", "7736")) == ["076-225-7763"]
    assert missing_facts(standard, easy.replace("午後（ごご）10時", "午後9時")) == ["午後10時"]
    assert missing_facts("{name}（TEL {tel}）", "{name}") == ["{tel}"]
    assert missing_facts("①と②", "①") == ["②"]


def test_readings_are_one_markup_word_then_hiragana_in_parentheses():
    text = "交流館（こうりゅうかん）は 協働（いっしょに はたらく こと）の 場所（ばしょ）です（TEL 076-255-0162）"
    assert plain(text) == "交流館は 協働（いっしょに はたらく こと）の 場所です（TEL 076-255-0162）"
    assert [p for p in ruby_parts(text) if p[1]] == [("交流館", "こうりゅうかん"), ("場所", "ばしょ")]
    assert "".join(base for base, _ in ruby_parts(text)) == plain(text)
    assert unexplained_kanji(text, "") == sorted(["協", "働"])
    assert unexplained_kanji("協働（きょうどう）", "") == []
