"""Kanji numerals as numbers: 十二 → 12, 二十五 → 25, 二〇 → 20, 一万二千 → 12000."""

from __future__ import annotations

import re

DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "[〇零一二三四五六七八九十百千万]+"


def kanji_to_int(numeral: str) -> int:
    """The value of a kanji numeral, positional (二〇) or with units (二十, 百, 一万二千)."""
    total, section, digit = 0, 0, None
    for ch in numeral:
        if ch in DIGITS:
            digit = DIGITS[ch] if digit is None else digit * 10 + DIGITS[ch]
        elif ch in UNITS:
            section += (1 if digit is None else digit) * UNITS[ch]
            digit = None
        elif ch == "万":
            total += ((section + (digit or 0)) or 1) * 10000
            section, digit = 0, None
    return total + section + (digit or 0)


def replace_kanji_numerals(text: str, before: str) -> str:
    """``text`` with every kanji numeral followed by the regex ``before`` (e.g. ``[年月日時]``) written in digits."""
    return re.sub(NUMERAL + f"(?={before})", lambda m: str(kanji_to_int(m.group(0))), text)
