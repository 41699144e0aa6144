"""Response variants by style and language (issue 16): the texts of data/easy/*.yml and data/english/*.yml.

A variant file holds ``responses:``, keyed by the response's name as Rasa utters it (``utter_greet``,
``utter_faq/kouryukan_address``), each with its ``text`` and, optionally, ``buttons``: the buttons' titles in the
order of the standard response's buttons (their payloads never change). bot/serving/styled_nlg.py picks the
variant; this module only reads and applies them.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
EASY_DIR = ROOT / "data" / "easy"
ENGLISH_DIR = ROOT / "data" / "english"
TOGGLE_ON = "/easy_japanese_on"
TOGGLE_OFF = "/easy_japanese_off"


@lru_cache(maxsize=4)
def load_variants(folder: Path) -> dict[str, dict[str, Any]]:
    """Every response variant of the folder's *.yml files (not its subfolders), keyed by response name."""
    variants: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yml")):
        with open(path, encoding="utf-8") as f:
            document = yaml.safe_load(f) or {}
        for name, variant in (document.get("responses") or {}).items():
            if name in variants:
                raise ValueError(f"{path}: the response {name!r} has a variant in another file too")
            variants[str(name)] = dict(variant)
    return variants


def apply_variant(response: Mapping[str, Any], variant: Mapping[str, Any]) -> dict[str, Any]:
    """The response with the variant's text and button titles; payloads, images and the rest unchanged."""
    styled = copy.deepcopy(dict(response))
    if variant.get("text") is not None:
        styled["text"] = str(variant["text"])
    titles = variant.get("buttons") or []
    for button, title in zip(styled.get("buttons") or [], titles, strict=False):
        if isinstance(button, dict) and title:
            button["title"] = str(title)
    return styled


def toggle_buttons(response: Mapping[str, Any], easy: bool, off_title: str) -> dict[str, Any]:
    """In the easy style, the 「やさしい日本語」 button of a response becomes 「ふつうの日本語」 (payload and title)."""
    styled = copy.deepcopy(dict(response))
    if easy:
        for button in styled.get("buttons") or []:
            if isinstance(button, dict) and button.get("payload") == TOGGLE_ON:
                button["payload"] = TOGGLE_OFF
                button["title"] = off_title
    return styled
