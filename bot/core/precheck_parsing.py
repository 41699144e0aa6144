"""Free-text Japanese replies → pre-check answers. Pure functions, no Rasa.

Each question is phrased so that 「はい」 asserts the fact named by its answer key (see eligibility.py):
「営利を目的としない団体ですか」 → はい = non-profit; 「政治的又は宗教的活動…をしていますか」 → はい = does it.
Topic words are read before plain yes/no, so 「営利目的ではない」 answers the non-profit question as True.
Every parser returns None when it is not sure; the form then asks again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.core import eligibility as el
from bot.core import fact_words as fw
from bot.core.numerals import NUMERAL, kanji_to_int
from bot.core.outsiders import outsiders_admitted
from bot.core.places import OUTSIDE_EXPLICIT, parse_place, place_mentions
from bot.core.text_fold import fold
from bot.core.yes_no import TopicGroup, normalize, parse_yes_no, topic_answer

Answer = bool | int

# Base words from bot/core/fact_words.py; an answer to one question may also use the words below, which in a free
# message (bot/core/situation.py) say something else or nothing.
# 「身内だけ」「閉じた会」 answer the open question; in a free message 身内 is the hobby fact, 閉じ any shut thing.
_CLOSED_ANSWERS = fw.words("身内 閉じ")
# 「どなたも」「開いています」「一般の方も」 answer it too; a free message says them of the rule or of opening hours.
_OPEN_ANSWERS = fw.words("どなたも 開いて 一般の方 一般の人 市民の方")
# 「ボランティアです」「無償です」 answer the non-profit question; a free message's ボランティア is a topic, not a fact.
_NON_PROFIT_ANSWERS = fw.words("ボランティア 無償")
# Only 「お金を稼」 here, where the free-message reader takes any 稼 (no reason recorded; kept as it was).
_PROFIT_ANSWERS = fw.words("お金を稼")
# 「立ち上げ中です」 only: the free-message reader's wider 立ち上げ/…ばかり came with issue 14 (kept as it was).
_NOT_YET_ANSWERS = fw.words("立ち上げ中")
# 「やってます」「月に一度行っています」 answer the continuing question; a free message says them of anything.
_CONTINUING_ANSWERS = fw.words("年に 月に 週に 前から 活動して 行って おこなって やって")
# 「地域のためです」 answers the hobby question with no; a free message saying it denies no hobby.
_PUBLIC_PURPOSE = fw.words(
    "地域のため 市民のため まちのため 街のため まちづくり 公益 社会貢献 地域貢献 みんなのため 皆のため"
)
# 「任意です」「有志です」「サークルです」 answer the legal-form question; in a free message サークル is the hobby fact.
_NOT_A_CORPORATION_ANSWERS = fw.words("任意 有志 ボランティアグループ サークル")

_OPEN_GROUPS: list[TopicGroup] = [(fw.CLOSED + _CLOSED_ANSWERS, False, True), (fw.OPEN + _OPEN_ANSWERS, True, False)]
_NON_PROFIT_GROUPS: list[TopicGroup] = [
    (fw.NON_PROFIT + _NON_PROFIT_ANSWERS, True, False),
    (fw.PROFIT + _PROFIT_ANSWERS, False, True),
]
_CONTINUING_GROUPS: list[TopicGroup] = [
    (fw.NOT_YET_OR_ONCE + _NOT_YET_ANSWERS, False, None),
    (fw.CONTINUING + _CONTINUING_ANSWERS, True, False),
]
_POLITICAL_GROUPS: list[TopicGroup] = [(fw.POLITICAL_RELIGIOUS, True, False)]
_HOBBY_GROUPS: list[TopicGroup] = [(fw.HOBBY, True, False), (_PUBLIC_PURPOSE, False, True)]
# 「任意団体ではないです」 answers the legal-form question with yes (the free-message reader: states nothing).
_LEGAL_GROUPS: list[TopicGroup] = [
    (fw.NOT_A_CORPORATION + _NOT_A_CORPORATION_ANSWERS, False, True),
    (fw.CORPORATION, True, False),
]

_KANJI_NUMBER = re.compile(NUMERAL + r"(?=人|名|にん|めい)")
_NATIVE_COUNTS = (("ひとり", "1人"), ("ふたり", "2人"))
_COUNTED = re.compile(r"(\d+)(?:(?:〜|~|-|から|ー|－)\d+)?(?:人|名|にん|めい)(以上|未満|以下|超)?")
_NUMBER = re.compile(r"\d+")
MAX_MEMBERS = 100000


def parse_member_count(text: str) -> int | None:
    """8人です / メンバーは3名 / 十二人 / ８名 / 5〜6人 (lower bound) / 5人未満 (→4) → the count."""
    t = fold(text, spaces="drop").replace(",", "")
    for word, digits in _NATIVE_COUNTS:
        t = t.replace(word, digits)
    t = _KANJI_NUMBER.sub(lambda m: str(kanji_to_int(m.group(0))), t)
    match = _COUNTED.search(t)
    if match:
        count = int(match.group(1)) - (1 if match.group(2) == "未満" else 0)
        count += 1 if match.group(2) == "超" else 0
    else:
        numbers = _NUMBER.findall(t)
        if len(numbers) != 1:
            return None
        count = int(numbers[0])
    return count if 0 <= count <= MAX_MEMBERS else None


def _with_yes_no(groups: Sequence[TopicGroup], fine: bool | None) -> Callable[[str], bool | None]:
    """Topic words first; plain yes/no only when no topic word was used."""

    def parse(text: str) -> bool | None:
        found, answer = topic_answer(text, groups)
        return answer if found else parse_yes_no(text, fine)

    return parse


def _outsiders_first(parse: Callable[[str], bool | None]) -> Callable[[str], bool | None]:
    """「部外者は入れません」 answers before the topic words: its negation must not flip 「招待制で…」 to open."""

    def parse_open(text: str) -> bool | None:
        admitted = outsiders_admitted(text)
        return parse(text) if admitted is None else admitted

    return parse_open


def _place_or_yes_no(text: str) -> bool | None:
    t = normalize(text)
    named = place_mentions(t) or any(w in t for w in OUTSIDE_EXPLICIT + ("市内",))
    return parse_place(text) if named else parse_yes_no(text)


PARSERS: dict[str, Callable[[str], Answer | None]] = {
    el.OPEN_TO_CITIZENS: _outsiders_first(_with_yes_no(_OPEN_GROUPS, fine=True)),
    el.NON_PROFIT: _with_yes_no(_NON_PROFIT_GROUPS, fine=True),
    el.CONTINUING_ACTIVITY: _with_yes_no(_CONTINUING_GROUPS, fine=True),
    el.MEMBER_COUNT: parse_member_count,
    el.BASE_IN_KANAZAWA: _place_or_yes_no,
    el.POLITICAL_RELIGIOUS: _with_yes_no(_POLITICAL_GROUPS, fine=False),
    el.MUTUAL_AID_OR_HOBBY: _with_yes_no(_HOBBY_GROUPS, fine=False),
    el.IS_CORPORATION: _with_yes_no(_LEGAL_GROUPS, fine=None),
}


def parse_answer(key: str, text: str) -> Answer | None:
    """The answer to question ``key`` (an eligibility answer key) read from ``text``, or None."""
    parser = PARSERS.get(key)
    if parser is None or not isinstance(text, str):
        return None
    return parser(text)
