"""やさしい日本語 (issue 16) on the web chat and LINE: the 「やさしい日本語」 quick reply, the asked-for switch and a
message in simple Japanese turn it on; it holds for the conversation until 「ふつうの日本語」. The bot is
tests/fakes/styled_bot.py: a scripted NLU, the real domain's slot mappings and responses, the real StyledNLG."""

from __future__ import annotations

import json

import aiohttp
import pytest
import pytest_asyncio

from bot.channels.line.channel import LineInput
from bot.channels.webchat.channel import WebChatInput
from bot.core.variants import EASY_DIR, TOGGLE_OFF, TOGGLE_ON, load_variants
from tests.channels.test_line_channel import SECRET, TOKEN, event, sign, text_event
from tests.fakes.line_api import REPLY, FakeLineApi
from tests.fakes.sanic_server import rasa_app, serve
from tests.fakes.styled_bot import FAQ_ANSWER, StyledAgent

SENDER = "wc-7d2e9c1a-4b3f-4e8a-9c0d-1e2f3a4b5c6d"
EASY = load_variants(EASY_DIR)


def standard(agent: StyledAgent, name: str) -> str:
    return agent.domain.responses[name][0]["text"]


@pytest_asyncio.fixture
async def webchat():
    agent = StyledAgent()
    app = rasa_app([WebChatInput.from_credentials(None)], agent)
    async with aiohttp.ClientSession() as http, serve(app) as url:

        async def ask(message: str) -> list[dict]:
            body = json.dumps({"sender": SENDER, "message": message}, ensure_ascii=False).encode()
            headers = {"Content-Type": "application/json"}
            async with http.post(url + "/webhooks/webchat/webhook", data=body, headers=headers) as resp:
                assert resp.status == 200
                return (await resp.json())["messages"]

        yield agent, ask


@pytest.mark.asyncio
async def test_web_chat_quick_reply_switches_on_and_ふつうの日本語_switches_off(webchat) -> None:
    agent, ask = webchat
    greet, menu = await ask("/greet")
    assert greet["text"] == standard(agent, "utter_greet")
    assert menu["buttons"][-1] == {"title": "やさしい日本語", "payload": TOGGLE_ON}

    answer, feedback = await ask("交流館の電話番号は？")
    assert answer["text"] == standard(agent, FAQ_ANSWER)
    assert {"title": "やさしい日本語", "payload": TOGGLE_ON} in feedback["buttons"], "offered after each answer"

    [switched] = await ask(TOGGLE_ON)
    assert switched["text"] == EASY["utter_easy_japanese_on"]["text"]
    assert switched["buttons"] == [{"title": "ふつうの日本語", "payload": TOGGLE_OFF}]

    answer, feedback = await ask("交流館の電話番号は？")
    assert answer["text"] == EASY[FAQ_ANSWER]["text"] and "TEL 076-255-0162" in answer["text"]
    assert feedback["buttons"][-1] == {"title": "ふつうの日本語", "payload": TOGGLE_OFF}
    assert [b["payload"] for b in feedback["buttons"][:2]] == ["/feedback_good", "/feedback_bad"]

    [back] = await ask("ふつうの日本語")
    assert back["text"] == standard(agent, "utter_easy_japanese_off")
    answer, _ = await ask("交流館の電話番号は？")
    assert answer["text"] == standard(agent, FAQ_ANSWER)


@pytest.mark.asyncio
async def test_web_chat_simple_japanese_and_the_asked_for_switch(webchat) -> None:
    agent, ask = webchat
    answer, _ = await ask("こうりゅうかん の でんわばんごう を おしえて ください")
    assert answer["text"] == EASY[FAQ_ANSWER]["text"]
    answer, _ = await ask("交流館の電話番号は？")
    assert answer["text"] == EASY[FAQ_ANSWER]["text"], "it holds for the conversation"
    [back] = await ask("ふつうの日本語")
    answer, _ = await ask("こうりゅうかん の でんわばんごう を おしえて ください")
    assert answer["text"] == standard(agent, FAQ_ANSWER), "the citizen's choice wins"
    [on] = await ask("かんたんな にほんご")
    assert on["text"] == EASY["utter_easy_japanese_on"]["text"]


@pytest_asyncio.fixture
async def line(monkeypatch):
    api = FakeLineApi(TOKEN)
    monkeypatch.setenv("LINE_CHANNEL_SECRET", SECRET)
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("LINE_API_BASE", await api.start())
    channel = LineInput.from_credentials(None)
    agent = StyledAgent()
    async with aiohttp.ClientSession() as http, serve(rasa_app([channel], agent)) as url:

        async def send(ev: dict) -> list[dict]:
            before = len(api.accepted(REPLY))
            body = json.dumps({"destination": "U" + "f" * 32, "events": [ev]}, ensure_ascii=False).encode()
            headers = {"Content-Type": "application/json", "X-Line-Signature": sign(body)}
            async with http.post(url + "/webhooks/line/webhook", data=body, headers=headers) as resp:
                assert resp.status == 200
            await channel.wait_idle()
            return [m for b in api.accepted(REPLY)[before:] for m in b["messages"]]

        yield agent, send
    await api.close()


@pytest.mark.asyncio
async def test_line_quick_reply_on_readings_in_parentheses_and_off_again(line) -> None:
    agent, send = line
    messages = await send(event("follow", token="rt-follow"))
    items = messages[-1]["quickReply"]["items"]
    assert len(items) <= 13 and items[-1]["action"]["data"] == TOGGLE_ON
    assert items[-1]["action"]["label"] == "やさしい日本語"

    messages = await send(event("postback", token="rt-on", postback={"data": TOGGLE_ON}))
    assert messages[0]["text"] == EASY["utter_easy_japanese_on"]["text"]
    assert messages[0]["quickReply"]["items"][0]["action"]["data"] == TOGGLE_OFF

    messages = await send(text_event("交流館の電話番号は？", replyToken="rt-q"))
    assert messages[0]["text"] == EASY[FAQ_ANSWER]["text"]
    assert "連絡先（れんらくさき）" in messages[0]["text"], "LINE shows the readings as parentheses"
    items = messages[-1]["quickReply"]["items"]
    assert items[-1]["action"]["data"] == TOGGLE_OFF and all(len(i["action"]["label"]) <= 20 for i in items)

    await send(text_event("ふつうの日本語", replyToken="rt-off"))
    messages = await send(text_event("交流館の電話番号は？", replyToken="rt-q2"))
    assert messages[0]["text"] == standard(agent, FAQ_ANSWER)


@pytest.mark.asyncio
async def test_line_simple_japanese_switches_it_on(line) -> None:
    _, send = line
    messages = await send(text_event("こうりゅうかん の でんわばんごう を おしえて ください", replyToken="rt-s"))
    assert messages[0]["text"] == EASY[FAQ_ANSWER]["text"]
