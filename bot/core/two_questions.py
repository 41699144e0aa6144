"""Two questions in one message (issue 14, kind 6): 「場所と電話番号を教えて」 → two self-contained parts.

Pure functions, no Rasa. At most two parts; the shared head (「交流館の」) and tail (「を教えて」) go into both.
"""

from __future__ import annotations

import re

_SENTENCES = re.compile(r"(?<=[？?。！!])\s*|\s*(?:あと|それと|それから|また|ついでに)[、,]?\s*")
_PAIR = re.compile(
    r"^(?P<head>.*?の)?(?P<a>[^、。と]{1,12}?)(?:と|や|、|及び|および)(?P<b>[^、。と]{1,12}?)"
    r"(?P<tail>(?:を|は|について|も|って|が).*|[？?]*)$"
)
_NOT_PAIRS = ("金沢学生のまち", "交流", "協働", "市民と行政", "ハンドブック")


def split_questions(text: str) -> list[str]:
    """1 or 2 parts of the message, each a question on its own."""
    sentences = [s for s in _SENTENCES.split(text or "") if s and s.strip()]
    if len(sentences) >= 2:
        return [sentences[0].strip(), " ".join(sentences[1:]).strip()]
    match = _PAIR.match((text or "").strip())
    if not match or any(w in match.group("a") + "と" + match.group("b") for w in _NOT_PAIRS):
        return [text]
    head, tail = match.group("head") or "", match.group("tail") or "？"
    return [head + match.group("a") + tail, head + match.group("b") + tail]
