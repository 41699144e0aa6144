"""The English answers (data/english/*.yml) are faithful to the Japanese ones: the same phone and fax numbers,
postal codes, e-mail addresses, handbook sections and every other number (counts, floors, times, dates: English
month names count as their numbers), and a source line saying they are translations."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.core.variants import ENGLISH_DIR, load_variants
from tests.core.easy_support import standard_responses

_PHONE = re.compile(r"\d{2,4}-\d{3,4}-\d{4}")
_POSTAL = re.compile(r"〒\d{3}-\d{4}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SECTION = re.compile(r"[ⅠⅡⅢⅣⅤIV]+-\d{2}")
_ROMAN = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V"}
_NUMBER = re.compile(r"\d+")
_CIRCLED = {chr(0x2460 + i): str(i + 1) for i in range(20)}  # ① … ⑳
_MONTHS = "January February March April May June July August September October November December".split()
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b")
ENGLISH = load_variants(ENGLISH_DIR)


def _numbers(text: str) -> set[str]:
    """Every other number, after the phones, postal codes, e-mails and sections are taken out."""
    for pattern in (_PHONE, _POSTAL, _EMAIL, _SECTION):
        text = pattern.sub(" ", text)
    text = "".join(_CIRCLED.get(c, c) for c in text)
    text = _MONTH.sub(lambda m: f" {_MONTHS.index(m.group(1)) + 1} ", text)
    return set(_NUMBER.findall(text))


def _facts(text: str) -> dict[str, Any]:
    sections = {"".join(_ROMAN.get(c, c) for c in s) for s in _SECTION.findall(text)}
    return {
        "numbers": _numbers(text),
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


def test_a_changed_number_is_caught() -> None:
    standard = "構成員が5名以上、年末年始（12月29日から1月3日まで）、1階サロン"
    assert _numbers(standard) == _numbers("5 or more members, December 29 to January 3, the 1st floor salon")
    assert _numbers(standard) != _numbers("3 or more members, December 29 to January 3, the 1st floor salon")
    assert _numbers(standard) != _numbers("5 or more members, December 28 to January 3, the 1st floor salon")
