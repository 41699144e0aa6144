"""The English answers (data/english/*.yml) are faithful to the Japanese ones: the same phone and fax numbers,
postal codes, e-mail addresses and handbook sections, and a source line saying they are translations."""

from __future__ import annotations

import re

import pytest

from bot.core.variants import ENGLISH_DIR, load_variants
from tests.core.easy_support import standard_responses

_PHONE = re.compile(r"\d{2,4}-\d{3,4}-\d{4}")
_POSTAL = re.compile(r"〒\d{3}-\d{4}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SECTION = re.compile(r"[ⅠⅡⅢⅣⅤIV]+-\d{2}")
_ROMAN = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V"}
ENGLISH = load_variants(ENGLISH_DIR)


def _facts(text: str) -> dict[str, set[str]]:
    sections = {"".join(_ROMAN.get(c, c) for c in s) for s in _SECTION.findall(text)}
    return {
        "phones": set(_PHONE.findall(text)),
        "postal": set(_POSTAL.findall(text)),
        "emails": set(_EMAIL.findall(text)),
        "sections": sections,
    }


def test_there_are_english_answers_for_the_core_facts() -> None:
    for name in ("utter_faq/kouryukan_address", "utter_faq/kouryukan_contact", "utter_faq/support_center_contact"):
        assert name in ENGLISH


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_english_answer_keeps_every_fact(name: str) -> None:
    standard = standard_responses()
    assert name in standard, f"{name} is not a response of the bot"
    assert _facts(ENGLISH[name]["text"]) == _facts(standard[name]["text"])


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_english_answer_names_its_source_as_a_translation(name: str) -> None:
    text = ENGLISH[name]["text"]
    if _facts(standard_responses()[name]["text"])["sections"]:
        assert re.search(r"\(Source: Kyodo Handbook [IV]+-\d{2}.*translated from Japanese\)$", text)
