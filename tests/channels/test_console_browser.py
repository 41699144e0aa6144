"""The coordinator console in headless Chromium (Debian's /usr/bin/chromium via Playwright; no download):
log in, open a citizen's handoff request with its transcript, claim it and close it."""

from __future__ import annotations

import os
from contextlib import AsyncExitStack

import pytest

from bot.channels.console.auth import ConsoleAuth
from bot.channels.console.channel import BASE, ConsoleInput
from tests.fakes.sanic_server import rasa_app, serve

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (make test installs Debian's chromium)", allow_module_level=True)

from playwright.async_api import async_playwright, expect  # noqa: E402

expect.set_options(timeout=15_000)
USER, PASSWORD = "coordinator", "browser-Test-7q2w"


class NoAgent:
    domain = None
    tracker_store = None


@pytest.mark.asyncio
async def test_log_in_and_claim_a_request(temp_db) -> None:
    with temp_db.session_scope() as session:
        request_id = temp_db.add_row(
            session,
            temp_db.HandoffRequest,
            sender_id="wc-browser-0001",
            channel="webchat",
            contact="090-1234-5678",
            message="交流ホールの予約について<b>相談</b>したいです",
            transcript=[
                {"who": "user", "text": "交流ホールは予約できますか", "at": "2026-11-28T03:00:00"},
                {"who": "bot", "text": "すみません、ご質問の意味を確かめさせてください。", "at": "2026-11-28T03:00:01"},
            ],
        ).id
    async with AsyncExitStack() as stack:
        url = await stack.enter_async_context(serve(rasa_app([ConsoleInput(ConsoleAuth(USER, PASSWORD))], NoAgent())))
        pw = await stack.enter_async_context(async_playwright())
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        stack.push_async_callback(browser.close)
        page = await (await browser.new_context(locale="ja-JP")).new_page()
        page.set_default_timeout(15_000)
        requested: list[str] = []
        problems: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.on(
            "console",
            lambda m: problems.append(m.text) if m.type == "error" and "Failed to load" not in m.text else None,
        )
        page.on(
            "response",
            lambda r: problems.append(r.url) if r.status == 404 and not r.url.endswith("/favicon.ico") else None,
        )

        first = await page.goto(url + BASE + "/")
        assert first.status == 401
        await page.get_by_label("ユーザー名").fill(USER)
        await page.get_by_label("パスワード").fill(PASSWORD)
        await page.get_by_role("button", name="ログイン").click()
        await expect(page.get_by_role("heading", name="引き継ぎ受付")).to_be_visible()

        await page.get_by_role("link", name=str(request_id), exact=True).click()
        await expect(page.get_by_role("heading", name=f"受付番号 {request_id}（未対応）")).to_be_visible()
        await expect(page.locator("pre.message")).to_have_text("交流ホールの予約について<b>相談</b>したいです")
        await expect(page.locator("ol.transcript li.user").first).to_contain_text("交流ホールは予約できますか")
        assert await page.locator("main b").count() == 0

        await page.get_by_role("button", name="担当する").click()
        await expect(page.get_by_role("heading", name=f"受付番号 {request_id}（対応中）")).to_be_visible()
        await expect(page.get_by_role("button", name="担当する")).to_have_count(0)
        with temp_db.session_scope() as session:
            row = session.get(temp_db.HandoffRequest, request_id)
            assert (row.status, row.claimed_by) == ("claimed", USER)

        await page.get_by_role("button", name="完了にする（市民はボットとの会話に戻ります）").click()
        await expect(page.get_by_role("heading", name=f"受付番号 {request_id}（完了）")).to_be_visible()
        with temp_db.session_scope() as session:
            assert session.get(temp_db.HandoffRequest, request_id).status == "closed"

        await page.get_by_role("button", name="ログアウト").click()
        await expect(page.get_by_label("パスワード")).to_be_visible()
        assert requested and all(u.startswith(url + "/") for u in requested), requested
        assert problems == [], problems  # no CSP violation, no script error, no missing file
