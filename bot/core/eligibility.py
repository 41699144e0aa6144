"""Registration pre-check for 「協働をすすめる市民団体」 (handbook Ⅲ-03): rules and verdict texts.

Pure and typed, no Rasa imports. Every requirement, document, step and benefit is quoted exactly from
「いいねまちづくり 協働ハンドブック」（令和4年3月）; the hints only restate what would satisfy a requirement.
``answers`` maps the keys below to the citizen's answers (bool, or an int for the member count).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, List, Mapping, Optional, Sequence, Tuple

OPEN_TO_CITIZENS = "open_to_citizens"  # True: 市民に開かれた団体
NON_PROFIT = "non_profit"  # True: 営利を目的としない団体
CONTINUING_ACTIVITY = "continuing_activity"  # True: 市民活動を継続的に行っている
MEMBER_COUNT = "member_count"  # int
BASE_IN_KANAZAWA = "base_in_kanazawa"  # True: 活動拠点が金沢市内
POLITICAL_RELIGIOUS = "political_religious"  # True: 政治的又は宗教的活動・公序良俗に反する活動をしている
MUTUAL_AID_OR_HOBBY = "mutual_aid_or_hobby"  # True: 共益的・互助的・個人の趣味的な活動が目的
IS_CORPORATION = "is_corporation"  # True: 法人, False: 任意団体

ANSWER_KEYS: Tuple[str, ...] = (
    OPEN_TO_CITIZENS, NON_PROFIT, CONTINUING_ACTIVITY, MEMBER_COUNT,
    BASE_IN_KANAZAWA, POLITICAL_RELIGIOUS, MUTUAL_AID_OR_HOBBY, IS_CORPORATION,
)
MIN_MEMBERS = 5

EXCLUSION_WORDING = "共益的または互助的な活動、もしくは個人の趣味的な活動を目的とする団体は除きます。"
DOCUMENTS: Tuple[str, ...] = ("登録申請書", "収支（活動）計算書", "団体の規約", "活動写真")
MEMBER_LIST_DOCUMENT = "団体の構成員名簿（任意団体のみ）"
STEPS = "各種書類の提出 → 事務局での審査 → 登録完了"
BENEFITS: Tuple[str, ...] = (
    "信頼のある団体として、金沢市のホームページで紹介",
    "打合せやイベント等で「金沢学生のまち市民交流館」の会議室や交流ホールの無料利用（要予約）",
    "金沢市が行う協働に関する事業の情報を提供",
)
DISCLAIMER = "※これは事前チェックです。実際に登録できるかどうかは、事務局での審査で決まります。"
CONTACT = (
    "【お問い合わせ】\n"
    "詳しい制度内容・登録団体一覧はウェブでご確認ください（「金沢市 協働をすすめる市民団体登録」で検索）。\n"
    "金沢市 市民協働推進課　TEL (076)220-2026　FAX (076)260-1178　E-mail kyoudou@city.kanazawa.lg.jp"
)
CONSULTATION = (
    "【次のステップ：金沢市市民活動サポートセンターへのご相談】\n"
    "地域団体、市民団体等の活動において、経験豊富なコーディネーターが相談に応じます。（オンライン相談可）\n"
    "TEL 076-225-7763　FAX 076-255-0164　E-mail support_center@city.kanazawa.lg.jp\n"
    "開所時間：午前10時から午後10時まで\n"
    "休館日：毎週月曜日（月曜日が祝日の場合はその直後の平日）、年末年始（12月29日から1月3日まで）"
)


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
    key: str
    wording: str
    holds: Callable[[Any], bool]
    reason: Callable[[Any], str]
    hint: Callable[[Any], str]


def _is_true(value: Any) -> bool:
    return value is True


def _is_false(value: Any) -> bool:
    return value is False


def _count(value: Any) -> Optional[int]:
    """An int member count, or None for anything else (bools are not counts)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if value < 0 or value != int(value):
        return None
    return int(value)


def _is_answered(key: str, value: Any) -> bool:
    return _count(value) is not None if key == MEMBER_COUNT else isinstance(value, bool)


_RULES: Tuple[_Rule, ...] = (
    _Rule(OPEN_TO_CITIZENS, "① 市民に開かれた団体であること", _is_true,
          lambda v: "市民に開かれた団体ではないとのご回答でした。",
          lambda v: "市民に開かれた団体になれば、この要件を満たします。"),
    _Rule(NON_PROFIT, "② 営利を目的としない団体であること", _is_true,
          lambda v: "営利を目的とする団体とのご回答でした。",
          lambda v: "営利を目的としない団体として活動するのであれば、この要件を満たします。"),
    _Rule(CONTINUING_ACTIVITY, "③ 市民活動を継続的に行っていること（法人格の有無は問いません）", _is_true,
          lambda v: "市民活動を継続的には行っていないとのご回答でした。",
          lambda v: "市民活動を継続的に行うようになれば、この要件を満たします（法人格の有無は問いません）。"),
    _Rule(MEMBER_COUNT, "④ 構成員が5名以上であること",
          lambda v: (_count(v) or 0) >= MIN_MEMBERS,
          lambda v: f"構成員は{_count(v)}名とのご回答でした。",
          lambda v: f"構成員が5名以上になれば（あと{MIN_MEMBERS - (_count(v) or 0)}名）、この要件を満たします。"),
    _Rule(BASE_IN_KANAZAWA, "⑤ 活動拠点が金沢市内にあること", _is_true,
          lambda v: "活動拠点が金沢市内にはないとのご回答でした。",
          lambda v: "活動拠点が金沢市内にあれば、この要件を満たします。"),
    _Rule(POLITICAL_RELIGIOUS, "⑥ 政治的又は宗教的活動及び公序良俗に反する活動をしていないこと", _is_false,
          lambda v: "政治的又は宗教的活動、または公序良俗に反する活動をしているとのご回答でした。",
          lambda v: "これらの活動をしていない団体であれば、この要件を満たします。"),
    _Rule(MUTUAL_AID_OR_HOBBY, "ただし書き：" + EXCLUSION_WORDING, _is_false,
          lambda v: "団体の目的が、共益的または互助的な活動、もしくは個人の趣味的な活動であるとのご回答でした。",
          lambda v: "団体の目的がこれらの活動でなければ、このただし書きには当たりません。"),
)


def check_eligibility(answers: Mapping[str, Any]) -> List[RequirementResult]:
    """✓/✗ for requirements ①–⑥ and the exclusion, in the handbook's order.

    A missing or malformed answer counts as not met (``answered=False``), never as met.
    """
    results: List[RequirementResult] = []
    for rule in _RULES:
        value = answers.get(rule.key)
        answered = _is_answered(rule.key, value)
        passed = answered and rule.holds(value)
        if passed:
            reason = ""
        elif answered:
            reason = rule.reason(value)
        else:
            reason = "ご回答がありませんでした。"
        results.append(RequirementResult(rule.key, rule.wording, passed, answered, reason, rule.hint(value)))
    return results


def is_eligible(results: Sequence[RequirementResult]) -> bool:
    return bool(results) and all(r.passed for r in results)


def failed_keys(results: Sequence[RequirementResult]) -> List[str]:
    return [r.key for r in results if not r.passed]


def verdict_code(results: Sequence[RequirementResult]) -> str:
    """Short verdict for storage: ``eligible`` or ``not_eligible``."""
    return "eligible" if is_eligible(results) else "not_eligible"


def documents_for(is_corporation: Optional[bool]) -> List[str]:
    """The documents to submit; 団体の構成員名簿 only when the group is not a 法人."""
    if is_corporation is True:
        return list(DOCUMENTS)
    return list(DOCUMENTS) + [MEMBER_LIST_DOCUMENT]


def _result_line(result: RequirementResult, answers: Mapping[str, Any]) -> str:
    line = f"{result.mark} {result.wording}"
    count = _count(answers.get(MEMBER_COUNT))
    if result.key == MEMBER_COUNT and count is not None:
        line += f"（ご回答：{count}名）"
    if result.key == MUTUAL_AID_OR_HOBBY and result.answered:
        line += "（該当しません）" if result.passed else "（該当します）"
    return line


def format_results(answers: Mapping[str, Any], results: Sequence[RequirementResult]) -> str:
    lines = ["【登録要件の事前チェック結果】"]
    lines += [_result_line(r, answers) for r in results]
    return "\n".join(lines)


def _documents_text(is_corporation: Optional[bool]) -> str:
    lines = ["【登録方法】", STEPS, "", "提出する書類："]
    lines += [f"・{doc}" for doc in documents_for(is_corporation)]
    if is_corporation is True:
        lines.append("※団体の構成員名簿は任意団体のみ提出します。")
    return "\n".join(lines)


def _benefits_text() -> str:
    return "\n".join(["【登録のメリット】"] + [f"・{b}" for b in BENEFITS])


def _failures_text(results: Sequence[RequirementResult]) -> str:
    lines = ["次の要件を満たしていないようです。"]
    for r in results:
        if r.passed:
            continue
        lines += ["", f"✗ {r.wording}", f"理由：{r.reason}", f"見直しのポイント：{r.hint}"]
    return "\n".join(lines)


def build_verdict_messages(answers: Mapping[str, Any], results: Sequence[RequirementResult]) -> List[str]:
    """The messages of the verdict, in order. Always ends with the 事前チェック disclaimer."""
    messages = [format_results(answers, results)]
    if is_eligible(results):
        is_corp = answers.get(IS_CORPORATION)
        messages += [
            "すべての要件を満たしているようです。登録の手続きは次のとおりです。",
            _documents_text(is_corp if isinstance(is_corp, bool) else None),
            _benefits_text(),
            CONTACT,
        ]
    else:
        messages += [_failures_text(results), CONSULTATION]
    messages.append(DISCLAIMER)
    return messages
