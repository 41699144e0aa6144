"""Two questions in one message (issue 14, kind 6) over the REST, web chat and LINE channels, mounted by Rasa's own
app, with a scripted bot that has an NLU (tests/fakes/two_question_bot.py)."""

from __future__ import annotations

import json
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from bot.channels.chat_requests import no_answer_text
from bot.channels.line.channel import LineInput
from bot.channels.rest.channel import ProjectRestInput
from bot.channels.webchat.channel import WebChatInput
from bot.core.texts import text
from tests.channels.test_line_channel import sign, text_event
from tests.fakes.bot import domain_response, echo_answer
from tests.fakes.line_api import REPLY, FakeLineApi
from tests.fakes.sanic_server import rasa_app, serve
from tests.fakes.two_question_bot import FAILING, SILENT, Tracker, TwoQuestionAgent, faq_answer

SENDER = "wc-3f1c8a2e-5b7d-4e9a-8c6f-0d2b4a6c8e10"
FEEDBACK = domain_response("utter_ask_feedback")["text"]
ADDRESS, CONTACT = faq_answer("faq/kouryukan_address"), faq_answer("faq/kouryukan_contact")


@pytest_asyncio.fixture
async def rest() -> Any:
    agent = TwoQuestionAgent()
    app = rasa_app([ProjectRestInput.from_credentials({})], agent)
    async with aiohttp.ClientSession() as http, serve(app) as url:

        async def ask(message: str, sender: str = "rest-user") -> list[str]:
            body = json.dumps({"sender": sender, "message": message}, ensure_ascii=False).encode()
            async with http.post(url + "/webhooks/rest/webhook", data=body) as resp:
                assert resp.status == 200
                return [m.get("text") for m in await resp.json()]

        yield agent, ask


@pytest.mark.asyncio
async def test_rest_answers_both_questions_in_order_with_one_feedback_question(rest) -> None:
    agent, ask = rest
    assert await ask("交流館の場所と電話番号を教えて") == [ADDRESS, CONTACT, FEEDBACK]
    assert agent.texts == ["交流館の場所を教えて", "交流館の電話番号を教えて"]
    assert {m.sender_id for m in agent.received} == {"rest-user"}
    assert {m.input_channel for m in agent.received} == {"rest"}


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "message",
    [
        "協働って何？あと原則も知りたい",  # the second part is unsure: no split
        "交流館の場所と住所を教えて",  # both parts give the same answer
        "交流館の場所を教えて",  # one question
    ],
)
async def test_rest_sends_the_message_whole_unless_both_parts_get_two_answers(rest, message: str) -> None:
    agent, ask = rest
    await ask(message)
    assert agent.texts == [message]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "tracker",
    [Tracker(active_loop_name="precheck_form"), Tracker(slots={"handoff_pending": True})],
)
async def test_rest_sends_the_message_whole_while_a_form_runs_or_a_handoff_waits(rest, tracker: Tracker) -> None:
    agent, ask = rest
    agent.tracker_store.trackers["busy"] = tracker
    await ask("交流館の場所と電話番号を教えて", sender="busy")
    assert agent.texts == ["交流館の場所と電話番号を教えて"]
    agent.tracker_store.trackers["idle"] = Tracker(slots={"handoff_pending": False})
    await ask("交流館の場所と電話番号を教えて", sender="idle")
    assert agent.texts[1:] == ["交流館の場所を教えて", "交流館の電話番号を教えて"]


@pytest.mark.asyncio
async def test_a_failing_or_silent_part_gets_the_polite_text_and_the_other_is_answered(rest) -> None:
    agent, ask = rest
    assert await ask(f"{FAILING}交流館の場所を教えて") == [text("channels.bot_failure"), ADDRESS, FEEDBACK]
    assert await ask(f"交流館の場所を教えて。{SILENT}") == [ADDRESS, no_answer_text()]


@pytest.mark.asyncio
async def test_both_parts_failing_get_one_apology(rest) -> None:
    agent, ask = rest
    agent.answers_for = lambda _text: (_ for _ in ()).throw(RuntimeError("down"))  # type: ignore[method-assign]
    assert await ask("交流館の場所と電話番号を教えて") == [text("channels.bot_failure")]


@pytest.mark.asyncio
async def test_webchat_answers_both_questions_with_the_buttons_once() -> None:
    agent = TwoQuestionAgent()
    app = rasa_app([WebChatInput.from_credentials({})], agent)
    async with aiohttp.ClientSession() as http, serve(app) as url:
        body = json.dumps({"sender": SENDER, "message": "交流館の場所と電話番号を教えて"}, ensure_ascii=False)
        async with http.post(url + "/webhooks/webchat/webhook", data=body.encode()) as resp:
            messages = (await resp.json())["messages"]
    assert [m["text"] for m in messages] == [ADDRESS, CONTACT, FEEDBACK]
    assert [bool(m.get("buttons")) for m in messages] == [False, False, True]
    assert agent.texts == ["交流館の場所を教えて", "交流館の電話番号を教えて"]


@pytest.mark.asyncio
async def test_line_answers_both_questions_in_one_reply(monkeypatch) -> None:
    api = FakeLineApi("token-two")
    monkeypatch.setenv("LINE_CHANNEL_SECRET", "8c2d0f4b6a7e9135c0ffee00deadbeef")
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", "token-two")
    monkeypatch.setenv("LINE_API_BASE", await api.start())
    channel, agent = LineInput.from_credentials(None), TwoQuestionAgent()
    async with aiohttp.ClientSession() as http, serve(rasa_app([channel], agent)) as url:
        events = {"destination": "U" + "f" * 32, "events": [text_event("交流館の場所と電話番号を教えて")]}
        body = json.dumps(events, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json", "X-Line-Signature": sign(body)}
        async with http.post(url + "/webhooks/line/webhook", data=body, headers=headers) as resp:
            assert resp.status == 200
        await channel.wait_idle()
    await api.close()
    [reply] = api.accepted(REPLY)
    assert [m["text"] for m in reply["messages"]] == [ADDRESS, CONTACT, FEEDBACK]
    assert "quickReply" in reply["messages"][-1] and all("quickReply" not in m for m in reply["messages"][:-1])
    assert agent.texts == ["交流館の場所を教えて", "交流館の電話番号を教えて"]


@pytest.mark.asyncio
async def test_the_scripted_bot_without_an_nlu_gets_the_message_whole() -> None:
    from tests.fakes.bot import FakeAgent

    agent = FakeAgent()
    app = rasa_app([ProjectRestInput.from_credentials({})], agent)
    async with aiohttp.ClientSession() as http, serve(app) as url:
        body = json.dumps({"sender": "a", "message": "交流館の場所と電話番号を教えて"}, ensure_ascii=False)
        async with http.post(url + "/webhooks/rest/webhook", data=body.encode()) as resp:
            assert [m["text"] for m in await resp.json()] == [echo_answer("交流館の場所と電話番号を教えて")]
