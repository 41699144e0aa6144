"""The conversation's answer style for the actions' texts (issue 16): ``@styled`` on an action's ``run`` makes
bot.core.texts give the やさしい日本語 texts while the conversation is in the easy style."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from rasa_sdk import Tracker

from bot.core.easy_japanese import effective_style
from bot.core.texts import text_style

STYLE_SLOT = "answer_style"
Run = TypeVar("Run", bound=Callable[..., Awaitable[Any]])


def style_of(tracker: Tracker) -> str:
    user_texts = [str(e.get("text") or "") for e in tracker.events or [] if e.get("event") == "user"]
    return effective_style(tracker.get_slot(STYLE_SLOT), user_texts)


def styled(run: Run) -> Run:
    @functools.wraps(run)
    async def wrapper(self: Any, dispatcher: Any, tracker: Tracker, domain: Any) -> Any:
        with text_style(style_of(tracker)):
            return await run(self, dispatcher, tracker, domain)

    return wrapper  # type: ignore[return-value]
