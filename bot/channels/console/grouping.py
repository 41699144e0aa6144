"""Group questions by similar wording: Jaccard similarity of character bigrams after NFKC (bot/core/text_fold)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from bot.core.text_fold import fold

T = TypeVar("T")
NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
DEFAULT_THRESHOLD = 0.35


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of ``text`` folded (NFKC, lower case, no spaces or punctuation)."""
    folded = NOISE.sub("", fold(text, lower=True))
    if len(folded) < 2:
        return frozenset({folded}) if folded else frozenset()
    return frozenset(folded[i : i + 2] for i in range(len(folded) - 1))


def similarity(a: str, b: str) -> float:
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def group_similar(
    items: Sequence[T], text_of: Callable[[T], str], threshold: float = DEFAULT_THRESHOLD
) -> list[list[T]]:
    """Each item joins the first group holding an item at least ``threshold`` similar; biggest groups first."""
    groups: list[list[T]] = []
    grams: list[list[frozenset[str]]] = []
    for item in items:
        mine = bigrams(text_of(item))
        for members, member_grams in zip(groups, grams, strict=True):
            if any(mine and g and len(mine & g) / len(mine | g) >= threshold for g in member_grams):
                members.append(item)
                member_grams.append(mine)
                break
        else:
            groups.append([item])
            grams.append([mine])
    return sorted(groups, key=len, reverse=True)
