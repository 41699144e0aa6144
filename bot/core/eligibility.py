"""Registration pre-check for 「協働をすすめる市民団体」 (handbook Ⅲ-03): the rules, and the verdict built from texts.

Pure and typed, no Rasa imports. The words are in data/texts/precheck.yml (every requirement, document, step and
benefit quoted exactly from 「いいねまちづくり 協働ハンドブック」（令和4年3月）); the contacts in data/facilities.yml.
``answers`` maps the keys below to the citizen's answers (bool, or an int for the member count).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.core.calendar_rule import year_end_label
from bot.core.facilities import contacts, default_info, offices
from bot.core.japanese_calendar import WEEKDAYS_JA, format_time
from bot.core.texts import text, texts

OPEN_TO_CITIZENS = "open_to_citizens"  # True: 市民に開かれた団体
NON_PROFIT = "non_profit"  # True: 営利を目的としない団体
CONTINUING_ACTIVITY = "continuing_activity"  # True: 市民活動を継続的に行っている
MEMBER_COUNT = "member_count"  # int
BASE_IN_KANAZAWA = "base_in_kanazawa"  # True: 活動拠点が金沢市内
POLITICAL_RELIGIOUS = "political_religious"  # True: 政治的又は宗教的活動・公序良俗に反する活動をしている
MUTUAL_AID_OR_HOBBY = "mutual_aid_or_hobby"  # True: 共益的・互助的・個人の趣味的な活動が目的
IS_CORPORATION = "is_corporation"  # True: 法人, False: 任意団体

ANSWER_KEYS: tuple[str, ...] = (
    OPEN_TO_CITIZENS,
    NON_PROFIT,
    CONTINUING_ACTIVITY,
    MEMBER_COUNT,
    BASE_IN_KANAZAWA,
    POLITICAL_RELIGIOUS,
    MUTUAL_AID_OR_HOBBY,
    IS_CORPORATION,
)
MIN_MEMBERS = 5
CITY_OFFICE = "kyodo_suishin"  # where to register (data/facilities.yml, offices:)
SUPPORT_CENTER = "support_center"  # where to get advice (data/facilities.yml, facilities:)

# The verdict's last message; a name of its own because callers and tests compare with it.
DISCLAIMER = text("precheck.disclaimer")


@dataclass(frozen=True)
class RequirementResult:
    """One condition of the handbook, checked against the answers."""

    key: str
    wording: str  # the handbook's wording, quoted exactly
    passed: bool
    answered: bool
    reason: str  # why it failed, in terms of the answer given ("" when passed)
    hint: str  # what would satisfy it

    @property
    def mark(self) -> str:
        return "✓" if self.passed else "✗"


@dataclass(frozen=True)
class _Rule:
    """A requirement: the answer it reads, when it holds, and the keys of its texts in data/texts/precheck.yml."""

    key: str
    holds: Callable[[Any], bool]
    wording: str
    reason: str
    hint: str


def _is_true(value: Any) -> bool:
    return value is True


def _is_false(value: Any) -> bool:
    return value is False


def _count(value: Any) -> int | None:
    """An int member count, or None for anything else (bools are not counts)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if value < 0 or value != int(value):
        return None
    return int(value)


def _is_answered(key: str, value: Any) -> bool:
    return _count(value) is not None if key == MEMBER_COUNT else isinstance(value, bool)


_RULES: tuple[_Rule, ...] = (
    _Rule(
        OPEN_TO_CITIZENS,
        _is_true,
        "precheck.requirement_open_to_citizens",
        "precheck.reason_open_to_citizens",
        "precheck.hint_open_to_citizens",
    ),
    _Rule(
        NON_PROFIT,
        _is_true,
        "precheck.requirement_non_profit",
        "precheck.reason_non_profit",
        "precheck.hint_non_profit",
    ),
    _Rule(
        CONTINUING_ACTIVITY,
        _is_true,
        "precheck.requirement_continuing_activity",
        "precheck.reason_continuing_activity",
        "precheck.hint_continuing_activity",
    ),
    _Rule(
        MEMBER_COUNT,
        lambda v: (_count(v) or 0) >= MIN_MEMBERS,
        "precheck.requirement_member_count",
        "precheck.reason_member_count",
        "precheck.hint_member_count",
    ),
    _Rule(
        BASE_IN_KANAZAWA,
        _is_true,
        "precheck.requirement_base_in_kanazawa",
        "precheck.reason_base_in_kanazawa",
        "precheck.hint_base_in_kanazawa",
    ),
    _Rule(
        POLITICAL_RELIGIOUS,
        _is_false,
        "precheck.requirement_political_religious",
        "precheck.reason_political_religious",
        "precheck.hint_political_religious",
    ),
    _Rule(
        MUTUAL_AID_OR_HOBBY,
        _is_false,
        "precheck.requirement_exclusion",
        "precheck.reason_exclusion",
        "precheck.hint_exclusion",
    ),
)


def check_eligibility(answers: Mapping[str, Any]) -> list[RequirementResult]:
    """✓/✗ for requirements ①–⑥ and the exclusion, in the handbook's order.

    A missing or malformed answer counts as not met (``answered=False``), never as met.
    """
    results: list[RequirementResult] = []
    for rule in _RULES:
        value = answers.get(rule.key)
        answered = _is_answered(rule.key, value)
        passed = answered and rule.holds(value)
        count = _count(value)
        values = {"count": count, "missing": MIN_MEMBERS - (count or 0)}  # only ④'s texts use them
        if passed:
            reason = ""
        elif answered:
            reason = text(rule.reason, **values)
        else:
            reason = text("precheck.reason_no_answer")
        results.append(
            RequirementResult(rule.key, text(rule.wording), passed, answered, reason, text(rule.hint, **values))
        )
    return results


def is_eligible(results: Sequence[RequirementResult]) -> bool:
    return bool(results) and all(r.passed for r in results)


def failed_keys(results: Sequence[RequirementResult]) -> list[str]:
    return [r.key for r in results if not r.passed]


def verdict_code(results: Sequence[RequirementResult]) -> str:
    """Short verdict for storage: ``eligible`` or ``not_eligible``."""
    return "eligible" if is_eligible(results) else "not_eligible"


def documents_for(is_corporation: bool | None) -> list[str]:
    """The documents to submit; 団体の構成員名簿 only when the group is not a 法人."""
    documents = texts("precheck.documents")
    if is_corporation is True:
        return documents
    return documents + [text("precheck.member_list_document")]


def _result_line(result: RequirementResult, answers: Mapping[str, Any]) -> str:
    line = text("precheck.result_line", mark=result.mark, wording=result.wording)
    count = _count(answers.get(MEMBER_COUNT))
    if result.key == MEMBER_COUNT and count is not None:
        line += text("precheck.result_member_count", count=count)
    if result.key == MUTUAL_AID_OR_HOBBY and result.answered:
        applies = "precheck.result_exclusion_not_applicable" if result.passed else "precheck.result_exclusion_applies"
        line += text(applies)
    return line


def format_results(answers: Mapping[str, Any], results: Sequence[RequirementResult]) -> str:
    lines = [text("precheck.results_heading")]
    lines += [_result_line(r, answers) for r in results]
    return "\n".join(lines)


def _bullets(items: Sequence[str]) -> list[str]:
    return [text("precheck.bullet", item=item) for item in items]


def _documents_text(is_corporation: bool | None) -> str:
    lines = [text("precheck.registration_heading"), text("precheck.steps"), "", text("precheck.documents_heading")]
    lines += _bullets(documents_for(is_corporation))
    if is_corporation is True:
        lines.append(text("precheck.member_list_note"))
    return "\n".join(lines)


def _benefits_text() -> str:
    return "\n".join([text("precheck.benefits_heading")] + _bullets(texts("precheck.benefits")))


def _contact_text() -> str:
    office = offices()[CITY_OFFICE]
    return text("precheck.contact", name=office["name"], tel=office["tel"], fax=office["fax"], email=office["email"])


def _failures_text(results: Sequence[RequirementResult]) -> str:
    lines = [text("precheck.failures_intro")]
    for r in results:
        if not r.passed:
            lines += ["", text("precheck.failure", mark=r.mark, wording=r.wording, reason=r.reason, hint=r.hint)]
    return "\n".join(lines)


def _consultation_text() -> str:
    center, contact = default_info(SUPPORT_CENTER), contacts()[SUPPORT_CENTER]
    return text(
        "precheck.consultation",
        name=contact["name"],
        tel=contact["tel"],
        fax=contact["fax"],
        email=contact["email"],
        opens=format_time(center.opens),
        closes=format_time(center.closes),
        weekday=WEEKDAYS_JA[center.closed_weekday],
        year_end=year_end_label(center),
    )


def build_verdict_messages(answers: Mapping[str, Any], results: Sequence[RequirementResult]) -> list[str]:
    """The messages of the verdict, in order. Always ends with the 事前チェック disclaimer."""
    messages = [format_results(answers, results)]
    if is_eligible(results):
        is_corp = answers.get(IS_CORPORATION)
        messages += [
            text("precheck.all_met"),
            _documents_text(is_corp if isinstance(is_corp, bool) else None),
            _benefits_text(),
            _contact_text(),
        ]
    else:
        messages += [_failures_text(results), _consultation_text()]
    messages.append(DISCLAIMER)
    return messages
