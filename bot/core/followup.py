"""Follow-ups that lean on the last answer (issue 14, kind 3): 「そこのFAXは？」 after the 交流館's address.

Pure functions, no Rasa. ``topic_of`` is the label a message leaves in the ``topic`` slot, ``followup_shaped`` tells
a message that leans on the previous answer (bot/nlu/topic_marker.py marks it with the entity ``followup``), and
``resolve_followup`` takes the message, the previous topic (the slot) and the label the NLU predicted for the message
alone, and returns the answer to give (actions/followup.py). The words are in bot/core/followup_words.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.core.followup_words import (
    FACILITY_ASPECTS,
    FACILITY_WORDS,
    KOURYUKAN,
    KOURYUKAN_ROOMS,
    POINTERS,
    PRINCIPLES,
    SUPPORT_CENTER,
    TOPIC_ASPECTS,
    TOPIC_NAMES,
    TOPIC_WORDS,
)
from bot.core.parse_data import routing_label
from bot.core.yes_no import normalize

__all__ = ["KOURYUKAN", "SUPPORT_CENTER", "facility_of", "followup_shaped", "resolve_followup", "topic_of"]

MAX_FOLLOWUP_CHARS = 24  # a follow-up is short: 「空いてるかどうかはどこで見れる」 is 15 after normalising
_SUPPORT_TOPICS = ("faq/support_", "faq/coordinator", "faq/advisor", "faq/equipment", "faq/events")
_ABOUT = {KOURYUKAN: "faq/kouryukan_about", SUPPORT_CENTER: "faq/support_center_about"}
# What is left of 「いえ、サポートセンターのほうです」 once the facility is taken out: only these words.
_BARE_FACILITY_REST = re.compile(
    r"^(いえ|いいえ|いや|ちがう|違う|ちがいます|違います|じゃなくて|ではなくて|そうじゃなくて)?"
    r"(の)?(こと|ほう|方|話|件)?(について)?(です|でした|だよ|だ|ね|よ|を|が)*(聞きたい|知りたい|お願いします)?$"
)
_ORDINAL = re.compile(r"(?:第([1-7一二三四五六七])|([1-7一二三四五六七])(?:番目|ばんめ|つ目|つめ|個目|こめ))")
# One building, one timetable: the サポートセンター is on the 交流館's first floor.
_SHARED = ("faq/kouryukan_access", "faq/opening_hours")
_KANJI_DIGITS = "一二三四五六七"
_NEXT = ("次", "つぎ", "その次")


def facility_of(label: str | None) -> str | None:
    """The facility an answer (or a facility topic, from an opening-hours question) is about, or None."""
    if not label:
        return None
    if label in FACILITY_WORDS:
        return label
    if label.startswith(_SUPPORT_TOPICS):
        return SUPPORT_CENTER
    if label.startswith(("faq/kouryukan", "faq/room_fee")):
        return KOURYUKAN
    return None


def _named_facility(t: str, *, rooms: bool = False) -> str | None:
    """The facility the text names; with ``rooms`` a room of the 交流館 (「交流ホール」「土蔵」) names it too."""
    for facility, words in FACILITY_WORDS.items():
        if any(w in t for w in words):
            return facility
    return KOURYUKAN if rooms and any(w in t for w in KOURYUKAN_ROOMS) else None


def _without_facility(t: str) -> str:
    for words in FACILITY_WORDS.values():
        for word in sorted(words, key=len, reverse=True):
            t = t.replace(word, "")
    return t


def _any_aspect(t: str) -> bool:
    if any(w in t for words, _k, _s in FACILITY_ASPECTS for w in words):
        return True
    return any(w in t for _labels, aspects in TOPIC_ASPECTS for words, _a in aspects for w in words)


def _named_topic(t: str) -> tuple[str, ...] | None:
    """The labels of the topic the text names (「原則」: the principles), or None."""
    for labels, words in TOPIC_NAMES:
        if any(w in t for w in words):
            return labels
    return None


def _topic_aspect_asked(t: str, labels: tuple[str, ...]) -> bool:
    asked = [words for topic, aspects in TOPIC_ASPECTS if topic == labels for words, _a in aspects]
    return any(w in t for words in asked for w in words) or bool(_ORDINAL.search(t))


def followup_shaped(text: str, *, unsure: bool = False) -> bool:
    """A short message that names no facility nor topic but asks an aspect or points back (「そこのFAXは？」,
    「住所も教えて」, 「2番目は？」), or only names a facility (「いえ、サポートセンターのほうです」). When the NLU is
    ``unsure`` of it, one that names a topic and asks an aspect of it (「原則は全部でいくつ？」) is one too."""
    t = normalize(text)
    if not t or t.startswith("/") or len(t) > MAX_FOLLOWUP_CHARS:
        return False
    if _named_facility(t):
        return bool(_BARE_FACILITY_REST.match(_without_facility(t)))
    if any(w in t for w in TOPIC_WORDS):
        labels = _named_topic(t)
        return unsure and labels is not None and _topic_aspect_asked(t, labels)
    t = t.replace("それぞれ", "")
    return any(p in t for p in POINTERS) or _any_aspect(t) or bool(_ORDINAL.search(t)) or t.rstrip("は") in _NEXT


def topic_of(intent: str, key: str | None, text: str) -> str | None:
    """The topic a message leaves: its FAQ answer key, or the facility an opening-hours question names."""
    if intent == "faq" and key:
        return key
    if intent == "ask_opening_hours":
        return _named_facility(normalize(text))
    return None


def _facility_aspect(t: str, facility: str) -> str | None:
    """The aspect asked of ``facility``. A room's name (「交流ホールは？」: the rooms to reserve) counts only when no
    other aspect is asked: 「交流ホールの料金」 asks the fee."""
    without_rooms = t
    for room in sorted(KOURYUKAN_ROOMS, key=len, reverse=True):
        without_rooms = without_rooms.replace(room, "")
    return _first_aspect(without_rooms, facility) or _first_aspect(t, facility)


def _first_aspect(t: str, facility: str) -> str | None:
    for words, kouryukan, support in FACILITY_ASPECTS:
        if any(w in t for w in words):
            answer = support if facility == SUPPORT_CENTER else kouryukan
            if answer is not None:
                return answer
    return None


def _same_aspect(previous: str, facility: str) -> str | None:
    """「サポートセンターのことです」 after the 交流館's contact: the same question, about the other facility."""
    if previous in _ABOUT.values():
        return _ABOUT[facility]
    if previous in _SHARED:
        return previous
    for _words, kouryukan, support in FACILITY_ASPECTS:
        if previous in (kouryukan, support) and kouryukan and support and kouryukan != support:
            return support if facility == SUPPORT_CENTER else kouryukan
    return _ABOUT[facility] if facility_of(previous) is not None else None


def _principle(t: str, previous: str) -> str | None:
    match = _ORDINAL.search(t)
    if match:
        digit = match.group(1) or match.group(2)
        index = int(digit) if digit.isdigit() else _KANJI_DIGITS.index(digit) + 1
        return PRINCIPLES[index - 1]
    if t.rstrip("は") in _NEXT and previous in PRINCIPLES:
        return PRINCIPLES[(PRINCIPLES.index(previous) + 1) % len(PRINCIPLES)]
    return None


def _topic_aspect(t: str, previous: str) -> str | None:
    for labels, aspects in TOPIC_ASPECTS:
        if previous not in labels:
            continue
        if labels[-1] == "faq/principles":
            found = _principle(t, previous)
            if found:
                return found
        for words, answer in aspects:
            if any(w in t for w in words):
                return answer
    return None


def resolve_followup(text: str, previous: str | None, predicted: str) -> str:
    """The final answer label: the aspect asked, for the facility named or else the previous answer's, or the
    aspect asked within the previous answer's topic; else what the NLU predicted for the message alone."""
    t = normalize(text)
    named = _named_facility(t, rooms=True)
    if named is None and any(w in t for w in TOPIC_WORDS):  # a topic named: only an aspect of that same topic
        labels = _named_topic(t)
        return (_topic_aspect(t, previous) if labels and previous in labels else None) or predicted
    facility = named or facility_of(previous)
    if facility is not None:
        answer = _facility_aspect(t, facility)
        if answer is not None:
            return answer
        if named and previous:
            return _same_aspect(previous, named) or predicted
        return predicted
    if previous:
        return _topic_aspect(t, previous) or predicted
    return predicted


def marked_followup(parse: Mapping[str, Any]) -> bool:
    """Whether bot.nlu.topic_marker marked a parse ``followup`` (the rules then run action_answer_followup)."""
    return any(e.get("entity") == "followup" for e in parse.get("entities") or [])


def answer_after(parse: Mapping[str, Any], previous: str | None) -> str:
    """The label the bot answers a parsed message with when ``previous`` was the last answer (the slot topic):
    ``resolve_followup`` for a message marked ``followup`` (action_answer_followup), else the parse's own label."""
    predicted = routing_label(parse)
    if not marked_followup(parse):
        return predicted
    return resolve_followup(str(parse.get("text") or ""), previous, predicted)
