"""One NFKC fold for every comparison of citizen text: 全角英数 and 半角カナ become one form (ｻﾎﾟｾﾝ → サポセン)."""

from __future__ import annotations

import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")


def fold(text: str | None, *, lower: bool = False, spaces: str = "keep") -> str:
    """``text`` (None counts as "") after NFKC, trimmed; ``lower`` lower-cases it; ``spaces`` is ``"keep"``,
    ``"collapse"`` (runs of white space become one space) or ``"drop"`` (no white space at all)."""
    folded = unicodedata.normalize("NFKC", text or "")
    if spaces == "drop":
        folded = _WHITESPACE.sub("", folded)
    elif spaces == "collapse":
        folded = _WHITESPACE.sub(" ", folded)
    elif spaces != "keep":
        raise ValueError(f"spaces must be keep, collapse or drop, not {spaces!r}")
    folded = folded.strip()
    return folded.lower() if lower else folded
