"""The coordinator console's accessibility in headless Chromium: axe-core (WCAG 2.0/2.1 A and AA) at 360 px and
1280 px on the login page and on every page behind it, found from the console's own routes (so a page added
later is audited too), and a Tab walk on each (visible focus, no trap). See tests/channels/a11y_support.py."""

from __future__ import annotations

import os
from contextlib import AsyncExitStack
from typing import Any

import pytest

from bot.channels.console.auth import ConsoleAuth
from bot.channels.console.channel import BASE, ConsoleInput
from tests.channels.a11y_support import (
    ARGS,
    CHROMIUM,
    audit_at_widths,
    axe_source,
    invisible_focus,
    shift_tab_returns,
    tab_walk,
)
from tests.channels.console_support import PASSWORD, SENDER, USER, ConsoleAgent
from tests.fakes.sanic_server import rasa_app, serve

pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (make test installs Debian's chromium)", allow_module_level=True)

from playwright.async_api import Page, async_playwright, expect  # noqa: E402

expect.set_options(timeout=15_000)
NOT_PAGES = ("/static/", "/api/", ".csv")  # .csv: a download, not a page


def seed(db: Any) -> int:
    """A handoff request with a transcript and a follow-up, a fallback turn and a 👎: every page has content."""
    with db.session_scope() as session:
        request_id = db.add_row(
            session,
            db.HandoffRequest,
            sender_id=SENDER,
            channel="webchat",
            contact="090-1234-5678",
            message="交流ホールの予約について相談したいです",
            transcript=[
                {"who": "user", "text": "交流ホールは予約できますか", "at": "2026-11-28T03:00:00"},
                {"who": "bot", "text": "予約のうえ利用できます。", "at": "2026-11-28T03:00:01"},
            ],
            followups=[{"who": "user", "text": "夜も使えますか", "at": "2026-11-28T03:05:00"}],
        ).id
        db.add_row(session, db.FallbackTurn, sender_id=SENDER, channel="webchat", text="交流ホールを夜に借りたい")
        db.add_row(
            session,
            db.AnswerFeedback,
            sender_id=SENDER,
            channel="webchat",
            question="サポートセンターの電話番号",
            answer_key="faq/support_center_contact",
            helpful=False,
        )
    return int(request_id)


def console_pages(app: Any, request_id: int) -> list[str]:
    """Every GET page of the console (its routes, less the redirecting home, the files and the JSON API)."""
    paths = []
    for route in app.router.routes:
        path = "/" + route.path
        if "GET" not in route.methods or not path.startswith(BASE + "/") or any(p in path for p in NOT_PAGES):
            continue
        path = path.replace("<request_id:int>", str(request_id))
        assert "<" not in path, f"{path}: a console page this audit cannot open yet; teach console_pages()"
        paths.append(path)
    return sorted(paths)


async def keyboard_problems(page: Page) -> list[str]:
    stops = await tab_walk(page, limit=200)
    problems = [f"focus not visible: {key}" for key in invisible_focus(stops)]
    if not stops:
        problems.append("nothing to Tab to")
    elif not await shift_tab_returns(page, stops):
        problems.append("Shift+Tab does not go back")
    return problems


@pytest.mark.asyncio
async def test_console_login_and_every_page_behind_it_have_no_wcag_violations(temp_db) -> None:
    axe = axe_source()
    request_id = seed(temp_db)
    app = rasa_app([ConsoleInput(ConsoleAuth(USER, PASSWORD))], ConsoleAgent())
    found: dict[str, Any] = {}
    keys: dict[str, list[str]] = {}
    async with AsyncExitStack() as stack:
        base = await stack.enter_async_context(serve(app))
        pw = await stack.enter_async_context(async_playwright())
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        stack.push_async_callback(browser.close)
        context = await browser.new_context(bypass_csp=True, locale="ja-JP", viewport={"width": 1280, "height": 800})
        page = await context.new_page()
        page.set_default_timeout(15_000)

        first = await page.goto(base + BASE + "/")
        assert first.status == 401
        assert "'unsafe-inline'" not in (await first.all_headers()).get("content-security-policy", "")
        found.update(await audit_at_widths(page, axe, "login"))
        keys["login"] = await keyboard_problems(page)
        await page.get_by_label("ユーザー名").fill(USER)
        await page.get_by_label("パスワード").fill(PASSWORD)
        await page.get_by_role("button", name="ログイン").click()
        await expect(page.get_by_role("button", name="ログアウト")).to_be_visible()

        pages = console_pages(app, request_id)
        for name in ("/ask", "/inbox", f"/inbox/{request_id}", "/improve", "/numbers"):
            assert BASE + name in pages, pages
        for path in pages:
            resp = await page.goto(base + path)
            assert resp.status == 200, path
            found.update(await audit_at_widths(page, axe, path))
            keys[path] = await keyboard_problems(page)

        await page.goto(base + BASE + "/ask")  # the ask page with its answers
        await page.get_by_label("質問").fill("サポートセンターの電話番号は")
        await page.get_by_role("button", name="回答を見る").click()
        await expect(page.get_by_role("heading", name="回答の候補")).to_be_visible()
        found.update(await audit_at_widths(page, axe, "ask with answers"))
        keys["ask with answers"] = await keyboard_problems(page)

        await page.goto(base + BASE + "/improve")  # the export page: NLU YAML from a chosen question
        await page.locator("input[name=ref]").first.check()
        await page.get_by_label("書き出し先の意図（intent）").select_option(index=1)
        await page.get_by_role("button", name="NLU YAML を作る").click()
        await page.wait_for_load_state()
        found.update(await audit_at_widths(page, axe, "export"))
        keys["export"] = await keyboard_problems(page)

    assert found == {}
    assert {view: problems for view, problems in keys.items() if problems} == {}
