"""bot/core/search_links.py: the handbook's search phrases (「…」で検索) and the one URL pattern for them."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.core.search_links import DEFAULT_PATTERN, pattern_from_env, search_links, search_phrases, search_url

ROOT = Path(__file__).resolve().parents[2]


def faq_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "data" / "nlu").glob("faq_*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts += [v["text"] for variants in (data.get("responses") or {}).values() for v in variants]
    return texts


def test_the_faq_answers_name_the_handbook_s_three_search_phrases():
    found = {p for t in faq_texts() for p in search_phrases(t)}
    assert found == {"金沢市 協働をすすめる市民団体登録", "金沢市市民活動サポートセンター", "金沢学生のまち市民交流館"}


def test_only_phrases_followed_by_de_kensaku_are_taken_once_each_in_order():
    text = "「協働をすすめる市民団体」の登録は（「金沢市 協働」で検索）。"
    text += "「交流館」で検索してください。「金沢市 協働」で検索"
    assert search_phrases(text) == ["金沢市 協働", "交流館"]
    assert search_phrases("「協働とは」について") == []
    assert search_phrases("「二行に\nまたがる」で検索") == []


def test_the_url_is_the_pattern_with_the_phrase_encoded():
    assert search_url("https://s.example/?q={query}&x=1", "金沢市 協働/&?") == (
        "https://s.example/?q=%E9%87%91%E6%B2%A2%E5%B8%82%20%E5%8D%94%E5%83%8D%2F%26%3F&x=1"
    )
    assert search_links("「交流館」で検索", "https://s.example/{query}") == [
        {"phrase": "交流館", "url": "https://s.example/%E4%BA%A4%E6%B5%81%E9%A4%A8"}
    ]


def test_the_pattern_comes_from_the_environment_when_it_is_an_https_url_with_a_query_slot():
    assert pattern_from_env({"SEARCH_URL_PATTERN": " https://s.example/?q={query} "}) == "https://s.example/?q={query}"
    for bad in ("", "https://s.example/", "http://s.example/?q={query}", "javascript:{query}"):
        assert pattern_from_env({"SEARCH_URL_PATTERN": bad}) == DEFAULT_PATTERN
    assert pattern_from_env({}) == DEFAULT_PATTERN
    assert DEFAULT_PATTERN.startswith("https://") and "{query}" in DEFAULT_PATTERN
