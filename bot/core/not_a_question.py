"""Is a message no question at all? Markup, code, SQL, bare URLs, keyboard mashing and strings of numbers or symbols.

Such text gets the decline (intent out_of_scope) instead of the classifier's best guess: 「<script>alert(1)</script>」
is not a question about opening hours. Everything is judged after the NFKC fold (bot/core/text_fold.py), so
全角 ＜ｓｃｒｉｐｔ＞ counts as <script>. Japanese questions, English or rōmaji sentences, and the answers the forms ask
for (a count 「5」, a phone number, a date 「5/3」, a time 「19:00」) are never caught.
"""

from __future__ import annotations

import re

from bot.core.text_fold import fold

_JAPANESE = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff\u3005]")

_MARKUP = re.compile(
    r"<\s*/?\s*[a-z][a-z0-9:-]*(\s[^<>]*)?/?\s*>|<\s*script|<\s*/\s*script|<!--|<!\[cdata\[|<\?(xml|php)"
    r"|javascript\s*:|vbscript\s*:|data\s*:\s*text/html|\bon(error|load|click|mouseover)\s*=|&(lt|gt|quot|#\d+);",
    re.IGNORECASE,
)

_SQL = re.compile(
    r"\bselect\b.+\bfrom\b|\bdrop\s+(table|database)\b|\bunion\s+(all\s+)?select\b|\binsert\s+into\b"
    r"|\bdelete\s+from\b|\bupdate\s+\w+\s+set\b|\btruncate\s+table\b|\balter\s+table\b"
    r"|['\"]\s*\)?\s*or\s+['\"]?\w+['\"]?\s*=\s*['\"]?\w+|\bor\s+1\s*=\s*1\b|['\";)]\s*(--|#)|;\s*--|/\*.*?\*/",
    re.IGNORECASE,
)

_CODE = re.compile(
    r"\bfunction\s*\w*\s*\(|\bdef\s+\w+\s*\(|^\s*import\s+[\w.]+|\bfrom\s+[\w.]+\s+import\b|console\.\w+\s*\("
    r"|\b(alert|eval|print|printf|exec|system|document\.\w+|window\.\w+)\s*\(|\bSystem\.out\b|#include\s*<"
    r"|=>|\$\(|\$\{|&&|\|\||\brm\s+-rf\b|\bsudo\s+\w|\b(cat|ls|echo|curl|wget|grep|ps)\b[^|]*\|\s*\w"
    r"|\|\s*(sh|bash|grep|xargs|awk|sed)\b|\b(var|let|const)\s+\w+\s*=|\breturn\s+[\w(]+\s*;",
    re.IGNORECASE,
)
_CALL = re.compile(r"[A-Za-z_][\w.]*\s*\([^()]*\)")
_CODE_SYMBOLS = set(";{}=")
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")

_URL = re.compile(
    r"^(?:(?:https?|ftp|file)://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|jp|io|info|biz|xyz)(?:/\S*)?)$",
    re.IGNORECASE,
)
_SLASH_COMMAND = re.compile(r"^/[A-Za-z_][\w/-]*(?:@[\d.]*)?(?:\{.*\})?$", re.DOTALL)

_LATIN_WORD = re.compile(r"[a-z]+")
_VOWELS = set("aeiouy")
_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890")
_KEY_RUNS = frozenset(row[i : i + 5] for row in _KEY_ROWS for i in range(len(row) - 4))
_KEY_RUNS_REVERSED = frozenset(run[::-1] for run in _KEY_RUNS)
_REPEATED = re.compile(r"(.)\1{5,}")
_KANJI = re.compile(r"[\u4e00-\u9fff\u3005]")
# One row of the kana table typed along (あいうえおあいう, ぱぴぷぺぽぱぴぷ): no word is written in one row alone.
_KANA_ROWS = tuple(
    frozenset(row)
    for row in "あいうえお かきくけこ がぎぐげご さしすせそ ざじずぜぞ たちつてと だぢづでど なにぬねの はひふへほ "
    "ばびぶべぼ ぱぴぷぺぽ まみむめも やゆよ らりるれろ".split()
)
_PLACEHOLDERS = frozenset({"hoge", "fuga", "piyo", "foo", "bar", "baz", "lorem", "ipsum", "dolor"})

# Markdown emphasis/code/headings/lists, JSON objects, path traversal and percent-encoded bytes.
_MARKDOWN = re.compile(
    r"\*\*[^*\n]+\*\*|`[^`\n]+`|^#{1,6}\s.*\n|^\s*[-*+]\s.*\n\s*[-*+]\s"
    r"|\A#{1,6} \S.* [-*+] \S",  # a heading then a list item, its lines already joined by the white-space fold
    re.MULTILINE,
)
_JSON = re.compile(r"^\s*[\[{].*[\"']\s*:.*[}\]]\s*$", re.DOTALL)
_PATH_OR_ESCAPE = re.compile(r"\.\./|^/(?:etc|usr|var|bin|proc)/|^[a-z]:\\|(?:%[0-9a-f]{2}){3,}", re.IGNORECASE)

_NO_LETTER = re.compile(r"^[^\w]*$|^[\d\W_]+$")
_FORM_ANSWER = re.compile(
    r"^(?:\+\d{1,3}[\s-]*\(?0?|\(?0)\d{1,4}\)?[\s-]*\d{1,4}[\s-]*\d{3,4}$"  # a phone number
    r"|^0\d{1,4}[\s-]*\(\d{1,4}\)[\s-]*\d{3,4}$"  # a phone number with its local code in brackets
    r"|^\d{1,4}(?:[:/.\-年月日時分]\d{1,4}){0,2}[\s!?。、]*$"  # 5, 10, 19:00, 2024/5/3, 12-29
)


def _is_markup(text: str) -> bool:
    return bool(_MARKUP.search(text) or _MARKDOWN.search(text) or _JSON.match(text) or _PATH_OR_ESCAPE.search(text))


def _is_kana_mashing(text: str) -> bool:
    """Kana without kanji repeating a few characters (あああああああ, ぱぴぷぺぽぱぴぷ, っっっっkkk)."""
    if len(text) < 7 or " " in text or _KANJI.search(text):
        return False
    distinct = set(text)
    return len(distinct) <= 2 or any(distinct <= row for row in _KANA_ROWS)


def _is_sql(text: str) -> bool:
    return bool(_SQL.search(text))


def _is_code(text: str) -> bool:
    if _CODE.search(text):
        return True
    if not _IDENTIFIER.search(text):
        return False
    symbols = sum(1 for ch in text if ch in _CODE_SYMBOLS)
    return symbols >= 3 or (symbols >= 1 and bool(_CALL.search(text)))


def _is_mashing(text: str) -> bool:
    if _JAPANESE.search(text):
        return _is_kana_mashing(text)
    lowered = text.lower()
    words = _LATIN_WORD.findall(lowered)
    if words and all(word in _PLACEHOLDERS for word in words):
        return True
    if _REPEATED.search(lowered.replace(" ", "")):
        return True
    for word in _LATIN_WORD.findall(lowered):
        if len(word) >= 6 and not _VOWELS.intersection(word):
            return True
        if any(word[i : i + 5] in _KEY_RUNS or word[i : i + 5] in _KEY_RUNS_REVERSED for i in range(len(word) - 4)):
            return True
    return False


def _is_numbers_or_symbols(text: str) -> bool:
    """Only digits and symbols, and not an answer a form asks for (a count, a phone number, a date, a time)."""
    compact = text.strip()
    if not compact or not _NO_LETTER.match(compact) or _JAPANESE.search(compact):
        return False
    if compact.isdigit() and len(compact) > 11:  # longer than any phone number
        return True
    return not _FORM_ANSWER.match(compact)


def is_not_a_question(text: str | None) -> bool:
    """True when ``text`` is markup, code, SQL, a bare URL, a slash command, keyboard mashing or only numbers and
    symbols, judged after the NFKC fold; False for any sentence in words (Japanese, English, rōmaji)."""
    folded = fold(text, spaces="collapse")
    if not folded:
        return False
    return (
        bool(_MARKDOWN.search(fold(text)))
        or _is_markup(folded)
        or _is_sql(folded)
        or _is_code(folded)
        or bool(_URL.match(folded))
        or bool(_SLASH_COMMAND.match(folded))
        or _is_mashing(folded)
        or _is_numbers_or_symbols(folded)
    )
