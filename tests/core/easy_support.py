"""The standard texts and their やさしい日本語 versions, side by side, for tests/core/test_easy_facts.py."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.core.easy_japanese import plain, unexplained_kanji
from bot.core.texts import EASY_TEXT_DIR, TEXT_DIR, catalogue
from bot.core.variants import EASY_DIR, load_variants

ROOT = Path(__file__).resolve().parents[2]
# data/texts a citizen never reads: the coordinators' console, the LINE rich menu's bar, the note on a request.
NOT_FOR_CITIZENS = ("console.", "line.", "handoff.resumed_note")
_QUOTE = re.compile(r"「([^「」]*)」|『([^『』]*)』")


def standard_responses() -> dict[str, dict[str, Any]]:
    """Every response the bot utters: domain.yml's and the FAQ answers of data/nlu (first variation each)."""
    responses: dict[str, dict[str, Any]] = {}
    for path in [ROOT / "domain.yml", *sorted((ROOT / "data" / "nlu").glob("*.yml"))]:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (document.get("responses") or {}).items():
            responses[name] = variations[0]
    return responses


def easy_responses() -> dict[str, dict[str, Any]]:
    return load_variants(EASY_DIR)


def citizen_texts() -> dict[str, Any]:
    return {k: v for k, v in catalogue(TEXT_DIR).items() if not k.startswith(NOT_FOR_CITIZENS)}


def easy_texts() -> dict[str, Any]:
    return catalogue(EASY_TEXT_DIR)


@lru_cache(maxsize=1)
def standard_wording() -> str:
    """Every standard answer and text, white space removed: they quote the handbook's names exactly, so a name an
    easy text quotes from them is the handbook's (read from the repository, not from a file outside it)."""
    parts = [str(r.get("text") or "") for r in standard_responses().values()]
    for value in catalogue(TEXT_DIR).values():
        parts += value if isinstance(value, list) else [value]
    return re.sub(r"\s+", "", "".join(plain(p) for p in parts))


def hard_kanji(text: str, allowed: set[str]) -> list[str]:
    """The kanji of an easy text without a reading, outside the allowed ones, its source line and the handbook's
    own titles quoted exactly as the standard answers quote them (「金沢市協働推進計画2021」 stays a name)."""
    lines = [line for line in text.splitlines() if not line.startswith("（出典：")]
    body = "\n".join(lines)

    def unquote(match: re.Match[str]) -> str:
        quoted = match.group(1) or match.group(2) or ""
        return "" if re.sub(r"\s+", "", plain(quoted)) in standard_wording() else quoted

    return unexplained_kanji(_QUOTE.sub(unquote, body), allowed)


def allowed_kanji() -> set[str]:
    lines = (EASY_DIR / "kanji.txt").read_text(encoding="utf-8").splitlines()
    return {ch for line in lines if not line.startswith("#") for ch in line.strip()}


def source_line(text: str) -> str | None:
    lines = [line for line in text.splitlines() if line.startswith("（出典：")]
    return lines[-1] if lines else None
