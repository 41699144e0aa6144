"""Whether people from outside the group may join: 「部外者は入れません」「一般の方はお断り」「外の人も参加できます」.

Pure functions, no Rasa. Closed membership is often said with a negated verb whose subject is the outsider; read as
a plain topic word plus negation, 「招待制で、部外者は参加できません」 would flip 招待制 to "open". Here the negation
belongs to the access verb right after the outsider, so the clause says "closed". Shared by the free-message reader
(bot/core/situation.py) and the pre-check form's parser (bot/core/precheck_parsing.py), before their topic words.
"""

from __future__ import annotations

import re

from bot.core.yes_no import normalize

_CLAUSE_END = re.compile(r"[、。,，.!！?？\n]+")
_OUTSIDER = (
    r"(?:部外者|外部の(?:人|方)|(?<![一-龯])外の(?:人|方)|非会員|一般の(?:人|方)|一般参加"
    r"|(?:会員|メンバー|関係者|身内|団員|部員)以外|(?:会員|メンバー)(?:じゃ|で)ない(?:人|方))"
)
# 参加・入会・入(れる)・受け付け・受け入れ; the verb's own ending (「はでき」「れてい」) is up to six kana.
_ACCESS = r"(?:参加|入会|加入|入部|入|はい(?=[れら])|受け?付|受付|受け?入|受入)[ぁ-ん出来]{0,6}?"
# ない/ません/なかった/できず, and the 金沢弁 or casual 〜ん (入れん, できん, しとらん), 〜へん.
_NEGATED = r"(?:な(?:い|かっ)|ません|[れきけせら]ん|へん|ず)"
_REFUSED = r"(?:お?断り|断って|ご?遠慮|不可|禁止)"
_ADMITTED = r"(?:でき|出来|れる|れます|可能|歓迎|ok|大丈夫|自由)"
_KEPT_OUT = re.compile(_OUTSIDER + r".{0,10}?(?:" + _ACCESS + _NEGATED + "|" + _REFUSED + ")")
_LET_IN = re.compile(_OUTSIDER + r".{0,10}?(?:" + _ACCESS + _ADMITTED + "|歓迎|どうぞ)")
# 「入れないわけではない」「お断りではありません」「お断りしていません」: the keeping out is itself denied.
_UNDONE = re.compile(r"^(?:わけ|こと)?(?:で|じゃ)?は?(?:ない|ありません)|^しては?(?:い|お)?(?:ない|ません|りません)")


def outsiders_admitted(text: str) -> bool | None:
    """False when a clause keeps outsiders out (「会員以外は入れない」), True when it lets them in
    (「部外者も参加できます」), None when no clause says either. The first clause that says one wins."""
    for clause in _CLAUSE_END.split(text or ""):
        folded = normalize(clause)
        kept_out = _KEPT_OUT.search(folded)
        if kept_out:
            return bool(_UNDONE.search(folded[kept_out.end() :]))
        if _LET_IN.search(folded):
            return True
    return None
