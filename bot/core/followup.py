"""Follow-ups that lean on the last answer (issue 14, kind 3): 「そこのFAXは？」 after the 交流館's address.

Pure functions, no Rasa. ``resolve_followup`` takes the message, the label of the previous answer (the ``topic``
slot) and the label the NLU predicted for the message alone, and returns the answer to give.
"""

from __future__ import annotations

from bot.core.yes_no import normalize

KOURYUKAN = "kouryukan"
SUPPORT_CENTER = "support_center"
_FACILITY_WORDS = {
    SUPPORT_CENTER: ("サポートセンター", "サポセン", "さぽーとせんたー", "サポート"),
    KOURYUKAN: ("交流館", "こうりゅうかん", "交流会館", "学生のまち", "学生の家", "交流ホール"),
}
# (words, answer for the 交流館, answer for the サポートセンター), the first match wins.
_ASPECTS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (
        ("fax", "ファックス", "ファクス", "電話", "tel", "でんわ", "連絡先", "メール", "e-mail", "番号"),
        "faq/kouryukan_contact",
        "faq/support_center_contact",
    ),
    (("住所", "場所", "どこ", "所在地", "郵便番号"), "faq/kouryukan_address", "faq/support_center_location"),
    (("駐車場", "バス", "アクセス", "行き方", "最寄"), "faq/kouryukan_access", "faq/kouryukan_access"),
    (("予約",), "faq/kouryukan_rooms_reserve", "faq/kouryukan_rooms_reserve"),
    (("無料", "タダ", "ただで", "料金", "有料", "お金", "いくら"), "faq/room_fee", "faq/room_fee"),
    (
        ("何時", "開館時間", "開所時間", "営業時間", "休館", "休み", "いつまで"),
        "faq/opening_hours",
        "faq/opening_hours",
    ),
    (("空き", "空いて"), "faq/kouryukan_availability", "faq/kouryukan_availability"),
)
_SUPPORT_TOPICS = ("faq/support_", "faq/coordinator", "faq/advisor", "faq/equipment", "faq/events")


def facility_of(label: str | None) -> str | None:
    """The facility an answer is about, or None."""
    if not label:
        return None
    if label.startswith(_SUPPORT_TOPICS):
        return SUPPORT_CENTER
    if label.startswith(("faq/kouryukan", "faq/room_fee")):
        return KOURYUKAN
    return None


def _named_facility(t: str) -> str | None:
    for facility, words in _FACILITY_WORDS.items():
        if any(w in t for w in words):
            return facility
    return None


def _aspect_answer(t: str, facility: str) -> str | None:
    for words, kouryukan, support in _ASPECTS:
        if any(w in t for w in words):
            return support if facility == SUPPORT_CENTER else kouryukan
    return None


def _same_aspect(previous: str, facility: str) -> str | None:
    for _words, kouryukan, support in _ASPECTS:
        if previous in (kouryukan, support):
            return support if facility == SUPPORT_CENTER else kouryukan
    about = {KOURYUKAN: "faq/kouryukan_about", SUPPORT_CENTER: "faq/support_center_about"}
    return about[facility] if previous in about.values() else None


def resolve_followup(text: str, previous: str | None, predicted: str) -> str:
    """The final answer label: the aspect asked, for the facility named or else the previous answer's."""
    t = normalize(text)
    named = _named_facility(t)
    facility = named or facility_of(previous)
    if facility is None:
        return predicted
    answer = _aspect_answer(t, facility)
    if answer is not None:
        return answer
    if named and previous:  # 「サポートセンターのことです」 after a did-you-mean: the same question, that facility
        return _same_aspect(previous, named) or predicted
    return predicted
