"""Free-text Japanese replies → pre-check answers. Pure functions, no Rasa.

Each question is phrased so that 「はい」 asserts the fact named by its answer key (see eligibility.py):
「営利を目的としない団体ですか」 → はい = non-profit; 「政治的又は宗教的活動…をしていますか」 → はい = does it.
Topic words are read before plain yes/no, so 「営利目的ではない」 answers the non-profit question as True.
Every parser returns None when it is not sure; the form then asks again.
"""
from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Sequence, Tuple, Union

from bot.core import eligibility as el
from bot.core.numerals import NUMERAL, kanji_to_int
from bot.core.text_fold import fold

Answer = Union[bool, int]
# (topic words, value when asserted, value when negated)
TopicGroup = Tuple[Sequence[str], Optional[bool], Optional[bool]]

_PUNCT = re.compile(r"[\s、。，．,.!！?？「」『』()（）【】\[\]…・:：;；\"'`]+")
_NEGATION = re.compile(r"(ない|無い|なかっ|ません|なし|無し|ねえ|ねー|ず$|ずに|ちがう|ちがい|違う|違い|じゃな|ではな|でな)")
# Phrases that look negative but answer "yes".
_POSITIVE_IDIOMS = ("間違いない", "間違いありません", "まちがいない", "まちがいありません", "違いない", "違いありません")
# "It's fine": yes to 「開かれていますか」, but no to 「政治的…活動をしていますか」; the caller says which.
_FINE_WORDS = ("問題ない", "問題ありません", "問題なし", "大丈夫", "だいじょうぶ", "ok", "おっけー", "オッケー")
_UNSURE = re.compile(r"(わから|分から|わかん|わかりません|分かりません|判りません|解ら|判ら|知らな|知りません|しらな|"
                     r"しりません|不明|未定|微妙|"
                     r"たぶん|多分|どうだろ|どうかな|どちらとも|どっちとも|迷って|かもしれ|かも$|検討中|確認中|"
                     r"なんとも|何とも)")
_YES_LEADS = ("はーい", "はい", "うんうん", "うん", "ええ", "yes", "yeah", "yep", "そのとおり", "その通り", "そうです",
              "そう", "もちろん", "正解", "y")
_NO_LEADS = ("いいえ", "いえ", "いや", "ううん", "ちがいます", "ちがう", "違います", "違う", "no", "nope", "ノー",
             "のー", "ぜんぜん", "全然", "まったく", "全く", "n")
_AFFIRM_PREDICATE = re.compile(r"(そう|はい|うん|ます$|ますよ|ますね|てる$|ている|てます|ある$|あるよ|いる$|"
                               r"できる|できます|やってる|しています|してる)")
_CLAUSE_SPLIT = re.compile(r"(?:では|じゃ|で)なく(?:て)?")


def normalize(text: str) -> str:
    """NFKC (全角 → 半角 digits/letters), lower case, without spaces and punctuation."""
    return _PUNCT.sub("", fold(text, lower=True))


def _negated(fragment: str) -> bool:
    return bool(_NEGATION.search(fragment))


def _split_lead(text: str) -> Tuple[Optional[bool], str]:
    for leads, value in ((_NO_LEADS, False), (_YES_LEADS, True)):
        for lead in leads:
            if text.startswith(lead) and not (len(lead) == 1 and len(text) > 1):
                return value, text[len(lead):]
    return None, text


def parse_yes_no(text: str, fine: Optional[bool] = True) -> Optional[bool]:
    """うん/はい/そうです/してます → True; ちがう/いいえ/してない/していません/やってない → False; else None.

    The predicate wins over the opening word: 「はい、していません」 is False. 「大丈夫」「問題ありません」
    mean ``fine`` (None: not an answer to this question).
    """
    t = normalize(text)
    if not t or _UNSURE.search(t):
        return None
    fine_at = [t.find(w) + len(w) for w in _FINE_WORDS if w in t]
    if fine_at:
        if fine is None:
            return None
        return (not fine) if _negated(t[min(fine_at):]) else fine
    for idiom in _POSITIVE_IDIOMS:
        t = t.replace(idiom, "はい")
    lead, rest = _split_lead(t)
    if rest:
        if _negated(rest):
            return False
        if _AFFIRM_PREDICATE.search(rest):
            return True
    return lead


def _topic_answer(text: str, groups: Sequence[TopicGroup]) -> Tuple[bool, Optional[bool]]:
    """(topic found, answer). Negation after the word flips it; 「AではなくB」 denies A and reads B."""
    t = normalize(text)
    if not t or _UNSURE.search(t):
        return True, None
    clauses = _CLAUSE_SPLIT.split(t)
    last = clauses[-1]
    for words, asserted, negated in groups:
        positions = [last.find(w) + len(w) for w in words if w in last]
        if positions:
            return True, (negated if _negated(last[min(positions):]) else asserted)
    for clause in clauses[:-1]:
        for words, _asserted, negated in groups:
            if any(w in clause for w in words):
                return True, negated
    return False, None


_OPEN_GROUPS: List[TopicGroup] = [
    (("会員限定", "会員のみ", "会員だけ", "メンバーのみ", "メンバーだけ", "関係者のみ", "関係者だけ", "身内", "限定",
      "閉じ", "クローズド", "招待制", "紹介制", "非公開"), False, True),
    (("誰でも", "だれでも", "どなたでも", "どなたも", "自由に参加", "参加自由", "入会自由", "オープン", "開かれ",
      "開いて", "一般の方", "一般の人", "市民の方"), True, False),
]
_NON_PROFIT_GROUPS: List[TopicGroup] = [
    (("非営利", "npo", "ボランティア", "無償"), True, False),
    (("営利", "利益", "もうけ", "儲け", "収益", "商売", "ビジネス", "お金を稼", "金もうけ"), False, True),
]
_CONTINUING_GROUPS: List[TopicGroup] = [
    (("これから始め", "これから活動", "まだ始め", "始める予定", "準備中", "立ち上げ中", "一回だけ", "1回だけ",
      "一度だけ", "1度だけ", "単発"), False, None),
    (("継続", "続けて", "毎週", "毎月", "毎年", "定期的", "年に", "月に", "週に", "ずっと", "長年", "何年も",
      "以前から", "前から", "活動して", "行って", "おこなって", "やって"), True, False),
]
_POLITICAL_GROUPS: List[TopicGroup] = [
    (("政治", "宗教", "公序良俗", "選挙", "政党", "布教", "信仰"), True, False),
]
_HOBBY_GROUPS: List[TopicGroup] = [
    (("趣味", "互助", "共益", "親睦", "仲良し", "仲間内", "仲間うち", "身内", "会員同士", "会員どうし",
      "助け合", "サークル", "同好会"), True, False),
    (("地域のため", "市民のため", "まちのため", "街のため", "まちづくり", "公益", "社会貢献", "地域貢献",
      "みんなのため", "皆のため"), False, True),
]
_LEGAL_GROUPS: List[TopicGroup] = [
    (("任意団体", "任意", "法人格なし", "法人格のない", "法人格はない", "有志", "ボランティアグループ",
      "サークル"), False, True),
    (("法人", "株式会社", "有限会社", "合同会社", "社団", "財団"), True, False),
]

_INSIDE_WORDS = ("金沢", "かなざわ", "kanazawa")
_OUTSIDE_EXPLICIT = ("金沢以外", "金沢市外", "金沢の外", "市外", "県外", "よその市", "他の市", "ほかの市", "他県")
_OUTSIDE_NAMED = ("白山", "野々市", "能美", "小松", "加賀", "かほく", "内灘", "津幡", "七尾", "輪島", "珠洲", "羽咋",
                  "志賀", "宝達志水", "中能登", "穴水", "能登", "川北", "富山", "福井", "東京", "大阪", "京都", "名古屋")
_OTHER_MUNICIPALITY = re.compile(r"[一-龯々]{1,4}(?:市|県|府|都)(?![民内外役長議政場])")


def _place_mentions(clause: str) -> List[Tuple[int, int, bool]]:
    """(start, end, inside 金沢) for every named place in the clause."""
    found = [(m.start(), m.end(), True) for w in _INSIDE_WORDS for m in re.finditer(re.escape(w), clause)]
    found += [(m.start(), m.end(), False) for w in _OUTSIDE_NAMED for m in re.finditer(re.escape(w), clause)]
    for m in _OTHER_MUNICIPALITY.finditer(clause):
        name = m.group(0)
        if "石川" in name or name == "都市" or any(s <= m.start() < e for s, e, _ in found):
            continue
        found.append((m.start(), m.end(), False))
    return found


def parse_place(text: str) -> Optional[bool]:
    """True inside 金沢市, False outside (白山市, 野々市, 富山市…), None when the place is unknown.

    「市外」「県外」 are outside; the place named last counts (「白山市ではなく金沢市」 → inside);
    a bare 「市内」 means inside, since the question names 金沢市.
    """
    t = normalize(text)
    if not t or _UNSURE.search(t):
        return None
    clauses = _CLAUSE_SPLIT.split(t)
    last = clauses[-1]
    explicit = [last.find(w) + len(w) for w in _OUTSIDE_EXPLICIT if w in last]
    if explicit:
        return _negated(last[min(explicit):])
    mentions = _place_mentions(last)
    if mentions:
        _start, end, inside = max(mentions)
        if _negated(last[end:]):
            return False if inside else None
        return inside
    if "市内" in last:
        return not _negated(last[last.find("市内"):])
    if any(inside for clause in clauses[:-1] for _s, _e, inside in _place_mentions(clause)):
        return False
    return None


_KANJI_NUMBER = re.compile(NUMERAL + r"(?=人|名|にん|めい)")
_NATIVE_COUNTS = (("ひとり", "1人"), ("ふたり", "2人"))
_COUNTED = re.compile(r"(\d+)(?:(?:〜|~|-|から|ー|－)\d+)?(?:人|名|にん|めい)(以上|未満|以下|超)?")
_NUMBER = re.compile(r"\d+")
MAX_MEMBERS = 100000


def parse_member_count(text: str) -> Optional[int]:
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


def _with_yes_no(groups: Sequence[TopicGroup], fine: Optional[bool]) -> Callable[[str], Optional[bool]]:
    """Topic words first; plain yes/no only when no topic word was used."""

    def parse(text: str) -> Optional[bool]:
        found, answer = _topic_answer(text, groups)
        return answer if found else parse_yes_no(text, fine)

    return parse


def _place_or_yes_no(text: str) -> Optional[bool]:
    t = normalize(text)
    named = _place_mentions(t) or any(w in t for w in _OUTSIDE_EXPLICIT + ("市内",))
    return parse_place(text) if named else parse_yes_no(text)


PARSERS: Dict[str, Callable[[str], Optional[Answer]]] = {
    el.OPEN_TO_CITIZENS: _with_yes_no(_OPEN_GROUPS, fine=True),
    el.NON_PROFIT: _with_yes_no(_NON_PROFIT_GROUPS, fine=True),
    el.CONTINUING_ACTIVITY: _with_yes_no(_CONTINUING_GROUPS, fine=True),
    el.MEMBER_COUNT: parse_member_count,
    el.BASE_IN_KANAZAWA: _place_or_yes_no,
    el.POLITICAL_RELIGIOUS: _with_yes_no(_POLITICAL_GROUPS, fine=False),
    el.MUTUAL_AID_OR_HOBBY: _with_yes_no(_HOBBY_GROUPS, fine=False),
    el.IS_CORPORATION: _with_yes_no(_LEGAL_GROUPS, fine=None),
}


def parse_answer(key: str, text: str) -> Optional[Answer]:
    """The answer to question ``key`` (an eligibility answer key) read from ``text``, or None."""
    parser = PARSERS.get(key)
    if parser is None or not isinstance(text, str):
        return None
    return parser(text)
