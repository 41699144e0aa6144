"""Search-phrase links: the handbook names web pages by what to search for
(「金沢市 協働をすすめる市民団体登録」で検索), never by URL. The web chat shows such a phrase as a link to a web
search, built from ONE URL pattern (SEARCH_URL_PATTERN, containing ``{query}``); no page URL is ever made up.
LINE keeps the plain text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote

ENV_NAME = "SEARCH_URL_PATTERN"
# A web search restricted to the city's site (city.kanazawa.lg.jp and its www4 host).
DEFAULT_PATTERN = "https://www.google.com/search?q={query}+site%3Acity.kanazawa.lg.jp"
PLACEHOLDER = "{query}"
# 「…」で検索 / 「…」で検索してください: the quoted phrase, on one line, before で検索.
PHRASE = re.compile(r"「([^「」\n]{1,80})」で検索")


def pattern_from_env(env: Mapping[str, str]) -> str:
    """SEARCH_URL_PATTERN when it is an https URL with ``{query}`` in it, else the default pattern."""
    value = env.get(ENV_NAME, "").strip()
    if value.startswith("https://") and PLACEHOLDER in value:
        return value
    return DEFAULT_PATTERN


def search_url(pattern: str, phrase: str) -> str:
    """The pattern with ``{query}`` replaced by the URL-encoded phrase (spaces as %20)."""
    return pattern.replace(PLACEHOLDER, quote(phrase, safe=""))


def search_phrases(text: str) -> list[str]:
    """The distinct search phrases of a bot text, in their order of appearance."""
    seen: list[str] = []
    for match in PHRASE.finditer(text):
        phrase = match.group(1).strip()
        if phrase and phrase not in seen:
            seen.append(phrase)
    return seen


def search_links(text: str, pattern: str) -> list[dict[str, str]]:
    """``[{"phrase", "url"}]`` for every search phrase of ``text``."""
    return [{"phrase": phrase, "url": search_url(pattern, phrase)} for phrase in search_phrases(text)]
