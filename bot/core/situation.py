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
from bot.core import fact_words as fw
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

# Base words from bot/core/fact_words.py; a free message states a fact in words the form's answers do not use, and
# some of the form's answer words (bot/core/precheck_parsing.py) say nothing here.
# Any 稼 here, where the form reads only 「お金を稼」 (no reason recorded; kept as it was).
_PROFIT_STATED = fw.words("稼")
# 「立ち上げたばかり」「新しく作った会」: a young group, said in passing (issue 14).
_NOT_YET_STATED = fw.words("立ち上げ 始めたばかり できたばかり 出来たばかり 作ったばかり 結成したばかり 新しく作")
# 「3年前から」「去年から」「5年目」: years of activity, said without the verb the form's answer carries (7998cd9).
_CONTINUING_STATED = fw.words(
    "続いて 年前から 年活動 年間活動 年間続 年やって 年目 年続 年以上 年ほど 去年から 昨年から"
)
# 「檀家の集まり」「後援会」: religious or political groups named by what they are (7998cd9).
_POLITICAL_STATED = fw.words("後援会 議員 信者 檀家 氏子 宗派 教団")
# 「愛好会」「同窓会」「お稽古」: hobby groups named by what they are.
_HOBBY_STATED = fw.words("愛好会 同窓会 ob会 お稽古 楽しむ会")
# 「法人ではない」 said outright; the form reads it as 法人 denied, the same answer.
_NOT_A_CORPORATION_STATED = fw.words("法人格はありません 法人化していない 法人化してない 法人ではない 法人じゃない")
# 「会社」「企業」 only here, where _NOT_A_FACT first masks 会社員/会社勤め/企業さん; the form has no such mask.
_CORPORATION_STATED = fw.words("npo法人 会社 企業")

_NON_PROFIT: list[TopicGroup] = [(fw.NON_PROFIT, True, False), (fw.PROFIT + _PROFIT_STATED, False, True)]
_OPEN: list[TopicGroup] = [(fw.CLOSED, False, True), (fw.OPEN, True, False)]
_CONTINUING: list[TopicGroup] = [
    (fw.NOT_YET_OR_ONCE + _NOT_YET_STATED, False, None),
    (fw.CONTINUING + _CONTINUING_STATED, True, False),
]
_POLITICAL: list[TopicGroup] = [(fw.POLITICAL_RELIGIOUS + _POLITICAL_STATED, True, False)]
# No 「地域のため」 group: a free message saying what the activity is for denies no hobby.
_HOBBY: list[TopicGroup] = [(fw.HOBBY + _HOBBY_STATED, True, False)]
# 「任意団体ではない」 states nothing here (in the form it answers the legal-form question with yes).
_LEGAL: list[TopicGroup] = [
    (fw.NOT_A_CORPORATION + _NOT_A_CORPORATION_STATED, False, None),
    (fw.CORPORATION + _CORPORATION_STATED, True, False),
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
