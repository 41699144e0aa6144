"""Follow and unfollow (block) on LINE, against the fake Messaging API, a temp SQLite project database and Rasa's
SQL tracker store on a temp SQLite file: a follow greets with the help menu; an unfollow deletes the user's
conversations (one-on-one and as a group member) and their handoff requests, feedback and fallback log, leaves
everyone else's, answers nothing, and logs the user by a hash prefix only."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.line.channel import LineInput
from bot.channels.line.ids import user_ref
from bot.serving.tracker_store import ProjectSQLTrackerStore
from tests.channels.test_line_channel import GROUP, SECRET, TOKEN, USER, Line, event
from tests.fakes.bot import FakeAgent, domain_response
from tests.fakes.line_api import FakeLineApi
from tests.fakes.sanic_server import rasa_app, serve

OTHER = "U" + "89abcdef01234567" * 2
IN_GROUP = f"{GROUP}:{USER}"
OTHER_IN_GROUP = f"{GROUP}:{OTHER}"
SENDERS = (USER, IN_GROUP, OTHER, OTHER_IN_GROUP)


class AgentWithStore(FakeAgent):
    def __init__(self, tracker_store: FailSafeTrackerStore) -> None:
        super().__init__()
        self.tracker_store = tracker_store


@pytest_asyncio.fixture
async def line(temp_db, tmp_path) -> AsyncIterator[Line]:
    api = FakeLineApi(TOKEN)
    inner = ProjectSQLTrackerStore(domain=Domain.empty(), url=f"sqlite:///{tmp_path / 'tracker.db'}")
    channel = LineInput(SECRET, TOKEN, await api.start())
    agent = AgentWithStore(FailSafeTrackerStore(inner))
    async with aiohttp.ClientSession() as http, serve(rasa_app([channel], agent)) as url:
        yield Line(url, channel, api, agent, http)
    await api.close()
    inner.engine.dispose()


async def fill(db, store: FailSafeTrackerStore) -> None:
    for sender in SENDERS:
        events = [UserUttered("交流館の場所は", timestamp=1.0), BotUttered("ご案内します。", timestamp=2.0)]
        await store.save(DialogueStateTracker.from_events(sender, events))
        with db.session_scope() as session:
            keys = {"sender_id": sender, "channel": "line"}
            db.add_row(session, db.HandoffRequest, message=f"相談 {sender}", **keys)
            db.add_row(session, db.AnswerFeedback, helpful=False, question="交流館の場所は", **keys)
            db.add_row(session, db.FallbackTurn, text="よくわからない質問", **keys)


def kept(db) -> dict[str, list[str]]:
    with db.session_scope() as session:
        return {
            model.__tablename__: sorted(r.sender_id for r in db.recent_rows(session, model))
            for model in db.CONVERSATION_MODELS
        }


@pytest.mark.asyncio
async def test_unfollow_deletes_what_is_kept_about_that_user_only(line: Line, temp_db, caplog) -> None:
    store = line.agent.tracker_store
    await fill(temp_db, store)
    assert sorted(await store.keys()) == sorted(SENDERS) and kept(temp_db)["handoff_request"] == sorted(SENDERS)
    caplog.set_level(logging.INFO)
    assert await line.send(event("unfollow", token=None)) == 200
    assert sorted(await store.keys()) == sorted([OTHER, OTHER_IN_GROUP])
    assert await store.retrieve(USER) is None and await store.retrieve(IN_GROUP) is None
    assert kept(temp_db) == {m.__tablename__: sorted([OTHER, OTHER_IN_GROUP]) for m in temp_db.CONVERSATION_MODELS}
    assert line.agent.received == [] and line.api.requests == [] and line.api.loading == []
    [done] = [r.getMessage() for r in caplog.records if "unfollowed" in r.getMessage()]
    assert user_ref(USER) in done and "deleted 2 conversation(s)" in done
    assert "handoff_request=2" in done and "answer_feedback=2" in done and "fallback_turn=2" in done
    assert USER not in caplog.text and USER[1:] not in caplog.text


@pytest.mark.asyncio
async def test_an_unfollow_of_a_user_with_nothing_kept_deletes_nothing(line: Line, temp_db, caplog) -> None:
    store = line.agent.tracker_store
    await store.save(DialogueStateTracker.from_events(OTHER, [UserUttered("こんにちは", timestamp=1.0)]))
    caplog.set_level(logging.INFO)
    assert await line.send(event("unfollow", token=None)) == 200
    assert list(await store.keys()) == [OTHER]
    assert any("deleted 0 conversation(s) and rows" in r.getMessage() for r in caplog.records)


@pytest.mark.asyncio
async def test_a_group_leave_deletes_nothing(line: Line, temp_db) -> None:
    await fill(temp_db, line.agent.tracker_store)
    assert await line.send(event("leave", token=None, source={"type": "group", "groupId": GROUP})) == 200
    assert sorted(await line.agent.tracker_store.keys()) == sorted(SENDERS)
    assert all(rows == sorted(SENDERS) for rows in kept(temp_db).values())


def test_a_user_ref_is_a_stable_hash_prefix_not_the_id() -> None:
    assert user_ref(USER) == user_ref(USER) != user_ref(OTHER)
    assert USER not in user_ref(USER) and len(user_ref(USER)) == len("u:") + 12


@pytest.mark.asyncio
async def test_a_follow_greets_and_shows_the_help_menu_after_an_unfollow(line: Line) -> None:
    await line.send(event("unfollow", token=None))
    await line.send(event("follow", token="rt-back"))
    assert line.agent.texts == ["/greet"]
    [body] = line.replies()
    menu = domain_response("utter_help_menu")
    assert [m["text"] for m in body["messages"]] == [domain_response("utter_greet")["text"], menu["text"]]
    assert [i["action"]["data"] for i in body["messages"][-1]["quickReply"]["items"]] == [
        b["payload"] for b in menu["buttons"]
    ]


@pytest.mark.asyncio
async def test_a_failing_database_still_clears_the_conversations_and_logs_no_id(
    line: Line, temp_db, monkeypatch, caplog
) -> None:
    from bot.channels.line import forget

    def broken(sender_id: str) -> dict[str, int]:
        raise RuntimeError(f"database is locked [parameters: ('{sender_id}',)]")  # as an SQL error quotes values

    await fill(temp_db, line.agent.tracker_store)
    monkeypatch.setattr(forget, "delete_conversation_rows", broken)
    caplog.set_level(logging.INFO)
    assert await line.send(event("unfollow", token=None)) == 200
    assert sorted(await line.agent.tracker_store.keys()) == sorted([OTHER, OTHER_IN_GROUP])
    assert "could not be deleted (RuntimeError)" in caplog.text and USER[1:] not in caplog.text
