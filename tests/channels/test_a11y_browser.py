"""Accessibility and the web chat's own actions in headless Chromium (Debian's /usr/bin/chromium via Playwright).

axe-core (pinned in bot/tools/axe/package-lock.json, installed by `make test`) audits WCAG 2.0/2.1 A and AA at 360 px
and 1280 px: the chat page after a conversation with quick replies, the widget embedded in a plain host page, the
console's login and every console page behind it. The same tests walk the pages with Tab: a sensible order,
visible focus, no trap. axe goes in through the context's ``bypass_csp``: the pages' CSP is never loosened.
Also here: the handbook's search phrases as links (SEARCH_URL_PATTERN) and 「会話をコピー」.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import pytest
import pytest_asyncio
import yaml
from aiohttp import web

from bot.channels.webchat.channel import PAGE_CSP, WebChatInput
from bot.core.search_links import search_phrases, search_url
from tests.channels.a11y_support import (
    ARGS,
    CHROMIUM,
    ROOT,
    audit_at_widths,
    axe_source,
    invisible_focus,
    shift_tab_returns,
    tab_walk,
)
from tests.fakes.bot import FakeAgent, domain_response, echo_answer
from tests.fakes.sanic_server import rasa_app, serve

pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (make test installs Debian's chromium)", allow_module_level=True)

from playwright.async_api import Page, async_playwright, expect  # noqa: E402

expect.set_options(timeout=15_000)
BOT = ".kc-log .kc-bot:not(.kc-typing) .kc-bubble"
USER = ".kc-log .kc-user .kc-bubble"
SEARCH_QUESTION = "登録に必要な書類は"
PATTERN = "https://search.example.test/?site=city&q={query}"


def faq_answer_with_search_phrase() -> str:
    """The first FAQ answer of data/nlu/faq_registration.yml that names a page by its search phrase."""
    data = yaml.safe_load((ROOT / "data" / "nlu" / "faq_registration.yml").read_text(encoding="utf-8"))
    texts = [v["text"] for variants in data["responses"].values() for v in variants]
    return next(t for t in texts if search_phrases(t))


class FaqAgent(FakeAgent):
    """The scripted bot, answering SEARCH_QUESTION with the real FAQ answer."""

    def answers_for(self, text: str) -> list[dict[str, Any]]:
        if text == SEARCH_QUESTION:
            return [{"text": faq_answer_with_search_phrase()}]
        return super().answers_for(text)


@asynccontextmanager
async def host_page(html: str) -> AsyncIterator[str]:
    """Serve ``html`` at / from a second loopback server (aiohttp): the city's page, on its own origin."""

    async def page(request: web.Request) -> web.Response:
        return web.Response(text=html, content_type="text/html", charset="utf-8")

    app = web.Application()
    app.router.add_get("/", page)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}/"
    finally:
        await runner.cleanup()


@dataclass
class Browser:
    page: Page
    base: str
    axe: str
    agent: FaqAgent
    stack: AsyncExitStack

    async def open_chat(self) -> str:
        """Open the web chat page; returns its Content-Security-Policy header."""
        resp = await self.page.goto(self.base + "/webhooks/webchat/")
        await expect(self.page.locator(".kc-quick .kc-choice").first).to_be_visible()
        return (await resp.all_headers()).get("content-security-policy", "")

    async def ask(self, text: str) -> None:
        before = await self.page.locator(BOT).count()
        await self.page.get_by_label("質問を入力").fill(text)
        await self.page.get_by_role("button", name="送信").click()
        await expect(self.page.locator(".kc-typing")).to_have_count(0)
        await self.page.wait_for_function("([s, n]) => document.querySelectorAll(s).length > n", arg=[BOT, before])


@pytest_asyncio.fixture
async def browser() -> Browser:
    axe = axe_source()
    async with AsyncExitStack() as stack:
        agent = FaqAgent()
        channel = WebChatInput(search_pattern=PATTERN)
        base = await stack.enter_async_context(serve(rasa_app([channel], agent, cors="*")))
        pw = await stack.enter_async_context(async_playwright())
        chromium = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        stack.push_async_callback(chromium.close)
        context = await chromium.new_context(bypass_csp=True, locale="ja-JP", viewport={"width": 1280, "height": 800})
        await context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
        page = await context.new_page()
        page.set_default_timeout(15_000)
        yield Browser(page, base, axe, agent, stack)


@pytest.mark.asyncio
async def test_chat_page_after_a_conversation_has_no_wcag_violations(browser: Browser) -> None:
    csp = await browser.open_chat()
    assert csp == PAGE_CSP  # axe came in through the context, the page's policy is unchanged
    await browser.ask(SEARCH_QUESTION)
    await browser.ask("ボタンがたくさん")  # the last answer has quick replies
    await expect(browser.page.locator(".kc-quick .kc-choice")).to_have_count(16)
    assert await browser.page.locator(".kc-search-link").count() >= 1
    assert await audit_at_widths(browser.page, browser.axe, "web chat page") == {}


@pytest.mark.asyncio
async def test_the_audit_finds_violations_when_there_are_some(browser: Browser) -> None:
    await browser.open_chat()
    await browser.page.evaluate(
        """() => { const log = document.querySelector(".kc-log");
                   const img = document.createElement("img"); img.src = "widget.js"; log.appendChild(img);
                   const p = document.createElement("p"); p.textContent = "薄い文字"; p.style.color = "#cccccc";
                   log.appendChild(p); }"""
    )
    found = await audit_at_widths(browser.page, browser.axe, "spoiled page")
    assert set(found) == {"spoiled page @360px", "spoiled page @1280px"}
    assert {"image-alt", "color-contrast"} <= {v["id"] for v in found["spoiled page @360px"]}


@pytest.mark.asyncio
async def test_widget_embedded_in_a_plain_host_page_has_no_wcag_violations(browser: Browser) -> None:
    host = (
        '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>金沢市（テスト用の掲載ページ）</title>"
        '</head><body><main><h1>協働のご案内</h1><p>市のページにチャットを載せた例です。</p><div id="kyodo-chat"></div>'
        f'<script src="{browser.base}/webhooks/webchat/widget.js" defer></script></main></body></html>'
    )
    url = await browser.stack.enter_async_context(host_page(host))  # a real second server: another origin
    await browser.page.goto(url)
    assert await browser.page.evaluate("location.origin") != browser.base
    await expect(browser.page.locator(".kc-quick .kc-choice").first).to_be_visible()
    await browser.ask("協働とは何ですか")
    await browser.ask("ボタンがたくさん")
    assert await audit_at_widths(browser.page, browser.axe, "embedded widget") == {}
    stops = await tab_walk(browser.page)  # on the host page too: every stop shows its focus, and Tab gets out
    assert [s for s in stops if "kc-send" in s.cls.split()] and invisible_focus(stops) == []
    assert await shift_tab_returns(browser.page, stops)


@pytest.mark.asyncio
async def test_keyboard_reaches_the_chat_in_order_with_visible_focus_and_no_trap(browser: Browser) -> None:
    for width in (360, 1280):
        await browser.page.set_viewport_size({"width": width, "height": 800})
        await browser.open_chat()
        stops = await tab_walk(browser.page)
        classes = [s.cls for s in stops]
        order = [
            next(i for i, c in enumerate(classes) if name in c.split())
            for name in ("kc-copy", "kc-restart", "kc-log", "kc-choice", "kc-input", "kc-send")
        ]
        assert order == sorted(order), (width, [s.key for s in stops])
        choices = [s.text for s in stops if "kc-choice" in s.cls.split()]
        assert choices == [b["title"] for b in domain_response("utter_help_menu")["buttons"]]
        assert invisible_focus(stops) == [], width
        assert await shift_tab_returns(browser.page, stops), width


@pytest.mark.asyncio
async def test_search_phrases_are_links_to_the_configured_web_search(browser: Browser) -> None:
    await browser.open_chat()
    await browser.ask(SEARCH_QUESTION)
    answer = faq_answer_with_search_phrase()
    bubble = browser.page.locator(BOT).last
    assert await bubble.evaluate("e => e.textContent") == answer  # the text itself is unchanged
    links = bubble.locator("a.kc-search-link")
    expected = [(p, search_url(PATTERN, p)) for p in search_phrases(answer)]
    assert expected and "金沢市 協働をすすめる市民団体登録" in dict(expected)
    shown = await links.evaluate_all("els => els.map(a => [a.textContent, a.href, a.rel, a.target])")
    assert [tuple(s[:2]) for s in shown] == expected
    assert all(s[2:] == ["noopener noreferrer", "_blank"] for s in shown)
    assert "q=%E9%87%91%E6%B2%A2%E5%B8%82%20" in expected[0][1]  # encoded, the space as %20
    await browser.page.reload()  # the links are kept with the conversation
    await expect(browser.page.locator(BOT).last.locator("a.kc-search-link")).to_have_count(len(expected))


@pytest.mark.asyncio
async def test_copy_puts_the_transcript_on_the_clipboard_and_says_so(browser: Browser) -> None:
    await browser.open_chat()
    await browser.ask("協働とは何ですか")
    await browser.page.get_by_role("button", name="会話をコピー").click()
    status = browser.page.get_by_role("status")
    await expect(status).to_have_text("会話をコピーしました。メールなどに貼り付けてお使いいただけます。")
    assert await status.get_attribute("role") == "status"  # announced politely (an implicit aria-live region)
    copied = await browser.page.evaluate("navigator.clipboard.readText()")
    expected = [
        "ボット：" + domain_response("utter_greet")["text"],
        "ボット：" + domain_response("utter_help_menu")["text"],
        "あなた：協働とは何ですか",
        "ボット：" + echo_answer("協働とは何ですか"),
    ]
    assert copied == "\n\n".join(expected)
    await expect(browser.page.get_by_role("button", name="会話をコピー")).to_be_focused()


@pytest.mark.asyncio
async def test_copy_without_clipboard_access_falls_back_or_apologises(browser: Browser) -> None:
    await browser.page.context.clear_permissions()
    await browser.open_chat()
    await browser.page.evaluate(
        "Object.defineProperty(navigator, 'clipboard', {value: {writeText: () => Promise.reject(new Error('no'))}})"
    )
    await browser.page.evaluate("document.execCommand = () => false")
    await browser.page.get_by_role("button", name="会話をコピー").click()
    await expect(browser.page.get_by_role("status")).to_have_text(
        "申し訳ありません。会話をコピーできませんでした。お手数ですが、画面の文章を選択してコピーしてください。"
    )
