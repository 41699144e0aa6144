"""Yes or no in free Japanese: 「うん」「してます」「いいえ、やってない」「大丈夫」, read after an NFKC fold.

Pure functions, no Rasa. ``normalize`` folds a reply for every pre-check parser (bot/core/precheck_parsing.py);
``UNSURE`` and ``CLAUSE_SPLIT`` are shared with the topic and place readers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.text_fold import fold

# (topic words, value when asserted, value when negated)
TopicGroup = tuple[Sequence[str], bool | None, bool | None]

_PUNCT = re.compile(r"[\s、。，．,.!！?？「」『』()（）【】\[\]…・:：;；\"'`]+")
_NEGATION = re.compile(
    r"(ない|無い|無関係|無縁|なかっ|ません|なし|無し|ねえ|ねー|ず$|ずに|ちがう|ちがい|違う|違い|じゃな|ではな|でな)"
)
# Phrases that look negative but answer "yes".
_POSITIVE_IDIOMS = (
    "間違いない",
    "間違いありません",
    "まちがいない",
    "まちがいありません",
    "違いない",
    "違いありません",
)
# "It's fine": yes to 「開かれていますか」, but no to 「政治的…活動をしていますか」; the caller says which.
_FINE_WORDS = ("問題ない", "問題ありません", "問題なし", "大丈夫", "だいじょうぶ", "ok", "おっけー", "オッケー")
UNSURE = re.compile(
    r"(わから|分から|わかん|わかりません|分かりません|判りません|解ら|判ら|知らな|知りません|しらな|"
    r"しりません|不明|未定|微妙|"
    r"たぶん|多分|どうだろ|どうかな|どちらとも|どっちとも|迷って|かもしれ|かも$|検討中|確認中|"
    r"なんとも|何とも)"
)
_YES_LEADS = (
    "はーい",
    "はい",
    "うんうん",
    "うん",
    "ええ",
    "yes",
    "yeah",
    "yep",
    "そのとおり",
    "その通り",
    "そうです",
    "そう",
    "もちろん",
    "正解",
    "y",
)
_NO_LEADS = (
    "いいえ",
    "いえ",
    "いや",
    "ううん",
    "ちがいます",
    "ちがう",
    "違います",
    "違う",
    "no",
    "nope",
    "ノー",
    "のー",
    "ぜんぜん",
    "全然",
    "まったく",
    "全く",
    "n",
)
_AFFIRM_PREDICATE = re.compile(
    r"(そう|はい|うん|ます$|ますよ|ますね|てる$|ている|てます|ある$|あるよ|いる$|"
    r"できる|できます|やってる|しています|してる)"
)
CLAUSE_SPLIT = re.compile(r"(?:では|じゃ|で)なく(?:て)?")


def normalize(text: str) -> str:
    """NFKC (全角 → 半角 digits/letters), lower case, without spaces and punctuation."""
    return _PUNCT.sub("", fold(text, lower=True))


def is_negated(fragment: str) -> bool:
    return bool(_NEGATION.search(fragment))


def _split_lead(text: str) -> tuple[bool | None, str]:
    for leads, value in ((_NO_LEADS, False), (_YES_LEADS, True)):
        for lead in leads:
            if text.startswith(lead) and not (len(lead) == 1 and len(text) > 1):
                return value, text[len(lead) :]
    return None, text


def parse_yes_no(text: str, fine: bool | None = True) -> bool | None:
    """うん/はい/そうです/してます → True; ちがう/いいえ/してない/していません/やってない → False; else None.

    The predicate wins over the opening word: 「はい、していません」 is False. 「大丈夫」「問題ありません」
    mean ``fine`` (None: not an answer to this question).
    """
    t = normalize(text)
    if not t or UNSURE.search(t):
        return None
    fine_at = [t.find(w) + len(w) for w in _FINE_WORDS if w in t]
    if fine_at:
        if fine is None:
            return None
        return (not fine) if is_negated(t[min(fine_at) :]) else fine
    for idiom in _POSITIVE_IDIOMS:
        t = t.replace(idiom, "はい")
    lead, rest = _split_lead(t)
    if rest:
        if is_negated(rest):
            return False
        if _AFFIRM_PREDICATE.search(rest):
            return True
    return lead


def topic_answer(text: str, groups: Sequence[TopicGroup]) -> tuple[bool, bool | None]:
    """(topic found, answer). Negation after the word flips it; 「AではなくB」 denies A and reads B."""
    t = normalize(text)
    if not t or UNSURE.search(t):
        return True, None
    clauses = CLAUSE_SPLIT.split(t)
    last = clauses[-1]
    for words, asserted, negated in groups:
        positions = [last.find(w) + len(w) for w in words if w in last]
        if positions:
            return True, (negated if is_negated(last[min(positions) :]) else asserted)
    for clause in clauses[:-1]:
        for words, _asserted, negated in groups:
            if any(w in clause for w in words):
                return True, negated
    return False, None
