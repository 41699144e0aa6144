"""Pure logic of the handoff to a person: is the support centre open now, what the bot offers and says,
the contact answer, and which turns of the conversation go with the request. No Rasa, no database.

The words are in data/texts/handoff.yml (the save failure in data/texts/apologies.yml); the centre's name and phone
number are its record in data/facilities.yml. Python passes only values. The offer follows the handbook's p.09
(金沢市市民活動サポートセンター: コーディネーターによる相談（オンライン相談可）).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Any

from bot.core.calendar_rule import FacilityInfo, SpecialDayInfo, next_open_day, status_on
from bot.core.facilities import default_info
from bot.core.japanese_calendar import format_date, format_time
from bot.core.text_fold import fold
from bot.core.texts import text

CENTRE_KEY = "support_center"
MAX_MESSAGE_CHARS = 1000
MAX_CONTACT_CHARS = 200
TRANSCRIPT_TURNS = 10
HANDOFF_START_INTENTS = ("leave_message", "request_human")
LEAVE_MESSAGE_PAYLOAD = "/leave_message"
BACK_TO_BOT_PAYLOAD = "/back_to_bot"
# At most this many handoff requests per sender in LIMIT_WINDOW (the last 24 hours): a button payload repeated
# (/leave_message, /restart) must not flood the coordinators' console.
MAX_REQUESTS_PER_DAY = 3
LIMIT_WINDOW = timedelta(hours=24)


@lru_cache(maxsize=1)
def default_centre() -> FacilityInfo:
    """The support centre as data/facilities.yml states it: for when the facility database cannot be read."""
    return default_info(CENTRE_KEY)


def leave_message_button() -> dict[str, str]:
    return {"title": text("handoff.leave_message_button"), "payload": LEAVE_MESSAGE_PAYLOAD}


def back_to_bot_button() -> dict[str, str]:
    return {"title": text("handoff.back_to_bot_button"), "payload": BACK_TO_BOT_PAYLOAD}


def save_failed_text() -> str:
    """The apology when the request cannot be stored: call the centre instead."""
    centre = default_centre()
    return text("apologies.save_failed", name=centre.name, tel=centre.tel)


def limit_since(now_utc: datetime) -> datetime:
    """The start of the window in which a sender's requests are counted (naive UTC like the tables)."""
    return now_utc.replace(tzinfo=None) - LIMIT_WINDOW


def limit_reached(requests_in_window: int) -> bool:
    return requests_in_window >= MAX_REQUESTS_PER_DAY


def limit_text() -> str:
    """The note when a sender has reached MAX_REQUESTS_PER_DAY: earlier messages are received; call the centre."""
    centre = default_centre()
    return text("handoff.limit_reached", name=centre.name, tel=centre.tel, limit=MAX_REQUESTS_PER_DAY)


@dataclass(frozen=True)
class Availability:
    """Whether the centre is open at a moment, and when it next opens if not."""

    open_now: bool
    closes: time | None = None
    next_day: date | None = None
    next_opens: time | None = None
    today: date | None = None


def availability(facility: FacilityInfo, special: Mapping[date, SpecialDayInfo] | None, now: datetime) -> Availability:
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
    return Availability(
        False, next_day=following.day, next_opens=(following.hours or (facility.opens,))[0], today=now.date()
    )


def next_opening_phrase(av: Availability) -> str:
    """「本日午前10時」「2027年1月13日（水）午前10時」, or "" when unknown."""
    if av.next_day is None or av.next_opens is None:
        return ""
    day = text("handoff.today") if av.next_day == av.today else format_date(av.next_day)
    return text("handoff.next_opening", day=day, time=format_time(av.next_opens))


def offer_text(av: Availability, facility: FacilityInfo) -> str:
    """The offer after 「人と話したい」: three ways when open, the next opening and a message when closed."""
    tel = facility.tel or default_centre().tel
    if av.open_now:
        until = text("handoff.offer_open_until", closes=format_time(av.closes)) if av.closes else ""
        return text("handoff.offer_open", name=facility.name, until=until, tel=tel)
    nxt = next_opening_phrase(av)
    when = text("handoff.offer_closed_next", when=nxt) if nxt else ""
    return text("handoff.offer_closed", name=facility.name, next_opening=when, tel=tel)


def confirmation_text(request_id: int, contact_given: bool, av: Availability) -> str:
    """The confirmation once the request is stored, ending with the waiting note."""
    head = text("handoff.confirmation_received", request_id=request_id)
    if av.open_now:
        when = text("handoff.confirmation_check_now")
    else:
        nxt = next_opening_phrase(av) or text("handoff.confirmation_next_open_day")
        when = text("handoff.confirmation_check_after_opening", when=nxt)
    if contact_given:
        reach = text("handoff.confirmation_reply_to_contact")
    else:
        reach = text("handoff.confirmation_no_contact", tel=default_centre().tel)
    return "\n".join([head + when + reach, text("handoff.waiting")])


def clean_message(text: str | None) -> str | None:
    """The citizen's message, trimmed; None when empty or too long (the form asks again)."""
    folded = fold(text)
    if not folded or folded.startswith("/") or len(folded) > MAX_MESSAGE_CHARS:
        return None
    return folded


# At the contact step the message is already written: refusing, and even 「やめる」, means "no contact".
DECLINE_WORDS = (
    "伝えない",
    "教えない",
    "伝えません",
    "教えません",
    "不要",
    "いらない",
    "いりません",
    "なし",
    "無し",
    "結構",
    "スキップ",
    "いいえ",
    "言いたくない",
    "匿名",
    "なくていい",
    "無くていい",
    "もういい",
    "やめ",
    "キャンセル",
    "中止",
    "ない",
    "ありません",
)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?:\+81|0)\d{9,10}")


@dataclass(frozen=True)
class ContactAnswer:
    kind: str  # "given" | "declined" | "invalid"
    value: str | None = None


def parse_contact(text: str | None) -> ContactAnswer:
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
    """Index of the user event that began the handoff: the last 「メッセージを残す」, or the 「人と話したい」 just
    before it."""
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    leave = [i for i in users if _intent(events[i]) == "leave_message"]
    if not leave:
        return len(events)
    start = leave[-1]
    before = [i for i in users if i < start]
    if before and _intent(events[before[-1]]) == "request_human":
        start = before[-1]
    return start


def transcript(events: Sequence[Mapping[str, Any]], turns: int = TRANSCRIPT_TURNS) -> list[dict[str, str]]:
    """The messages of the last ``turns`` turns (a user message and the bot's replies) before the handoff."""
    messages: list[dict[str, str]] = []
    for event in events[: handoff_start(events)]:
        kind, text = event.get("event"), event.get("text")
        if kind in ("user", "bot") and isinstance(text, str) and text.strip():
            messages.append({"who": kind, "text": text.strip(), "at": _iso(event.get("timestamp"))})
    user_positions = [i for i, m in enumerate(messages) if m["who"] == "user"]
    if len(user_positions) > turns:
        messages = messages[user_positions[-turns] :]
    return messages


def _faq_answer(event: Mapping[str, Any]) -> bool:
    """A bot message that is a FAQ answer (``utter_faq/<key>``, as action_answer_followup sends it)."""
    return str((event.get("metadata") or {}).get("utter_action") or "").startswith("utter_faq/")


def consecutive_fallbacks(events: Iterable[Mapping[str, Any]]) -> int:
    """How many of the latest user messages in a row fell back (nlu_fallback), the current one included. An unsure
    message the bot still answered with a FAQ answer (a follow-up resolved from the topic) ends the run."""
    count = 0
    answered = False
    for event in reversed(list(events)):
        if event.get("event") == "bot" and _faq_answer(event):
            answered = True
        if event.get("event") != "user":
            continue
        if _intent(event) != "nlu_fallback" or answered:
            break
        count += 1
    return count


def likeliest_other_intent(parse: Mapping[str, Any]) -> tuple:
    """(intent, confidence) of the best ranked intent that is not nlu_fallback, or (None, None)."""
    for entry in parse.get("intent_ranking") or []:
        if entry.get("name") and entry.get("name") != "nlu_fallback":
            return entry["name"], float(entry.get("confidence") or 0.0)
    return None, None
