"""The console on the persistent tracker store (SQLite and PostgreSQL): 「この会話のデータを削除」 removes the
conversation from the store for good, and the numbers count every conversation kept (one query)."""

from __future__ import annotations

import aiohttp
import pytest
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.console import trackers
from bot.channels.console.auth import ConsoleAuth
from bot.channels.console.channel import BASE, ConsoleInput
from bot.serving.tracker_store import ProjectSQLTrackerStore
from tests.channels.console_support import PASSWORD, SENDER, USER, Console, ConsoleAgent, add_request
from tests.fakes.sanic_server import rasa_app, serve

OTHER = "wc-someone-else-0000"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
async def sql_console(temp_db, store_url):
    agent = ConsoleAgent()
    store = ProjectSQLTrackerStore(domain=agent.domain, url=store_url)
    agent.tracker_store = FailSafeTrackerStore(store)
    app = rasa_app([ConsoleInput(ConsoleAuth(USER, PASSWORD))], agent)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http, serve(app) as url:
        yield Console(url, http, agent, temp_db), store
    store.engine.dispose()


def conversation(sender: str, turns: int) -> DialogueStateTracker:
    events = []
    for i in range(turns):
        events += [
            UserUttered(f"質問{i}", {"name": "greet", "confidence": 1.0}),
            ActionExecuted("utter_greet"),
            BotUttered("こんにちは。"),
            ActionExecuted("action_listen"),
        ]
    return DialogueStateTracker.from_events(sender, events)


async def test_delete_removes_the_conversation_from_the_persistent_store(sql_console):
    console, store = sql_console
    for sender, turns in ((SENDER, 2), (OTHER, 3)):
        await store.save(conversation(sender, turns))
    add_request(console.db)
    assert await console.login() == 303
    status, body, _ = await console.post(
        BASE + "/conversations/delete", {"csrf": await console.csrf(), "sender": SENDER}
    )
    assert status == 200 and "引き継ぎ依頼：1件" in body and "からも、この会話を削除しました" in body
    assert await store.retrieve(SENDER) is None
    assert len((await store.retrieve(OTHER)).events) == 12
    assert sorted(await store.keys()) == [OTHER]


async def test_numbers_count_every_conversation_kept(sql_console):
    console, store = sql_console
    for sender, turns in ((SENDER, 2), (OTHER, 3)):
        await store.save(conversation(sender, turns))
    turns = await trackers.collect_turns(console.agent.tracker_store)
    assert len(turns) == 5 and {t.intent for t in turns} == {"greet"}
    assert trackers.tracker_store_kind(console.agent.tracker_store) == "ProjectSQLTrackerStore"
