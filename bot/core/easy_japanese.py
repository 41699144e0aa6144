"""やさしい日本語 (issue 16): the answer style of a conversation, the reading markup and the facts of a text.

- Style: a conversation is "easy" once the citizen asked for it (the ``answer_style`` slot) or, while they have
  not chosen, as soon as one of their messages is written in simple Japanese (mostly hiragana, with spaces, or
  「〜を おしえて ください」). 「ふつうの日本語」 sets the slot back to "standard", and an explicit choice wins.
- Readings: a kanji word followed at once by its reading in full-width parentheses, 交流館（こうりゅうかん）. A
  reading is hiragana only, without spaces; an explanation, 協働（いっしょに はたらくこと）, has a space, so it stays
  text. LINE shows the parentheses as they are; the web chat renders the readings as ``<ruby>``.
- Facts: the numbers, times, weekdays, phones, postal codes, e-mails and ``{placeholders}`` of a text, which the
  easy version of a sentence must keep unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

STANDARD = "standard"
EASY = "easy"
STYLES = (STANDARD, EASY)

READING = re.compile(r"([\u4e00-\u9fff々〆ヶ]+)（([\u3041-\u3096ー]+)）")
_HIRAGANA = re.compile(r"[\u3041-\u309fー]")
_KANJI = re.compile(r"[\u4e00-\u9fff々〆ヶ]")
_LETTERS = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff々A-Za-z]")
_POLITE_ASK = re.compile(r"(を|は|が)?\s*(おしえて|しりたい|ください)")

_FACT_PATTERNS = (
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail
    re.compile(r"https?://\S+"),  # a URL
    re.compile(r"〒\d{3}-\d{4}"),  # postal code
    re.compile(r"\(?0\d{1,4}\)?[-‐]?\d{1,4}[-‐]\d{3,4}"),  # phone / fax
    re.compile(r"(?:午前|午後)\d{1,2}時(?:\d{1,2}分)?"),  # a time
    re.compile(r"[月火水木金土日]曜日"),  # a weekday
    re.compile(r"\{[a-z_]+\}"),  # a placeholder a text is formatted with
    re.compile(r"[①-⑳]"),  # a numbered requirement
)
_DIGITS = re.compile(r"\d+")


def plain(text: str) -> str:
    """The text without its readings: 交流館（こうりゅうかん） → 交流館."""
    return READING.sub(r"\1", text)


def ruby_parts(text: str) -> list[tuple[str, str]]:
    """The text cut into (base, reading) pairs; a reading is "" for plain text. Joined, the bases are plain(text)."""
    parts: list[tuple[str, str]] = []
    last = 0
    for match in READING.finditer(text):
        if match.start() > last:
            parts.append((text[last : match.start()], ""))
        parts.append((match.group(1), match.group(2)))
        last = match.end()
    if last < len(text):
        parts.append((text[last:], ""))
    return parts


def unexplained_kanji(text: str, allowed: Iterable[str]) -> list[str]:
    """The kanji of the text, outside a word with its reading, that are not among ``allowed`` (about N3)."""
    known = set(allowed)
    rest = READING.sub("", re.sub(r"\{[a-z_]+\}", "", text))
    return sorted({ch for ch in _KANJI.findall(rest) if ch not in known})


def facts(text: str) -> list[str]:
    """The facts of a text, sorted: e-mails, phones, times, weekdays, placeholders, ①…, then every other number."""
    rest = plain(text)
    found: list[str] = []
    for pattern in _FACT_PATTERNS:
        found.extend(pattern.findall(rest))
        rest = pattern.sub(" ", rest)
    found.extend(_DIGITS.findall(rest))
    return sorted(found)


def missing_facts(standard: str, easy: str) -> list[str]:
    """The facts of ``standard`` that ``easy`` lacks (each counted: two phone numbers need two)."""
    remaining = facts(easy)
    missing: list[str] = []
    for fact in facts(standard):
        if fact in remaining:
            remaining.remove(fact)
        else:
            missing.append(fact)
    return missing


def looks_simple(text: str) -> bool:
    """Whether a message is written in simple Japanese: mostly hiragana with spaces between its phrases, or
    「〜を おしえて ください」. A message in ordinary Japanese (kanji, no spaces) is not."""
    letters = _LETTERS.findall(text)
    if len(letters) < 4:
        return False
    hiragana = len(_HIRAGANA.findall(text)) / len(letters)
    kanji = len(_KANJI.findall(text)) / len(letters)
    spaced = bool(re.search(r"\S[ 　]\S", text.strip()))
    if _POLITE_ASK.search(text) and spaced and kanji <= 0.4:
        return True
    return spaced and hiragana >= 0.7 and kanji <= 0.25


def effective_style(slot_value: object, user_texts: Iterable[str]) -> str:
    """The style to answer in: the citizen's choice (the slot), else easy once a message of theirs looks simple."""
    if slot_value in STYLES:
        return str(slot_value)
    return EASY if any(looks_simple(t) for t in user_texts if t and not t.startswith("/")) else STANDARD
