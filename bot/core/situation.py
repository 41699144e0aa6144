"""The facts a citizen states about their own group, read from one free message (issue 14, kind 1).

「会員が2名だけど申請できる？」 → {member_count: 2}; 「12人で金沢市内、営利じゃないです」 → three facts.
Pure functions, no Rasa. Unlike the form's parsers (bot/core/precheck_parsing.py), nothing is read from a plain
はい/いいえ: a fact counts only when its topic word is in the message, so a question about the rule states nothing.
The keys are those of bot/core/eligibility.py; the pre-check form is pre-filled with them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core import eligibility as el
from bot.core.outsiders import outsiders_admitted
from bot.core.places import OUTSIDE_EXPLICIT, parse_place, place_mentions
from bot.core.precheck_parsing import parse_answer, parse_member_count
from bot.core.yes_no import TopicGroup, normalize, topic_answer

Facts = dict[str, int | bool]

_CLAUSES = re.compile(r"[、。,，.!！?？\n]+|(?:けど|けれど|ですが|だが|のですが|んですが)")
# 「登録できない？」「無理ですか」 ask about the rule: their negation is not the fact's.
_QUESTION_TAIL = re.compile(
    r"(登録|申請|申し込み|申込|参加|加入)?(は|って|も|を)?(でき|出来|可能|ok|だめ|ダメ|無理|不可)[^、。]*$"
)
_COUNTED = re.compile(r"(\d+|[一二三四五六七八九十百]+|ひとり|ふたり)(?:人|名|にん|めい)")
_INSIDE_CONTEXT = re.compile(r"^(?:市)?(?:内|で活動|を拠点|が拠点|に拠点|拠点|を中心|中心|在住|で|にある|に住)")

_NON_PROFIT: list[TopicGroup] = [
    (("非営利", "npo"), True, False),
    (("営利", "利益", "もうけ", "儲け", "収益", "商売", "ビジネス", "金もうけ", "稼"), False, True),
]
_OPEN: list[TopicGroup] = [
    (
        (
            "会員限定",
            "会員のみ",
            "会員だけ",
            "メンバーのみ",
            "メンバーだけ",
            "関係者のみ",
            "関係者だけ",
            "限定",
            "クローズド",
            "招待制",
            "紹介制",
            "非公開",
        ),
        False,
        True,
    ),
    (("誰でも", "だれでも", "どなたでも", "自由に参加", "参加自由", "入会自由", "オープン", "開かれ"), True, False),
]
_CONTINUING: list[TopicGroup] = [
    (
        (
            "これから始め",
            "これから活動",
            "まだ始め",
            "始める予定",
            "準備中",
            "立ち上げ",
            "始めたばかり",
            "できたばかり",
            "出来たばかり",
            "作ったばかり",
            "結成したばかり",
            "新しく作",
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
            "続いて",
            "毎週",
            "毎月",
            "毎年",
            "定期的",
            "長年",
            "何年も",
            "年前から",
            "年活動",
            "年間活動",
            "年間続",
            "年やって",
            "年目",
            "年続",
            "年以上",
            "年ほど",
            "去年から",
            "昨年から",
            "以前から",
            "ずっと",
        ),
        True,
        False,
    ),
]
_POLITICAL: list[TopicGroup] = [
    (
        (
            "政治",
            "宗教",
            "選挙",
            "政党",
            "後援会",
            "議員",
            "布教",
            "信仰",
            "信者",
            "檀家",
            "氏子",
            "宗派",
            "教団",
            "公序良俗",
        ),
        True,
        False,
    ),
]
_HOBBY: list[TopicGroup] = [
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
            "愛好会",
            "同窓会",
            "ob会",
            "お稽古",
            "楽しむ会",
        ),
        True,
        False,
    ),
]
_LEGAL: list[TopicGroup] = [
    (
        (
            "任意団体",
            "法人格なし",
            "法人格のない",
            "法人格はない",
            "法人格はありません",
            "法人化していない",
            "法人化してない",
            "法人ではない",
            "法人じゃない",
        ),
        False,
        None,
    ),
    (("株式会社", "有限会社", "合同会社", "npo法人", "法人", "社団", "財団", "会社", "企業"), True, False),
]
_TOPICS: tuple[tuple[str, Sequence[TopicGroup]], ...] = (
    (el.NON_PROFIT, _NON_PROFIT),
    (el.CONTINUING_ACTIVITY, _CONTINUING),
    (el.POLITICAL_RELIGIOUS, _POLITICAL),
    (el.MUTUAL_AID_OR_HOBBY, _HOBBY),
    (el.IS_CORPORATION, _LEGAL),
)
# 「会員しか参加できない」 says 「会員だけ」: its negation is the 「しか」's, not a denial of the topic word.
_ONLY = re.compile(r"しか([ぁ-んァ-ヶ一-龯]{0,8}?)(?:でき|出来)?(?:ない|ません)")
_BASE_WORDS = ("拠点", "活動場所", "活動の場", "事務所", "本部", "事務局")
_NOT_A_FACT = ("会社員", "会社勤め", "企業さん", "市民活動", "活動の継続", "身内以外")


def clauses(text: str) -> list[str]:
    """The message cut at punctuation and 「けど」「ですが」, each folded (NFKC, lower case, no spaces)."""
    parts = [normalize(p) for p in _CLAUSES.split(text or "")]
    return [p for p in parts if p]


def _statement(clause: str) -> str:
    """The clause without its question about the rule (「…だけど申請できない？」) and without look-alike words."""
    for word in _NOT_A_FACT:
        clause = clause.replace(word, "〇" * len(word))
    clause = _ONLY.sub(r"だけ\1", clause)
    tail = _QUESTION_TAIL.search(clause)
    if tail is None or _COUNTED.search(tail.group(0)):  # 「誰でも参加できる5人の会」: a statement, not a question
        return clause
    return clause[: tail.start()] or clause


def _member_count(parts: Sequence[str]) -> int | None:
    for part in parts:
        if _COUNTED.search(part):
            count = parse_member_count(part)
            if count is not None:
                return count
    return None


def _names_base(clause: str) -> bool:
    if any(w in clause for w in OUTSIDE_EXPLICIT) or "市内" in clause:
        return True
    if any(w in clause for w in _BASE_WORDS) and place_mentions(clause):
        return True
    for _start, end, inside in place_mentions(clause):
        if not inside or _INSIDE_CONTEXT.search(clause[end:]):
            return True
    return False


def _base(parts: Sequence[str]) -> bool | None:
    """The place of the clause naming the base (「活動拠点は金沢市内」) before a place said of the members."""
    named = [p for p in parts if any(w in p for w in _BASE_WORDS)]
    for part in named + [p for p in parts if p not in named]:
        if _names_base(part):
            answer = parse_place(part)
            if answer is not None:
                return answer
    return None


def _topic(parts: Sequence[str], groups: Sequence[TopicGroup]) -> bool | None:
    for part in parts:
        found, answer = topic_answer(part, groups)
        if found and answer is not None:
            return answer
    return None


def _open_to_citizens(whole: Sequence[str], parts: Sequence[str]) -> bool | None:
    """Per clause, 「部外者は入れません」 (read before 「入れません」 is cut as a question) before the topic words."""
    for clause, part in zip(whole, parts, strict=True):
        admitted = outsiders_admitted(clause)
        if admitted is None:
            admitted = _topic([part], _OPEN)
        if admitted is not None:
            return admitted
    return None


def read_situation(text: str) -> Facts:
    """Every pre-check fact the message states, keyed as in eligibility.py; {} when it states none."""
    if not isinstance(text, str):
        return {}
    whole = clauses(text)
    parts = [_statement(c) for c in whole]
    facts: Facts = {}
    open_to_citizens = _open_to_citizens(whole, parts)
    if open_to_citizens is not None:
        facts[el.OPEN_TO_CITIZENS] = open_to_citizens
    count = _member_count(parts)
    if count is not None:
        facts[el.MEMBER_COUNT] = count
    base = _base(parts)
    if base is not None:
        facts[el.BASE_IN_KANAZAWA] = base
    for key, groups in _TOPICS:
        answer = _topic(parts, groups)
        if answer is not None:
            facts[key] = answer
    if facts.get(el.IS_CORPORATION) is True and "npo" in normalize(text):
        facts[el.NON_PROFIT] = facts.get(el.NON_PROFIT, True)
    return facts


def reply_answers(key: str, text: str) -> tuple[int | bool | None, Facts]:
    """A reply inside the pre-check, asked question ``key``: its answer, and the other facts it states.

    「12人で金沢市内、営利じゃないです」 asked the count → (12, {base_in_kanazawa: True, non_profit: True}). When the
    reply states other facts, the question's own answer is the fact it states for ``key``, else is read only from
    the clauses stating no other fact (their 「じゃない」 answers no yes/no question); None when there is none.
    """
    if not isinstance(text, str):
        return None, {}
    facts = read_situation(text)
    others: Facts = {k: v for k, v in facts.items() if k != key}
    if not others:
        return parse_answer(key, text), {}
    if key in facts:
        return facts[key], others
    rest = [c for c in _CLAUSES.split(text) if c.strip() and not set(read_situation(c)) - {key}]
    return (parse_answer(key, "、".join(rest)) if rest else None), others
