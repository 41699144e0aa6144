"""Is a message written in English or rōmaji (Latin letters, no Japanese)? Reused by the English note (kind 7 of
issue 14) and by English answers for core facts later (issue 16).

Judged after the NFKC fold, so 全角 Ｈｅｌｌｏ counts as Hello. Text with any kana or kanji is Japanese. A Latin text
counts as a sentence when it has at least two words of letters and letters make most of it; markup, code, URLs and
mashing are not sentences (bot/core/not_a_question.py decides those first).
"""

from __future__ import annotations

import re

from bot.core.not_a_question import is_not_a_question
from bot.core.text_fold import fold

_JAPANESE = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff\u3005\uff61-\uff9f]")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_LETTER = re.compile(r"[a-z]")


def latin_words(text: str | None) -> list[str]:
    """The lower-cased Latin words of ``text`` (after the NFKC fold)."""
    return _WORD.findall(fold(text, lower=True))


def is_english_or_romaji(text: str | None) -> bool:
    """True for a sentence in Latin letters (English or rōmaji Japanese): no kana or kanji, two or more words,
    letters at least 60% of its non-space characters, and not markup, code, a URL or mashing."""
    folded = fold(text, lower=True, spaces="collapse")
    if not folded or _JAPANESE.search(folded):
        return False
    words = latin_words(folded)
    if len(words) < 2 or sum(len(word) for word in words) < 5:
        return False
    visible = folded.replace(" ", "")
    if len(_LETTER.findall(visible)) < 0.6 * len(visible):
        return False
    return not is_not_a_question(folded)
