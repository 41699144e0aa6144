"""Issue 15 in headless Chromium (Debian's /usr/bin/chromium via Playwright): both parts on the web chat.

The citizen asks for a person in the web chat and leaves a message; a coordinator logs in, sees the count of new
requests, opens the request, picks a suggested answer, edits it and sends it; the citizen's open page shows it (as
text: a ``<script>`` in it is shown literally), a reload in the same browser session still shows it, and the
citizen's answer lands on the request. The bot is scripted (no model): leaving the message stores the request as
action_create_handoff does, and later messages go through actions/handoff.py's own ``pending_request_note``.
"""

from __future__ import annotations

import os
import re
from contextlib import AsyncExitStack
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage

from actions.handoff import pending_request_note
from bot.channels.console.auth import ConsoleAuth
from bot.channels.console.channel import BASE, ConsoleInput
from bot.channels.webchat.channel import WebChatInput
from bot.core.texts import text
from tests.channels.console_support import ConsoleAgent
from tests.fakes.sanic_server import rasa_app, serve

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-sync"]
pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (make test installs Debian's chromium)", allow_module_level=True)

from playwright.async_api import async_playwright, expect  # noqa: E402

expect.set_options(timeout=15_000)
USER, PASSWORD = "coordinator", "browser-Test-7q2w"
MESSAGE = "交流ホールの予約について相談したいです"
ADDED = "ご不明な点は<script>window.__pwned = 1</script>窓口でもお尋ねください。"
BOT = ".kc-log .kc-bot:not(.kc-typing) .kc-bubble"


class HandoffAgent(ConsoleAgent):
    """The console's scripted parse (suggestions) plus a web chat bot that takes a message for a person."""

    def __init__(self, db: Any) -> None:
        super().__init__()
        self.db, self.state, self.request_id = db, "", 0

    def answer(self, sender: str, said: str) -> dict[str, Any]:
        if said == "/greet":
            return {"text": "こんにちは。"}
        if self.state == "pending":
            pending_request_note(sender, "user", said)
            return {"text": text("handoff.waiting")}
        if said == "人と話したい":
            return {
                "text": "担当者へメッセージを残せます。",
                "buttons": [{"title": "メッセージを残す", "payload": "/leave_message"}],
            }
        if said == "/leave_message":
            self.state = "message"
            return {"text": "メッセージをどうぞ。"}
        if self.state == "message":
            with self.db.session_scope() as session:
                row = self.db.add_row(
                    session, self.db.HandoffRequest, sender_id=sender, channel="webchat", message=said, transcript=[]
                )
                self.request_id = row.id
            self.state = "pending"
            return {"text": text("handoff.confirmation_received", request_id=self.request_id)}
        return {"text": "ほかにご質問はありますか。"}

    async def handle_message(self, message: UserMessage) -> None:
        reply = self.answer(message.sender_id, message.text or "")
        if reply.get("buttons"):
            await message.output_channel.send_text_with_buttons(message.sender_id, reply["text"], reply["buttons"])
        else:
            await message.output_channel.send_text_message(message.sender_id, reply["text"])


@pytest.mark.asyncio
async def test_a_coordinator_answers_a_web_chat_citizen_end_to_end(temp_db) -> None:
    agent = HandoffAgent(temp_db)
    async with AsyncExitStack() as stack:
        app = rasa_app([ConsoleInput(ConsoleAuth(USER, PASSWORD)), WebChatInput()], agent)
        url = await stack.enter_async_context(serve(app))
        pw = await stack.enter_async_context(async_playwright())
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        stack.push_async_callback(browser.close)
        problems: list[str] = []
        citizen = await (await browser.new_context(locale="ja-JP")).new_page()
        coordinator = await (await browser.new_context(locale="ja-JP")).new_page()
        for page in (citizen, coordinator):
            page.set_default_timeout(15_000)
            page.on(
                "console",
                lambda m: problems.append(m.text) if m.type == "error" and "Failed to load" not in m.text else None,
            )
            page.on(
                "response",
                lambda r: problems.append(r.url) if r.status >= 404 and not r.url.endswith("/favicon.ico") else None,
            )

        # The citizen asks for a person and leaves a message.
        await citizen.goto(url + "/webhooks/webchat/")
        await expect(citizen.locator(BOT).first).to_have_text("こんにちは。")
        await citizen.get_by_label("質問を入力").fill("人と話したい")
        await citizen.get_by_role("button", name="送信").click()
        await citizen.get_by_role("button", name="メッセージを残す").click()
        await expect(citizen.locator(BOT).last).to_have_text("メッセージをどうぞ。")
        await citizen.get_by_label("質問を入力").fill(MESSAGE)
        await citizen.get_by_role("button", name="送信").click()
        await expect(citizen.locator(BOT).last).to_contain_text(f"受付番号 {agent.request_id}")
        request_id = agent.request_id
        assert request_id > 0

        # The coordinator logs in, sees the count, opens the request and sends an edited suggestion.
        await coordinator.goto(url + BASE + "/")
        await coordinator.get_by_label("ユーザー名").fill(USER)
        await coordinator.get_by_label("パスワード").fill(PASSWORD)
        await coordinator.get_by_role("button", name="ログイン").click()
        await expect(coordinator.locator("#open-count")).to_have_text("1")
        await coordinator.get_by_role("link", name=re.compile("^引き継ぎ受付")).click()
        await coordinator.get_by_role("link", name=str(request_id), exact=True).click()
        await expect(coordinator.locator("pre.message")).to_have_text(MESSAGE)
        await coordinator.get_by_role("button", name="この回答から書く").first.click()
        reply_box = coordinator.get_by_label(re.compile("^回答"))
        suggested = await reply_box.input_value()
        assert "TEL 076-225-7763" in suggested  # the Ask page's best answer for the citizen's message
        await reply_box.fill(suggested + "\n" + ADDED)
        await coordinator.get_by_role("button", name="回答を送る").click()
        await expect(coordinator.locator("ol.thread li.coordinator pre")).to_have_text(suggested + "\n" + ADDED)

        # The citizen's open page shows it, as text, marked with the coordinator's name.
        shown = citizen.locator(BOT).filter(has_text="【担当者からの回答】")
        await expect(shown).to_have_count(1, timeout=10_000)
        await expect(shown).to_contain_text(USER)
        await expect(shown).to_contain_text(ADDED)
        assert await citizen.evaluate("window.__pwned") is None
        assert await citizen.locator(".kc-log script").count() == 0

        await citizen.reload()  # the same browser session: the reply is still there, once
        await expect(citizen.locator(BOT).filter(has_text="【担当者からの回答】")).to_have_count(1)

        # The citizen's answer lands on the request, after the reply.
        await citizen.get_by_label("質問を入力").fill("ありがとうございます。窓口に伺います。")
        await citizen.get_by_role("button", name="送信").click()
        await expect(citizen.locator(BOT).last).to_have_text(text("handoff.waiting"))
        await coordinator.reload()
        thread = coordinator.locator("ol.thread li")
        await expect(thread).to_have_count(2)
        await expect(thread.nth(0)).to_have_class(re.compile("coordinator"))
        await expect(thread.nth(1)).to_contain_text("ありがとうございます。窓口に伺います。")
        await expect(coordinator.locator("ol.thread li.coordinator .delivery")).to_contain_text("届きました")
        assert problems == [], problems


@pytest.mark.asyncio
async def test_a_refused_line_push_is_shown_and_retried_from_the_page(temp_db) -> None:
    from bot.channels.line.api import LineApiClient
    from tests.fakes.line_api import PUSH, FakeLineApi

    line_user = "U" + "0123456789abcdef" * 2
    with temp_db.session_scope() as session:
        request_id = temp_db.add_row(
            session, temp_db.HandoffRequest, sender_id=line_user, channel="line", message=MESSAGE, transcript=[]
        ).id
    api = FakeLineApi("browser-line-token")
    await api.start()
    async with AsyncExitStack() as stack:
        stack.push_async_callback(api.close)
        client = LineApiClient("browser-line-token", api.base_url, push_retry_delays=(0.0, 0.0))
        app = rasa_app([ConsoleInput(ConsoleAuth(USER, PASSWORD), line_client=client)], HandoffAgent(temp_db))
        url = await stack.enter_async_context(serve(app))
        pw = await stack.enter_async_context(async_playwright())
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        stack.push_async_callback(browser.close)
        page = await (await browser.new_context(locale="ja-JP")).new_page()
        page.set_default_timeout(15_000)
        await page.goto(url + BASE + f"/inbox/{request_id}")
        await page.get_by_label("ユーザー名").fill(USER)
        await page.get_by_label("パスワード").fill(PASSWORD)
        await page.get_by_role("button", name="ログイン").click()
        await expect(page.locator("pre.message")).to_have_text(MESSAGE)

        api.push_failures = [429]  # LINE refuses (e.g. the monthly message limit)
        await page.get_by_label(re.compile("^回答")).fill("お問い合わせありがとうございます。" + ADDED)
        await page.get_by_role("button", name="回答を送る").click()
        delivery = page.locator("ol.thread li.coordinator .delivery")
        await expect(delivery).to_contain_text("送信できませんでした")
        await expect(delivery).to_contain_text("status 429")
        assert api.delivered(PUSH) == []

        await page.get_by_role("button", name="もう一度送る").click()
        await expect(delivery).to_contain_text("届きました")
        await expect(page.get_by_role("button", name="もう一度送る")).to_have_count(0)
        (pushed,) = api.delivered(PUSH)
        assert pushed["to"] == line_user
        assert pushed["messages"] == [
            {
                "type": "text",
                "text": text("handoff.coordinator_reply", name=USER, text="お問い合わせありがとうございます。" + ADDED),
            }
        ]
        await expect(page.locator("ol.thread li.coordinator pre")).to_contain_text("<script>")  # shown as text
