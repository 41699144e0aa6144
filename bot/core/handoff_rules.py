"""Pure logic of the handoff to a person: is the support centre open now, what the bot offers and says,
the contact answer, and which turns of the conversation go with the request. No Rasa, no database.

The phone number and the online consultation are the handbook's (p.09, 金沢市市民活動サポートセンター:
TEL 076-225-7763; コーディネーターによる相談（オンライン相談可）).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from bot.core.calendar_rule import FacilityInfo, SpecialDayInfo, format_date, format_time, next_open_day, status_on

CENTRE_KEY = "support_center"
# Used when the facility database cannot be read: the handbook's values (calendar_rule's defaults are its hours).
DEFAULT_CENTRE = FacilityInfo(key=CENTRE_KEY, name="金沢市市民活動サポートセンター", short_name="サポートセンター",
                              tel="076-225-7763")
MAX_MESSAGE_CHARS = 1000
MAX_CONTACT_CHARS = 200
TRANSCRIPT_TURNS = 10
HANDOFF_START_INTENTS = ("leave_message", "request_human")

LEAVE_MESSAGE_BUTTON = {"title": "メッセージを残す", "payload": "/leave_message"}
BACK_TO_BOT_BUTTON = {"title": "ボットに戻る", "payload": "/back_to_bot"}

WAITING_TEXT = ("担当者からの連絡をお待ちください。このあいだに送られたメッセージも担当者にお伝えします。"
                "「ボットに戻る」でボットに戻れます。")
RESUMED_TEXT = "ボットとの会話に戻りました。ご質問をどうぞ。お預かりしたメッセージは担当者に届いています。"
CLOSED_TEXT = "担当者による対応が完了したため、ボットとの会話に戻りました。ご質問があれば、もう一度お送りください。"
SAVE_FAILED_TEXT = ("申し訳ありません。ただいまメッセージをお預かりできませんでした。お手数ですが、"
                    "金沢市市民活動サポートセンター（TEL 076-225-7763）へお電話ください。")


@dataclass(frozen=True)
class Availability:
    """Whether the centre is open at a moment, and when it next opens if not."""

    open_now: bool
    closes: Optional[time] = None
    next_day: Optional[date] = None
    next_opens: Optional[time] = None
    today: Optional[date] = None


def availability(facility: FacilityInfo, special: Optional[Mapping[date, SpecialDayInfo]], now: datetime) -> Availability:
    """The calendar rule at ``now`` (already in Asia/Tokyo)."""
    status = status_on(facility, now.date(), special)
    opens, closes = status.hours or (facility.opens, facility.closes)
    if status.is_open and opens <= now.time() < closes:
        return Availability(True, closes=closes, today=now.date())
    if status.is_open and now.time() < opens:
        return Availability(False, next_day=now.date(), next_opens=opens, today=now.date())
    following = next_open_day(facility, now.date(), special)
    if following is None:
        return Availability(False, today=now.date())
    return Availability(False, next_day=following.day, next_opens=(following.hours or (facility.opens,))[0],
                        today=now.date())


def next_opening_phrase(av: Availability) -> str:
    """「本日午前10時」「2027年1月13日（水）午前10時」, or "" when unknown."""
    if av.next_day is None or av.next_opens is None:
        return ""
    day = "本日" if av.next_day == av.today else format_date(av.next_day)
    return f"{day}{format_time(av.next_opens)}"


def offer_text(av: Availability, facility: FacilityInfo) -> str:
    """The offer after 「人と話したい」: three ways when open, the next opening and a message when closed."""
    tel = facility.tel or DEFAULT_CENTRE.tel
    if av.open_now:
        until = f"（本日{format_time(av.closes)}まで）" if av.closes else ""
        return (f"ただいま{facility.name}の開館時間内です{until}。担当者へは次の方法でご相談いただけます。\n"
                f"・お電話：TEL {tel}\n"
                f"・コーディネーターとのオンライン相談：上記の電話でお申し込みください。\n"
                "・ここにメッセージを残す：下の「メッセージを残す」を押してください。担当者が確認します。")
    nxt = next_opening_phrase(av)
    when = f"次の開館は{nxt}です。" if nxt else ""
    return (f"ただいま{facility.name}は開館時間外です。{when}\n"
            "よろしければ、ここにメッセージを残してください。開館後に担当者が確認します。"
            f"お急ぎの場合は、開館時間内にTEL {tel}へお電話ください。")


def confirmation_text(request_id: int, contact_given: bool, av: Availability) -> str:
    """The confirmation once the request is stored, ending with the waiting note."""
    head = f"メッセージをお預かりしました（受付番号 {request_id}）。"
    when = "担当者が確認します。" if av.open_now else f"開館後（{next_opening_phrase(av) or '次の開館日'}以降）に担当者が確認します。"
    if contact_given:
        reach = "お預かりした連絡先へ、担当者からご連絡します。"
    else:
        reach = ("連絡先をお預かりしていないため、担当者からご連絡できない場合があります。"
                 f"お急ぎの場合はTEL {DEFAULT_CENTRE.tel}へお電話ください。")
    return "\n".join([head + when + reach, WAITING_TEXT])


def fold(text: Optional[str]) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def clean_message(text: Optional[str]) -> Optional[str]:
    """The citizen's message, trimmed; None when empty or too long (the form asks again)."""
    folded = fold(text)
    if not folded or folded.startswith("/") or len(folded) > MAX_MESSAGE_CHARS:
        return None
    return folded


# At the contact step the message is already written: refusing, and even 「やめる」, means "no contact".
DECLINE_WORDS = ("伝えない", "教えない", "伝えません", "教えません", "不要", "いらない", "いりません", "なし", "無し",
                 "結構", "スキップ", "いいえ", "言いたくない", "匿名", "なくていい", "無くていい", "もういい", "やめ",
                 "キャンセル", "中止", "ない", "ありません")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?:\+81|0)\d{9,10}")


@dataclass(frozen=True)
class ContactAnswer:
    kind: str  # "given" | "declined" | "invalid"
    value: Optional[str] = None


def parse_contact(text: Optional[str]) -> ContactAnswer:
    """A phone number or e-mail address (kept as written), a refusal, or something else."""
    folded = fold(text)
    digits = re.sub(r"[\s\-()（）‐ー－]", "", folded)
    if folded and len(folded) <= MAX_CONTACT_CHARS and (EMAIL.search(folded) or PHONE.search(digits)):
        return ContactAnswer("given", folded)
    if any(word in folded for word in DECLINE_WORDS):
        return ContactAnswer("declined")
    return ContactAnswer("invalid")


def _intent(event: Mapping[str, Any]) -> str:
    return str(((event.get("parse_data") or {}).get("intent") or {}).get("name") or "")


def _iso(timestamp: Any) -> str:
    try:
        return datetime.fromtimestamp(float(timestamp), timezone.utc).replace(tzinfo=None).isoformat()
    except (TypeError, ValueError, OverflowError, OSError):
        return ""


def handoff_start(events: Sequence[Mapping[str, Any]]) -> int:
    """Index of the user event that began the handoff: the last 「メッセージを残す」, or the 「人と話したい」 just before it."""
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    leave = [i for i in users if _intent(events[i]) == "leave_message"]
    if not leave:
        return len(events)
    start = leave[-1]
    before = [i for i in users if i < start]
    if before and _intent(events[before[-1]]) == "request_human":
        start = before[-1]
    return start


def transcript(events: Sequence[Mapping[str, Any]], turns: int = TRANSCRIPT_TURNS) -> List[Dict[str, str]]:
    """The messages of the last ``turns`` turns (a user message and the bot's replies) before the handoff."""
    messages: List[Dict[str, str]] = []
    for event in events[: handoff_start(events)]:
        kind, text = event.get("event"), event.get("text")
        if kind in ("user", "bot") and isinstance(text, str) and text.strip():
            messages.append({"who": kind, "text": text.strip(), "at": _iso(event.get("timestamp"))})
    user_positions = [i for i, m in enumerate(messages) if m["who"] == "user"]
    if len(user_positions) > turns:
        messages = messages[user_positions[-turns]:]
    return messages


def consecutive_fallbacks(events: Iterable[Mapping[str, Any]]) -> int:
    """How many of the latest user messages in a row fell back (nlu_fallback), the current one included."""
    count = 0
    for event in reversed(list(events)):
        if event.get("event") != "user":
            continue
        if _intent(event) != "nlu_fallback":
            break
        count += 1
    return count


def likeliest_other_intent(parse: Mapping[str, Any]) -> tuple:
    """(intent, confidence) of the best ranked intent that is not nlu_fallback, or (None, None)."""
    for entry in parse.get("intent_ranking") or []:
        if entry.get("name") and entry.get("name") != "nlu_fallback":
            return entry["name"], float(entry.get("confidence") or 0.0)
    return None, None
