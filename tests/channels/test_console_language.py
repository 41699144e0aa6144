"""The coordinator console names the language and style a conversation was answered in (issue 16)."""

from __future__ import annotations

import pytest
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.console.trackers import conversation_language
from tests.fakes.styled_bot import full_domain


@pytest.fixture(scope="module")
def domain() -> Domain:
    return full_domain()


async def stored(domain: Domain, *events) -> InMemoryTrackerStore:
    tracker_store = InMemoryTrackerStore(domain)
    await tracker_store.save(DialogueStateTracker.from_events("c1", list(events), slots=domain.slots))
    return tracker_store


@pytest.mark.asyncio
async def test_the_request_page_names_language_and_style(domain) -> None:
    plain = await stored(domain, UserUttered("交流館の住所は？"))
    assert await conversation_language(plain, "c1") == "日本語（ふつうの日本語）"
    simple = await stored(domain, UserUttered("こうりゅうかん の じゅうしょ を おしえて ください"))
    assert await conversation_language(simple, "c1") == "日本語（やさしい日本語）"
    chosen = await stored(domain, UserUttered("やさしい日本語で"), SlotSet("answer_style", "easy"))
    assert await conversation_language(chosen, "c1") == "日本語（やさしい日本語）"
    english = await stored(domain, UserUttered("Where is it?"), SlotSet("message_language", "en"))
    assert await conversation_language(english, "c1") == "英語"
    assert await conversation_language(plain, "nobody") == ""
    assert await conversation_language(None, "c1") == ""
