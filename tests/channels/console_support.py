"""Support for the console HTTP tests: a scripted agent, a logged-in client, and handoff rows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest_asyncio

from bot.channels.console.auth import ConsoleAuth
from bot.channels.console.channel import BASE, ConsoleInput
from tests.fakes.sanic_server import rasa_app, serve

USER, PASSWORD = "coordinator", "pw-Test-9f3k2"
SENDER = "wc-3f1c8a2e-5b7d-4e9a-8c6f-0d2b4a6c8e10"
SCRIPT = "<script>window.__pwned = 1</script>"


class ConsoleAgent:
    """What the console uses of Rasa's Agent: parse_message, domain.responses and tracker_store."""

    def __init__(self) -> None:
        from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
        from rasa.shared.core.domain import Domain

        self.domain = Domain.from_dict(
            {
                "responses": {
                    "utter_faq/support_center_contact": [
                        {"text": "TEL 076-225-7763\n（出典：協働ハンドブック Ⅲ-02 金沢市市民活動サポートセンター）"}
                    ],
                    "utter_faq/kouryukan_contact": [{"text": "交流館 TEL 076-255-0162 <b>"}],
                    "utter_greet": [{"text": "こんにちは。"}],
                }
            }
        )
        self.tracker_store = FailSafeTrackerStore(InMemoryTrackerStore(self.domain))
        self.asked: list[str] = []

    async def parse_message(self, text: str) -> dict[str, Any]:
        self.asked.append(text)
        return {
            "text": text,
            "intent": {"name": "faq", "confidence": 0.9},
            "intent_ranking": [{"name": "faq", "confidence": 0.9}, {"name": "greet", "confidence": 0.1}],
            "response_selector": {
                "faq": {
                    "ranking": [
                        {"intent_response_key": "faq/support_center_contact", "confidence": 0.7},
                        {"intent_response_key": "faq/kouryukan_contact", "confidence": 0.3},
                    ]
                }
            },
        }


@dataclass
class Console:
    url: str
    http: aiohttp.ClientSession
    agent: ConsoleAgent
    db: Any

    async def get(self, path: str) -> tuple[int, str, dict[str, str]]:
        async with self.http.get(self.url + path, allow_redirects=False) as resp:
            return resp.status, await resp.text(), dict(resp.headers)

    async def post(
        self, path: str, data: dict[str, Any], headers: dict[str, str] | None = None
    ) -> tuple[int, str, dict[str, str]]:
        async with self.http.post(self.url + path, data=data, headers=headers, allow_redirects=False) as resp:
            return resp.status, await resp.text(), dict(resp.headers)

    async def login(self, password: str = PASSWORD) -> int:
        status, _ = await self.login_to(password, next_url="")
        return status

    async def login_to(self, password: str, next_url: str):
        """The login form as a browser fills it: its token from the page, then ``next``. (status, headers)."""
        _, page, _ = await self.get(BASE + "/")
        token = re.search(r'name="token" value="([^"]+)"', page).group(1)
        status, _, headers = await self.post(
            BASE + "/login", {"user": USER, "password": password, "token": token, "next": next_url}
        )
        return status, headers

    async def csrf(self) -> str:
        _, page, _ = await self.get(BASE + "/ask")
        return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


@pytest_asyncio.fixture
async def console(temp_db) -> Console:
    agent = ConsoleAgent()
    app = rasa_app([ConsoleInput(ConsoleAuth(USER, PASSWORD))], agent)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http, serve(app) as url:
        yield Console(url, http, agent, temp_db)


def add_request(
    db,
    message: str = "交流ホールの予約について相談したいです",
    sender: str = SENDER,
    channel: str = "webchat",
    contact: str | None = "090-1234-5678",
    transcript: list | None = None,
) -> int:
    with db.session_scope() as session:
        return db.add_row(
            session,
            db.HandoffRequest,
            sender_id=sender,
            channel=channel,
            message=message,
            contact=contact,
            transcript=transcript or [],
        ).id
