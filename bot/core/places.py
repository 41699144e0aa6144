"""Where a group is based, read from a free Japanese reply: inside 金沢市, outside (白山市, 富山県…), or unknown."""

from __future__ import annotations

import re

from bot.core.yes_no import CLAUSE_SPLIT, UNSURE, is_negated, normalize

_INSIDE_WORDS = ("金沢", "かなざわ", "kanazawa")
OUTSIDE_EXPLICIT = ("金沢以外", "金沢市外", "金沢の外", "市外", "県外", "よその市", "他の市", "ほかの市", "他県")
_OUTSIDE_NAMED = (
    "白山",
    "野々市",
    "能美",
    "小松",
    "加賀",
    "かほく",
    "内灘",
    "津幡",
    "七尾",
    "輪島",
    "珠洲",
    "羽咋",
    "志賀",
    "宝達志水",
    "中能登",
    "穴水",
    "能登",
    "川北",
    "富山",
    "福井",
    "東京",
    "大阪",
    "京都",
    "名古屋",
)
_OTHER_MUNICIPALITY = re.compile(r"[一-龯々]{1,4}(?:市|県|府|都)(?![民内外役長議政場])")


def place_mentions(clause: str) -> list[tuple[int, int, bool]]:
    """(start, end, inside 金沢) for every named place in the clause."""
    found = [(m.start(), m.end(), True) for w in _INSIDE_WORDS for m in re.finditer(re.escape(w), clause)]
    found += [(m.start(), m.end(), False) for w in _OUTSIDE_NAMED for m in re.finditer(re.escape(w), clause)]
    for m in _OTHER_MUNICIPALITY.finditer(clause):
        name = m.group(0)
        if "石川" in name or name == "都市" or any(s <= m.start() < e for s, e, _ in found):
            continue
        found.append((m.start(), m.end(), False))
    return found


def parse_place(text: str) -> bool | None:
    """True inside 金沢市, False outside (白山市, 野々市, 富山市…), None when the place is unknown.

    「市外」「県外」 are outside; the place named last counts (「白山市ではなく金沢市」 → inside);
    a bare 「市内」 means inside, since the question names 金沢市.
    """
    t = normalize(text)
    if not t or UNSURE.search(t):
        return None
    clauses = CLAUSE_SPLIT.split(t)
    last = clauses[-1]
    explicit = [last.find(w) + len(w) for w in OUTSIDE_EXPLICIT if w in last]
    if explicit:
        return is_negated(last[min(explicit) :])
    mentions = place_mentions(last)
    if mentions:
        _start, end, inside = max(mentions)
        if is_negated(last[end:]):
            return False if inside else None
        return inside
    if "市内" in last:
        return not is_negated(last[last.find("市内") :])
    if any(inside for clause in clauses[:-1] for _s, _e, inside in place_mentions(clause)):
        return False
    return None
