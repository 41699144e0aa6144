"""The bot's own sentences, read from data/texts/<concern>.yml: Python passes values, the data holds the words.

A key is ``<file stem>.<name>``, e.g. ``text("handoff.waiting")`` or ``text("opening_hours.closed", day=...)``.
A value is a ``str.format`` template, or a list of them (``texts("precheck.documents")``). A missing key or a
missing value raises at once, so a typo fails the tests instead of reaching a citizen.

やさしい日本語 (issue 16): data/easy/texts/<concern>.yml holds the easy version of each text under the same key. Inside
``with text_style("easy"):`` (the actions set it from the conversation's style) ``text`` and ``texts`` give it.
English (issue 16 part 3): data/english/texts/<concern>.yml, read by ``english_text`` (the English opening-day reply).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

TEXT_DIR = Path(__file__).resolve().parents[2] / "data" / "texts"
EASY_TEXT_DIR = Path(__file__).resolve().parents[2] / "data" / "easy" / "texts"
ENGLISH_TEXT_DIR = Path(__file__).resolve().parents[2] / "data" / "english" / "texts"
_STYLE: ContextVar[str] = ContextVar("text_style", default="standard")
Entry = str | list[str]


class TextError(KeyError):
    """A text key that data/texts does not hold, or a template given the wrong values."""


@lru_cache(maxsize=4)
def catalogue(text_dir: Path = TEXT_DIR) -> dict[str, Entry]:
    """Every text, keyed ``<file stem>.<name>``, read once."""
    entries: dict[str, Entry] = {}
    for path in sorted(text_dir.glob("*.yml")):
        with open(path, encoding="utf-8") as f:
            document = yaml.safe_load(f) or {}
        for name, value in (document.get("texts") or {}).items():
            if isinstance(value, list):
                entries[f"{path.stem}.{name}"] = [str(v) for v in value]
            else:
                entries[f"{path.stem}.{name}"] = str(value)
    return entries


@contextmanager
def text_style(style: str) -> Iterator[None]:
    """Within the block, texts come in ``style`` ("standard" or "easy") where data/easy/texts has them."""
    token = _STYLE.set(style)
    try:
        yield
    finally:
        _STYLE.reset(token)


def current_style() -> str:
    return _STYLE.get()


def _entry(key: str) -> Entry:
    if _STYLE.get() == "easy":
        easy = catalogue(EASY_TEXT_DIR).get(key)
        if easy is not None:
            return easy
    try:
        return catalogue()[key]
    except KeyError:
        raise TextError(f"no text {key!r} in {TEXT_DIR}") from None


def _render(key: str, template: str, values: dict[str, Any]) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError) as exc:
        raise TextError(f"text {key!r} needs the value {exc}") from None


def text(key: str, **values: Any) -> str:
    """The text ``key``, with ``values`` put in its ``{placeholders}``."""
    entry = _entry(key)
    if not isinstance(entry, str):
        raise TextError(f"text {key!r} is a list: use texts()")
    return _render(key, entry, values)


def texts(key: str, **values: Any) -> list[str]:
    """The list of texts ``key``, each with ``values`` put in."""
    entry = _entry(key)
    if isinstance(entry, str):
        raise TextError(f"text {key!r} is not a list: use text()")
    return [_render(key, item, values) for item in entry]


def english_text(key: str, **values: Any) -> str:
    """The English text ``key`` (data/english/texts), with ``values`` put in its ``{placeholders}``."""
    entry = catalogue(ENGLISH_TEXT_DIR).get(key)
    if not isinstance(entry, str):
        raise TextError(f"no English text {key!r} in {ENGLISH_TEXT_DIR}")
    return _render(key, entry, values)
