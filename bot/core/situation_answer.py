"""The answer to a citizen's own situation (issue 14, kind 1): the requirement concerned, the verdict, the offer.

「会員が2名だけど申請できる？」 → the facts {member_count: 2} (bot/core/situation.py), the concern member_count, and
「④ 構成員が5名以上であること」 with 「2名の場合、この要件を満たしません」. Pure functions, no Rasa. The words are in
data/texts/situation.yml (and data/easy/texts/situation.yml); the requirements are those of data/texts/precheck.yml,
quoted from the handbook. The verdict on each fact is eligibility.py's rule for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.core import eligibility as el
from bot.core.situation import Facts, clauses
from bot.core.texts import text

START_PRECHECK_PAYLOAD = "/start_precheck"  # the button under the answer: starts the pre-check (bot/core/payloads.py)
# Words of the question sentence that name the requirement asked about (「人数は足りてますか」 → member_count).
_ASKED_WORDS: dict[str, tuple[str, ...]] = {
    el.MEMBER_COUNT: ("人数", "何人", "何名", "構成員", "会員数", "人でも", "名でも"),
    el.BASE_IN_KANAZAWA: ("拠点", "場所", "市外", "市内", "県外", "地域", "住所"),
    el.NON_PROFIT: ("営利", "利益", "収益", "もうけ", "儲け", "お金"),
    el.OPEN_TO_CITIZENS: ("開かれ", "誰でも", "だれでも", "限定", "会員のみ", "会員だけ"),
    el.CONTINUING_ACTIVITY: ("継続", "続け", "実績", "単発", "一回", "1回"),
    el.POLITICAL_RELIGIOUS: ("政治", "宗教", "選挙"),
    el.MUTUAL_AID_OR_HOBBY: ("趣味", "サークル", "互助", "共益", "同好会", "親睦"),
    el.IS_CORPORATION: ("法人", "会社", "任意団体", "企業"),
}
# The handbook's wording of the requirement each fact concerns (data/texts/precheck.yml). The legal form is no
# requirement of its own: ③ says 「法人格の有無は問いません」.
WORDING_KEYS: dict[str, str] = {
    el.OPEN_TO_CITIZENS: "precheck.requirement_open_to_citizens",
    el.NON_PROFIT: "precheck.requirement_non_profit",
    el.CONTINUING_ACTIVITY: "precheck.requirement_continuing_activity",
    el.MEMBER_COUNT: "precheck.requirement_member_count",
    el.BASE_IN_KANAZAWA: "precheck.requirement_base_in_kanazawa",
    el.POLITICAL_RELIGIOUS: "precheck.requirement_political_religious",
    el.MUTUAL_AID_OR_HOBBY: "precheck.requirement_exclusion",
    el.IS_CORPORATION: "precheck.requirement_continuing_activity",
}

# The verdict on a stated fact: by fact and by whether it is true (the member count: whether it meets ④).
VERDICT_KEYS: dict[tuple[str, bool], str] = {
    (el.MEMBER_COUNT, True): "situation.verdict_member_count_met",
    (el.MEMBER_COUNT, False): "situation.verdict_member_count_not_met",
    (el.BASE_IN_KANAZAWA, True): "situation.verdict_base_in_kanazawa_true",
    (el.BASE_IN_KANAZAWA, False): "situation.verdict_base_in_kanazawa_false",
    (el.NON_PROFIT, True): "situation.verdict_non_profit_true",
    (el.NON_PROFIT, False): "situation.verdict_non_profit_false",
    (el.OPEN_TO_CITIZENS, True): "situation.verdict_open_to_citizens_true",
    (el.OPEN_TO_CITIZENS, False): "situation.verdict_open_to_citizens_false",
    (el.CONTINUING_ACTIVITY, True): "situation.verdict_continuing_activity_true",
    (el.CONTINUING_ACTIVITY, False): "situation.verdict_continuing_activity_false",
    (el.POLITICAL_RELIGIOUS, True): "situation.verdict_political_religious_true",
    (el.POLITICAL_RELIGIOUS, False): "situation.verdict_political_religious_false",
    (el.MUTUAL_AID_OR_HOBBY, True): "situation.verdict_mutual_aid_or_hobby_true",
    (el.MUTUAL_AID_OR_HOBBY, False): "situation.verdict_mutual_aid_or_hobby_false",
    (el.IS_CORPORATION, True): "situation.verdict_is_corporation_true",
    (el.IS_CORPORATION, False): "situation.verdict_is_corporation_false",
}


def meets(key: str, value: int | bool) -> bool | None:
    """Whether the stated fact satisfies its requirement (eligibility.py's rule); None for the legal form."""
    if key == el.IS_CORPORATION:
        return None
    results = [r for r in el.check_eligibility({key: value}) if r.key == key]
    return results[0].passed if results and results[0].answered else None


def _asked(text: str) -> list[str]:
    """The answer keys the message's last sentence (its question) names, in the handbook's order."""
    parts = clauses(text)
    question = parts[-1] if parts else ""
    return [key for key in el.ANSWER_KEYS if any(word in question for word in _ASKED_WORDS[key])]


def concern(text: str, facts: Mapping[str, int | bool]) -> str | None:
    """Which requirement the message asks about: a stated fact its question names, else the first stated fact
    that does not meet its requirement, else the first stated fact (handbook order, the legal form last)."""
    stated = [key for key in el.ANSWER_KEYS if key in facts]
    if not stated:
        return None
    named = [key for key in _asked(text) if key in facts]
    if named:
        return named[0]
    failing = [key for key in stated if meets(key, facts[key]) is False]
    return (failing or stated)[0]


def verdict(key: str, value: int | bool) -> str:
    """The verdict on one stated fact, in terms of the fact (「2名の場合、この要件を満たしません。」)."""
    if key == el.MEMBER_COUNT:
        count = int(value)
        template = VERDICT_KEYS[(key, bool(meets(key, value)))]
        return text(template, count=count, missing=max(el.MIN_MEMBERS - count, 0))
    return text(VERDICT_KEYS[(key, bool(value))])


def _mark(key: str, value: int | bool) -> str:
    outcome = meets(key, value)
    return text("situation.mark_none") if outcome is None else ("✓" if outcome else "✗")


def answer_text(facts: Facts, about: str) -> str:
    """The answer: the requirement concerned quoted, the verdict on the fact, the other facts stated, the review."""
    lines = [text("situation.intro"), text(WORDING_KEYS[about]), verdict(about, facts[about])]
    others: Sequence[str] = [key for key in el.ANSWER_KEYS if key in facts and key != about]
    if others:
        lines += ["", text("situation.others_heading")]
        for key in others:
            value = facts[key]
            lines.append(
                text("situation.other_line", mark=_mark(key, value), wording=text(WORDING_KEYS[key]))
                + verdict(key, value)
            )
    lines += ["", text("situation.review"), text("situation.source")]
    return "\n".join(lines)


def offer_text(facts: Facts) -> str:
    """The pre-check offer; it says the facts stated are already answered."""
    if not facts:
        return text("situation.offer_no_facts")
    if len(facts) >= len(el.ANSWER_KEYS):
        return text("situation.offer_complete")
    return text("situation.offer", count=len(facts), left=len(el.ANSWER_KEYS) - len(facts))
