"""Replies from the console, end to end over HTTP: the request page's suggestions and reply form, delivery on the web
chat (the page's poll) and on LINE (push to the fake Messaging API: delivered, refused and retried, lost answer),
CSRF, and replies shown as text on both sides."""

from __future__ import annotations

import html
import re

import aiohttp
import pytest
import pytest_asyncio

from bot.channels.console.auth import ConsoleAuth
from bot.channels.console.channel import BASE, ConsoleInput
from bot.channels.line.api import LineApiClient
from bot.channels.webchat.channel import WebChatInput
from bot.core.texts import text
from tests.channels.console_support import PASSWORD, SCRIPT, SENDER, USER, Console, ConsoleAgent, add_request
from tests.fakes.line_api import PUSH, FakeLineApi
from tests.fakes.sanic_server import rasa_app, serve

TOKEN = "test-line-token"
LINE_USER = "U" + "0123456789abcdef" * 2


@pytest_asyncio.fixture
async def line_api():
    api = FakeLineApi(TOKEN)
    await api.start()
    yield api
    await api.close()


@pytest_asyncio.fixture
async def both(temp_db, line_api) -> Console:
    """The console (with a LINE client pointed at the fake API) and the web chat, on one Rasa app."""
    client = LineApiClient(TOKEN, line_api.base_url, push_retry_delays=(0.0, 0.0))
    agent = ConsoleAgent()
    channels = [ConsoleInput(ConsoleAuth(USER, PASSWORD), line_client=client), WebChatInput()]
    app = rasa_app(channels, agent)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http, serve(app) as url:
        yield Console(url, http, agent, temp_db)


async def poll(console: Console, sender: str, after: int = 0) -> tuple[int, list]:
    async with console.http.get(
        console.url + "/webhooks/webchat/replies", params={"sender": sender, "after": after}
    ) as r:
        return r.status, ((await r.json()) or {}).get("replies", [])


def labelled(body: str) -> str:
    return text("handoff.coordinator_reply", name=USER, text=body)


async def reply(console: Console, request_id: int, body: str, token: str | None) -> tuple[int, str]:
    data = {"reply": body} | ({"csrf": token} if token is not None else {})
    status, page, _ = await console.post(f"{BASE}/inbox/{request_id}/reply", data)
    return status, page


async def test_a_web_chat_reply_reaches_the_page_as_text_and_the_thread_shows_it(both: Console) -> None:
    request_id = add_request(both.db)
    assert await both.login() == 303
    status, page, _ = await both.get(f"{BASE}/inbox/{request_id}")
    assert status == 200 and "この回答から書く" in page and "TEL 076-225-7763" in page  # the Ask page's top answers
    assert both.agent.asked == ["交流ホールの予約について相談したいです"]
    assert await poll(both, SENDER) == (200, [])

    status, _ = await reply(both, request_id, "ご予約は窓口へ。" + SCRIPT, await both.csrf())
    assert status == 303
    status, replies = await poll(both, SENDER)
    assert status == 200 and [r["text"] for r in replies] == [labelled("ご予約は窓口へ。" + SCRIPT)]
    assert replies[0]["text"].startswith("【担当者からの回答】" + USER)
    assert await poll(both, SENDER, after=replies[0]["id"]) == (200, [])  # a reopened page asks after the last
    assert (await poll(both, "wc-someone-else-0001"))[1] == []  # nobody else gets it

    _, page, _ = await both.get(f"{BASE}/inbox/{request_id}")
    assert SCRIPT not in page and html.escape(SCRIPT, quote=False) in page
    assert "届きました" in page and "担当" in page
    with both.db.session_scope() as session:
        row = session.get(both.db.HandoffRequest, request_id)
        assert (row.status, row.claimed_by) == ("claimed", USER)  # replying claims an open request


async def test_the_citizens_next_message_and_the_reply_are_one_thread_in_order(both: Console) -> None:
    request_id = add_request(both.db)
    await both.login()
    with both.db.session_scope() as session:
        both.db.add_handoff_followup(session, request_id, "user", "先に一つ目")
    await reply(both, request_id, "回答です", await both.csrf())
    with both.db.session_scope() as session:
        both.db.add_handoff_followup(session, request_id, "user", "ありがとうございます")
    _, page, _ = await both.get(f"{BASE}/inbox/{request_id}")
    thread = page[page.index('id="replies"') :]
    positions = [thread.index(s) for s in ("先に一つ目", "回答です", "ありがとうございます")]
    assert positions == sorted(positions)


async def test_a_reply_without_the_csrf_token_is_refused_and_not_stored(both: Console) -> None:
    request_id = add_request(both.db)
    await both.login()
    for token in (None, "forged"):
        status, _ = await reply(both, request_id, "回答", token)
        assert status == 403
    status, _ = await reply(both, request_id, "   ", await both.csrf())
    assert status == 400
    assert await poll(both, SENDER) == (200, [])


async def test_a_closed_request_takes_no_reply(both: Console) -> None:
    request_id = add_request(both.db)
    await both.login()
    token = await both.csrf()
    await both.post(f"{BASE}/inbox/{request_id}/close", {"csrf": token})
    status, page = await reply(both, request_id, "回答", token)
    assert status == 409 and text("console.reply_closed") in page


async def test_a_line_reply_is_pushed_to_the_user(both: Console, line_api: FakeLineApi) -> None:
    request_id = add_request(both.db, sender=LINE_USER, channel="line")
    await both.login()
    assert (await reply(both, request_id, SCRIPT, await both.csrf()))[0] == 303
    pushed = line_api.delivered(PUSH)
    assert [(p["to"], p["messages"]) for p in pushed] == [(LINE_USER, [{"type": "text", "text": labelled(SCRIPT)}])]
    _, page, _ = await both.get(f"{BASE}/inbox/{request_id}")
    assert "届きました" in page and "もう一度送る" not in page


async def test_a_refused_line_push_is_shown_and_retried(both: Console, line_api: FakeLineApi) -> None:
    request_id = add_request(both.db, sender=LINE_USER, channel="line")
    await both.login()
    token = await both.csrf()
    line_api.push_failures = [403]
    await reply(both, request_id, "回答です", token)
    assert line_api.delivered(PUSH) == []
    _, page, _ = await both.get(f"{BASE}/inbox/{request_id}")
    assert "送信できませんでした" in page and "status 403" in page
    retry = re.search(rf'action="({BASE}/inbox/{request_id}/replies/\d+/retry)"', page).group(1)
    assert (await both.post(retry, {"csrf": token}))[0] == 303
    assert [p["messages"][0]["text"] for p in line_api.delivered(PUSH)] == [labelled("回答です")]
    _, page, _ = await both.get(f"{BASE}/inbox/{request_id}")
    assert "届きました" in page and "もう一度送る" not in page
    assert (await both.post(retry, {"csrf": token}))[0] == 303  # a delivered reply is not sent again
    assert len(line_api.delivered(PUSH)) == 1


async def test_a_line_push_whose_answer_was_lost_is_delivered_once(both: Console, line_api: FakeLineApi) -> None:
    request_id = add_request(both.db, sender=LINE_USER, channel="line")
    await both.login()
    line_api.lost_push_answers = 1  # delivered, answered 500: the client retries with the same key, LINE says 409
    await reply(both, request_id, "回答です", await both.csrf())
    assert len(line_api.delivered(PUSH)) == 1
    assert len({r.retry_key for r in line_api.requests if r.path == PUSH}) == 1


@pytest.mark.parametrize("query", [{"sender": "x"}, {"sender": SENDER, "after": "-1"}, {"after": "0"}])
async def test_the_reply_poll_refuses_bad_queries(both: Console, query) -> None:
    async with both.http.get(both.url + "/webhooks/webchat/replies", params=query) as r:
        assert r.status == 400
