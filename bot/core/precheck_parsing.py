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
from bot.core.numerals import NUMERAL, kanji_to_int
from bot.core.outsiders import outsiders_admitted
from bot.core.places import OUTSIDE_EXPLICIT, parse_place, place_mentions
from bot.core.text_fold import fold
from bot.core.yes_no import TopicGroup, normalize, parse_yes_no, topic_answer

Answer = bool | int

_OPEN_GROUPS: list[TopicGroup] = [
    (
        (
            "会員限定",
            "会員のみ",
            "会員だけ",
            "メンバーのみ",
            "メンバーだけ",
            "関係者のみ",
            "関係者だけ",
            "身内",
            "限定",
            "閉じ",
            "クローズド",
            "招待制",
            "紹介制",
            "非公開",
        ),
        False,
        True,
    ),
    (
        (
            "誰でも",
            "だれでも",
            "どなたでも",
            "どなたも",
            "自由に参加",
            "参加自由",
            "入会自由",
            "オープン",
            "開かれ",
            "開いて",
            "一般の方",
            "一般の人",
            "市民の方",
        ),
        True,
        False,
    ),
]
_NON_PROFIT_GROUPS: list[TopicGroup] = [
    (("非営利", "npo", "ボランティア", "無償"), True, False),
    (("営利", "利益", "もうけ", "儲け", "収益", "商売", "ビジネス", "お金を稼", "金もうけ"), False, True),
]
_CONTINUING_GROUPS: list[TopicGroup] = [
    (
        (
            "これから始め",
            "これから活動",
            "まだ始め",
            "始める予定",
            "準備中",
            "立ち上げ中",
            "一回だけ",
            "1回だけ",
            "一度だけ",
            "1度だけ",
            "単発",
        ),
        False,
        None,
    ),
    (
        (
            "継続",
            "続けて",
            "毎週",
            "毎月",
            "毎年",
            "定期的",
            "年に",
            "月に",
            "週に",
            "ずっと",
            "長年",
            "何年も",
            "以前から",
            "前から",
            "活動して",
            "行って",
            "おこなって",
            "やって",
        ),
        True,
        False,
    ),
]
_POLITICAL_GROUPS: list[TopicGroup] = [
    (("政治", "宗教", "公序良俗", "選挙", "政党", "布教", "信仰"), True, False),
]
_HOBBY_GROUPS: list[TopicGroup] = [
    (
        (
            "趣味",
            "互助",
            "共益",
            "親睦",
            "仲良し",
            "仲間内",
            "仲間うち",
            "身内",
            "会員同士",
            "会員どうし",
            "助け合",
            "サークル",
            "同好会",
        ),
        True,
        False,
    ),
    (
        (
            "地域のため",
            "市民のため",
            "まちのため",
            "街のため",
            "まちづくり",
            "公益",
            "社会貢献",
            "地域貢献",
            "みんなのため",
            "皆のため",
        ),
        False,
        True,
    ),
]
_LEGAL_GROUPS: list[TopicGroup] = [
    (
        ("任意団体", "任意", "法人格なし", "法人格のない", "法人格はない", "有志", "ボランティアグループ", "サークル"),
        False,
        True,
    ),
    (("法人", "株式会社", "有限会社", "合同会社", "社団", "財団"), True, False),
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
