"""The LINE channel's hardening and LINE's limits.

Every response of domain.yml and data/nlu (and every button made in code) fits one reply: at most 5 messages and 13
quick-reply items, labels of at most 20 characters, shortened by rule. A flood from one LINE user gets the
channels.rate_limited reply (per LINE sender only: every request comes from LINE's servers), a silent bot gets
channels.no_answer, and an event whose source is not a LINE id is ignored and logged (bot/channels/line/ids.py)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
import yaml

from bot.channels.chat_requests import no_answer_text
from bot.channels.line.channel import LineInput
from bot.channels.line.messages import (
    MAX_MESSAGES_PER_REQUEST,
    MAX_QUICK_REPLY_ITEMS,
    quick_reply_item,
    quick_reply_label,
    to_line_messages,
)
from bot.channels.ratelimit import ChatLimits, rate_limited_text
from bot.core.handoff_rules import back_to_bot_button, leave_message_button
from bot.core.suggestions import canonical_questions, rank_candidates
from tests.channels.test_line_channel import GROUP, SECRET, TOKEN, USER, Line, event, text_event
from tests.channels.test_rate_limits import FakeClock
from tests.fakes.bot import FakeAgent, echo_answer
from tests.fakes.line_api import FakeLineApi
from tests.fakes.line_schema import REPLY_VALIDATOR, schema_errors
from tests.fakes.sanic_server import rasa_app, serve

SILENT = "アクションサーバーが止まっているときの質問"
OTHER_USER = "U" + "abcdef0123456789" * 2


class SilentWhenAsked(FakeAgent):
    def answers_for(self, text: str) -> list[dict[str, Any]]:
        return [] if text == SILENT else super().answers_for(text)


@pytest_asyncio.fixture
async def line() -> AsyncIterator[tuple[Line, FakeClock]]:
    api, clock = FakeLineApi(TOKEN), FakeClock()
    channel = LineInput(SECRET, TOKEN, await api.start(), limits=ChatLimits.of(3, 1, clock))
    agent = SilentWhenAsked()
    async with aiohttp.ClientSession() as http, serve(rasa_app([channel], agent)) as url:
        yield Line(url, channel, api, agent, http), clock
    await api.close()


def from_user(user: str, text: str, n: int) -> dict[str, Any]:
    return text_event(text, token=f"rt-{user[-4:]}-{n}", source={"type": "user", "userId": user})


@pytest.mark.asyncio
async def test_a_flood_from_one_line_user_gets_the_polite_reply(line) -> None:
    line, clock = line
    assert await line.send(*(from_user(USER, f"質問{n}", n) for n in range(5))) == 200
    assert line.agent.texts == ["質問0", "質問1", "質問2"]
    assert line.reply_texts() == [echo_answer(f"質問{n}") for n in range(3)] + [rate_limited_text()] * 2
    # LINE's servers are the only peer: no per-address limit (it is 1 here), another user is answered
    await line.send(from_user(OTHER_USER, "別の人の質問", 9))
    assert line.reply_texts()[-1] == echo_answer("別の人の質問")
    clock.advance(60)
    await line.send(from_user(USER, "一分後", 10))
    assert line.reply_texts()[-1] == echo_answer("一分後")


@pytest.mark.asyncio
async def test_a_silent_bot_gets_the_no_answer_reply_on_line(line) -> None:
    line, _ = line
    await line.send(text_event(SILENT, token="rt-silent"))
    assert line.agent.texts == [SILENT]
    assert line.replies() == [{"replyToken": "rt-silent", "messages": [{"type": "text", "text": no_answer_text()}]}]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "source",
    [
        {"type": "user", "userId": "U1234"},
        {"type": "user", "userId": USER + "0"},  # one digit too many: ignored, never cut to 33 characters
        {"type": "user", "userId": USER.upper()},
        {"type": "user", "userId": "C" + USER[1:]},
        {"type": "user", "userId": USER + "\n"},
        {"type": "user", "userId": 12345},
        {"type": "user"},
        {"type": "group", "groupId": GROUP, "userId": "someone"},
        {"type": "group", "groupId": GROUP[:-1]},
        {"type": "room", "roomId": GROUP, "userId": USER},
        {"type": "channel", "userId": USER},
    ],
)
async def test_an_event_whose_source_is_not_a_line_id_is_ignored_and_logged(line, source, caplog) -> None:
    line, _ = line
    with caplog.at_level(logging.WARNING, logger="bot.channels.line.channel"):
        assert await line.send(text_event("協働とは何ですか", source=source), event("follow", source=source)) == 200
    assert line.agent.received == [] and line.api.requests == []
    assert [r.getMessage().startswith("LINE: a ") and "ignored" in r.getMessage() for r in caplog.records] == [True] * 2


# --- LINE's limits on every response the bot has --------------------------------------------------------------
ROOT = Path(__file__).resolve().parents[2]


def all_responses() -> dict[str, list[dict[str, Any]]]:
    """Every response of domain.yml and of the FAQ answers beside their questions (data/nlu/*.yml)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for path in [ROOT / "domain.yml", *sorted((ROOT / "data" / "nlu").glob("*.yml"))]:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (document.get("responses") or {}).items():
            found[name] = [dict(v) for v in variations]
    return found


RESPONSES = all_responses()
FAQ_ANSWERS = sorted(name for name in RESPONSES if name.startswith("utter_faq/"))
CODE_BUTTONS = [
    leave_message_button(),
    back_to_bot_button(),
    *(
        {"title": c.title, "payload": c.payload}
        for c in rank_candidates(
            {"intent_ranking": [{"name": k, "confidence": 1.0} for k in canonical_questions()]},
            limit=len(canonical_questions()),
            floor=0.0,
        )
    ),
]


def reply_errors(messages: list[dict[str, Any]]) -> list[dict[str, str]]:
    return schema_errors(REPLY_VALIDATOR, {"replyToken": "rt", "messages": messages})


def test_the_tables_hold_every_response() -> None:
    assert len(RESPONSES) > 40 and len(FAQ_ANSWERS) > 20 and "utter_help_menu" in RESPONSES
    assert len(CODE_BUTTONS) > 2 + 40  # the handoff buttons and every "did you mean" candidate


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_every_response_fits_one_line_reply(name: str) -> None:
    for variation in RESPONSES[name]:
        buttons = variation.get("buttons") or []
        assert len(buttons) <= MAX_QUICK_REPLY_ITEMS, "LINE would drop buttons"
        messages = to_line_messages([variation])
        assert 1 <= len(messages) <= MAX_MESSAGES_PER_REQUEST and reply_errors(messages) == []
        items = messages[-1].get("quickReply", {}).get("items", [])
        assert len(items) == len(buttons)  # every button kept, none over LINE's limits
        for item, button in zip(items, buttons, strict=True):
            action = item["action"]
            assert action["label"] == quick_reply_label(str(button["title"])) and len(action["label"]) <= 20
            assert action.get("displayText", button["title"]) == button["title"]


@pytest.mark.parametrize("name", FAQ_ANSWERS)
def test_a_faq_answer_with_its_feedback_question_fits_one_reply(name: str) -> None:
    for variation in RESPONSES[name]:
        messages = to_line_messages([variation, RESPONSES["utter_ask_feedback"][0]])
        assert len(messages) <= MAX_MESSAGES_PER_REQUEST and reply_errors(messages) == []
        assert "（出典：協働ハンドブック" in "".join(m["text"] for m in messages)


def test_the_greeting_with_the_help_menu_fits_one_reply() -> None:
    messages = to_line_messages([RESPONSES["utter_greet"][0], RESPONSES["utter_help_menu"][0]])
    assert len(messages) <= MAX_MESSAGES_PER_REQUEST and reply_errors(messages) == []


@pytest.mark.parametrize("button", CODE_BUTTONS, ids=lambda b: b["payload"][:30])
def test_every_button_made_in_code_is_a_valid_quick_reply(button: dict[str, str]) -> None:
    item = quick_reply_item(button)
    assert item is not None and reply_errors([{"type": "text", "text": "x", "quickReply": {"items": [item]}}]) == []


@pytest.mark.parametrize(
    "title, label",
    [
        ("協働とは", "協働とは"),
        ("  開館日の　 確認 ", "開館日の 確認"),
        ("協働（きょうどう）をすすめる市民団体（しみんだんたい）の登録", "協働をすすめる市民団体の登録"),
        ("連絡先（電話番号またはメールアドレス）を伝える", "連絡先を伝える"),
        ("二十文字ちょうどのボタンのタイトルです。", "二十文字ちょうどのボタンのタイトルです。"),
        ("二十一文字のボタンのタイトルはこうなります", "二十一文字のボタンのタイトルはこうなり…"),
        ("（全部が括弧の中にある、とても長いボタンのタイトル）", "（全部が括弧の中にある、とても長いボタ…"),
    ],
)
def test_labels_are_shortened_by_rule(title: str, label: str) -> None:
    assert quick_reply_label(title) == label and len(label) <= 20
