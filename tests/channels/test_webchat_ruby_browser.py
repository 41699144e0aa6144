"""やさしい日本語 (issue 16) in the web chat page: a reading written after its word, 交流館（こうりゅうかん）, shows as
<ruby> with <rt>, built as nodes (markup in a message stays text). Headless Chromium, like test_webchat_browser."""

from __future__ import annotations

import pytest

from tests.channels.test_webchat_browser import BOT, Chat, chat  # noqa: F401  (the fixture)
from tests.fakes.bot import echo_answer

pytestmark = pytest.mark.browser


@pytest.mark.asyncio
async def test_readings_are_shown_as_ruby(chat: Chat) -> None:  # noqa: F811
    if chat.agent is None:
        pytest.skip("the scripted answer quotes the question")
    await chat.open()
    answers = await chat.page.locator(BOT).count()
    question = "交流館（こうりゅうかん）の 協働（いっしょに はたらく こと）は <b>？</b>"
    await chat.ask(question)
    await chat.answered(answers)
    answer = chat.page.locator(BOT).last
    rubies = answer.locator("ruby")
    assert await rubies.count() == 1
    assert await rubies.first.evaluate("r => r.firstChild.textContent") == "交流館"
    assert await rubies.first.locator("rt").inner_text() == "こうりゅうかん"
    # the explanation (with spaces) stays text, markup stays text, and the text reads as the server sent it
    assert await answer.locator("b").count() == 0
    assert await answer.evaluate("e => e.textContent") == echo_answer(question)
