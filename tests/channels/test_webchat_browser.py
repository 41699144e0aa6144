"""The web chat page in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; no download).

By default the page is served by Rasa's app with the web chat channel and the scripted bot. With
WEBCHAT_E2E_URL set (e.g. http://localhost:5005/webhooks/webchat/) the same checks run against a
real server; checks that depend on the scripted answers are then left out.
"""

from __future__ import annotations

import asyncio
import os
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
import pytest_asyncio

from bot.channels.webchat.channel import WebChatInput
from tests.fakes.bot import FakeAgent, domain_response, echo_answer
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
E2E_URL = os.environ.get("WEBCHAT_E2E_URL")
pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (make test installs Debian's chromium)", allow_module_level=True)

from playwright.async_api import Page, async_playwright, expect  # noqa: E402

expect.set_options(timeout=60_000 if E2E_URL else 15_000)

BOT = ".kc-log .kc-bot:not(.kc-typing) .kc-bubble"
USER = ".kc-log .kc-user .kc-bubble"


@dataclass
class Chat:
    page: Page
    url: str
    agent: FakeAgent | None  # None against a real server
    requested: list[str] = field(default_factory=list)

    async def open(self) -> None:
        await self.page.goto(self.url)
        await expect(self.page.locator(".kc-quick .kc-choice").first).to_be_visible()  # greeting + menu

    async def ask(self, text: str) -> None:
        await self.page.get_by_label("質問を入力").fill(text)
        await self.page.get_by_role("button", name="送信").click()

    async def answered(self, before: int) -> None:
        """Wait until the typing indicator is gone and more than ``before`` bot messages are shown."""
        await expect(self.page.locator(".kc-typing")).to_have_count(0)
        await self.page.wait_for_function("([s, n]) => document.querySelectorAll(s).length > n", arg=[BOT, before])


@pytest_asyncio.fixture
async def chat() -> Chat:
    async with AsyncExitStack() as stack:
        agent = None if E2E_URL else FakeAgent()
        if E2E_URL:
            url = E2E_URL
        else:
            base = await stack.enter_async_context(serve(rasa_app([WebChatInput()], agent)))
            url = base + "/webhooks/webchat/"
        pw = await stack.enter_async_context(async_playwright())
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        stack.push_async_callback(browser.close)
        context = await browser.new_context(viewport={"width": 1024, "height": 800}, locale="ja-JP")
        page = await context.new_page()
        page.set_default_timeout(60_000 if E2E_URL else 15_000)
        result = Chat(page, url, agent)
        page.on("request", lambda request: result.requested.append(request.url))
        yield result


@pytest.mark.asyncio
async def test_question_gets_an_answer_with_typing_indicator_link_and_line_break(chat: Chat) -> None:
    await chat.open()
    if chat.agent:
        await expect(chat.page.locator(BOT).first).to_have_text(domain_response("utter_greet")["text"])
        chat.agent.gate = asyncio.Event()  # hold the answer to see the typing indicator
    answers = await chat.page.locator(BOT).count()
    await chat.ask("協働とは何ですか")
    await expect(chat.page.locator(USER).last).to_have_text("協働とは何ですか")
    if chat.agent:
        await expect(chat.page.locator(".kc-typing")).to_be_visible()
        await expect(chat.page.get_by_role("status")).to_have_text("回答を準備しています…")
        chat.agent.gate.set()
    await chat.answered(answers)
    answer = chat.page.locator(BOT).last
    assert (await answer.inner_text()).strip()
    if chat.agent:
        assert await answer.evaluate("e => e.textContent") == echo_answer("協働とは何ですか")
        assert await answer.evaluate("e => getComputedStyle(e).whiteSpace") == "pre-wrap"
        link = answer.locator("a")
        await expect(link).to_have_attribute("href", "https://www4.city.kanazawa.lg.jp/")
        await expect(link).to_have_attribute("rel", "noopener noreferrer")
    origin = "{0.scheme}://{0.netloc}".format(urlparse(chat.url))
    assert chat.requested and all(u.startswith(origin + "/") for u in chat.requested), chat.requested


@pytest.mark.asyncio
async def test_quick_reply_sends_the_payload_and_shows_the_title(chat: Chat) -> None:
    await chat.open()
    choice = chat.page.locator(".kc-quick .kc-choice").first
    title = (await choice.inner_text()).strip()
    answers = await chat.page.locator(BOT).count()
    await choice.click()
    await expect(chat.page.locator(USER).last).to_have_text(title)
    await chat.answered(answers)
    if chat.agent:
        payload = domain_response("utter_help_menu")["buttons"][0]["payload"]
        assert chat.agent.texts[-1] == payload
        await expect(chat.page.locator(BOT).last).to_have_text(echo_answer(payload))
        await expect(chat.page.locator(".kc-quick")).to_have_count(0)  # old choices are gone


@pytest.mark.asyncio
async def test_enter_during_ime_composition_does_not_send(chat: Chat) -> None:
    await chat.open()
    box = chat.page.get_by_label("質問を入力")
    sent_before = await chat.page.locator(USER).count()
    await box.focus()
    cdp = await chat.page.context.new_cdp_session(chat.page)
    await cdp.send("Input.imeSetComposition", {"text": "きょうどう", "selectionStart": 5, "selectionEnd": 5})
    await chat.page.keyboard.press("Enter")  # a real keydown: Chromium marks it isComposing
    await cdp.send("Input.insertText", {"text": "協働"})  # the conversion is confirmed
    # (CDP's emulated IME lets that Enter add a line break, which a real IME swallows; sending trims it)
    assert (await box.input_value()).strip() == "協働"
    assert await chat.page.locator(USER).count() == sent_before
    # Safari-style orders: Enter after compositionend, flagged by isComposing or by keyCode 229
    flagged = await box.evaluate(
        """el => {
            const a = new KeyboardEvent("keydown", {key: "Enter", isComposing: true, bubbles: true, cancelable: true});
            const b = new KeyboardEvent("keydown", {key: "Enter", bubbles: true, cancelable: true});
            Object.defineProperty(b, "keyCode", {get: () => 229});
            el.dispatchEvent(a); el.dispatchEvent(b);
            return [a.defaultPrevented, b.defaultPrevented, document.querySelectorAll(".kc-user").length];
        }"""
    )
    assert flagged == [False, False, sent_before]
    assert (await box.input_value()).strip() == "協働"
    if chat.agent:
        assert "協働" not in chat.agent.texts
    await chat.page.keyboard.press("Enter")  # Enter after the conversion sends
    await expect(chat.page.locator(USER).last).to_have_text("協働")
    await expect(box).to_have_value("")


@pytest.mark.asyncio
async def test_markup_is_shown_as_text(chat: Chat) -> None:
    await chat.open()
    markup = '<b>太字</b><img src=x onerror="window.__hacked=1"><a href="javascript:alert(1)">x</a>'
    answers = await chat.page.locator(BOT).count()
    await chat.ask(markup)
    await expect(chat.page.locator(USER).last).to_have_text(markup)
    await chat.answered(answers)
    if chat.agent:
        assert await chat.page.locator(BOT).last.evaluate("e => e.textContent") == echo_answer(markup)
    assert await chat.page.locator(".kc-log b, .kc-log img, .kc-log a[href^='javascript']").count() == 0
    assert await chat.page.evaluate("window.__hacked") is None


@pytest.mark.asyncio
async def test_reload_keeps_the_conversation_and_start_over_begins_anew(chat: Chat) -> None:
    await chat.open()
    await chat.ask("交流館の場所は")
    await expect(chat.page.locator(USER).last).to_have_text("交流館の場所は")
    await expect(chat.page.locator(".kc-typing")).to_have_count(0)
    shown = "els => els.map(e => e.textContent)"
    before = await chat.page.locator(".kc-log .kc-msg").evaluate_all(shown)
    sender = await chat.page.evaluate("sessionStorage.getItem('kyodoChat.sender')")
    await chat.page.reload()
    await expect(chat.page.locator(".kc-log .kc-msg")).to_have_count(len(before))
    assert await chat.page.locator(".kc-log .kc-msg").evaluate_all(shown) == before
    assert await chat.page.evaluate("sessionStorage.getItem('kyodoChat.sender')") == sender
    await chat.ask("開館日は")
    await expect(chat.page.locator(USER).last).to_have_text("開館日は")
    if chat.agent:
        await expect(chat.page.locator(BOT).last).to_have_text(echo_answer("開館日は"))
        assert {m.sender_id for m in chat.agent.received} == {sender}
    await chat.page.get_by_role("button", name="最初からやり直す").click()
    await expect(chat.page.locator(USER)).to_have_count(0)
    await expect(chat.page.locator(".kc-quick .kc-choice").first).to_be_visible()
    fresh = await chat.page.evaluate("sessionStorage.getItem('kyodoChat.sender')")
    assert fresh and fresh != sender
    if chat.agent:
        assert (chat.agent.received[-1].text, chat.agent.received[-1].sender_id) == ("/greet", fresh)


@pytest.mark.asyncio
async def test_unreachable_server_is_reported_politely_and_keeps_the_text(chat: Chat) -> None:
    await chat.open()
    await chat.page.route("**/webhooks/webchat/webhook", lambda route: route.abort())
    sent_before = await chat.page.locator(USER).count()
    await chat.ask("登録の方法を教えて")
    alert = chat.page.get_by_role("alert")
    await expect(alert).to_contain_text("接続できませんでした")
    await expect(chat.page.get_by_label("質問を入力")).to_have_value("登録の方法を教えて")
    await expect(chat.page.locator(USER)).to_have_count(sent_before)
    await chat.page.unroute("**/webhooks/webchat/webhook")
    await chat.page.get_by_role("button", name="送信").click()
    await expect(chat.page.locator(USER).last).to_have_text("登録の方法を教えて")
    await expect(alert).to_be_hidden()


CONTRAST = """el => {
    const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = c => { const v = rgb(c).slice(0, 3).map(x => {
                         x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
    let bg = el, back = "rgb(255, 255, 255)";
    while (bg) { const c = getComputedStyle(bg).backgroundColor; const a = rgb(c);
                 if (a.length === 3 || a[3] > 0) { back = c; break; } bg = bg.parentElement; }
    const [l1, l2] = [lum(getComputedStyle(el).color), lum(back)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
}"""


@pytest.mark.asyncio
async def test_phone_width_keyboard_labels_and_contrast(chat: Chat) -> None:
    await chat.page.set_viewport_size({"width": 360, "height": 740})
    await chat.open()
    assert await chat.page.evaluate("document.documentElement.scrollWidth") <= 360
    assert await chat.page.locator(".kc-log").get_attribute("aria-live") == "polite"
    assert await chat.page.get_by_label("質問を入力").evaluate("e => e.tagName") == "TEXTAREA"
    assert await chat.page.locator(".kc-choice").first.evaluate(CONTRAST) >= 4.5
    # keyboard only: Tab reaches a choice, Enter presses it, focus comes back to the input
    focused = ""
    for _ in range(30):
        await chat.page.keyboard.press("Tab")
        focused = await chat.page.evaluate("document.activeElement.className")
        if "kc-choice" in focused:
            break
    assert "kc-choice" in focused
    title = await chat.page.evaluate("document.activeElement.textContent")
    await chat.page.keyboard.press("Enter")
    await expect(chat.page.locator(USER).last).to_have_text(title)
    await expect(chat.page.locator(".kc-typing")).to_have_count(0)
    await expect(chat.page.get_by_label("質問を入力")).to_be_focused()
    await chat.page.keyboard.type("開館日は")
    await chat.page.keyboard.press("Enter")
    await expect(chat.page.locator(USER).last).to_have_text("開館日は")
    await expect(chat.page.locator(".kc-typing")).to_have_count(0)
    assert await chat.page.evaluate("document.documentElement.scrollWidth") <= 360
    for selector in [".kc-title", ".kc-restart", ".kc-label", ".kc-send", ".kc-hint", USER, BOT]:
        ratio = await chat.page.locator(selector).first.evaluate(CONTRAST)
        assert ratio >= 4.5, (selector, ratio)
