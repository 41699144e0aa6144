"""Whole pre-checks typed in plain Japanese: the validator's readings feed the report, as in the form."""

from __future__ import annotations

from typing import Any

import pytest

from actions.precheck_form import SLOT_KEYS, ActionReportPrecheck, ValidatePrecheckForm
from tests.actions.precheck_support import SLOTS, texts, validate

# A citizen who types every answer: the validator's readings feed the report, as in the form.
TYPED = {
    "eight members, all met": (
        [
            "はい",
            "営利目的ではない",
            "うん",
            "8人です",
            "金沢市内で活動しています",
            "してない",
            "ちがいます",
            "任意団体です",
        ],
        "eligible",
    ),
    "three members": (
        [
            "そうです",
            "はい",
            "毎月やってます",
            "メンバーは3名",
            "金沢市内です",
            "していません",
            "いいえ",
            "NPO法人です",
        ],
        "not_eligible",
    ),
}


@pytest.mark.parametrize("case", list(TYPED))
async def test_whole_check_typed_in_plain_japanese(case, dispatcher, domain, reply, make_tracker, temp_db):
    replies, verdict = TYPED[case]
    slots: dict[str, Any] = {}
    for slot, text in zip(SLOTS, replies, strict=True):
        slots.update(await validate(dispatcher, domain, reply(slot, text, slots)))
    assert dispatcher.messages == []
    await ActionReportPrecheck().run(dispatcher, make_tracker(slots=slots), domain)
    text = texts(dispatcher)
    if verdict == "eligible":
        assert "・団体の構成員名簿（任意団体のみ）" in text and "✗" not in text
    else:
        assert "✗ ④ 構成員が5名以上であること（ご回答：3名）" in text and "・登録申請書" not in text
    with temp_db.session_scope() as session:
        assert temp_db.list_prechecks(session)[0].verdict == verdict


def test_every_question_has_its_own_validator_written_out():
    assert sorted(n for n in vars(ValidatePrecheckForm) if n.startswith("validate_")) == sorted(
        f"validate_{slot}" for slot in SLOT_KEYS
    )
