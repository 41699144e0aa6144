"""Named console accounts over HTTP: the first admin from the command, scrypt hashes, roles (a coordinator gets 403 on
the accounts, closures and audit pages), the audit log, closures that change the bot's calendar at once, the count of
new requests on every page, and CSRF on the new forms."""

from __future__ import annotations

import datetime as dt
import io
import re

import aiohttp
import pytest_asyncio

from bot.channels.console.accounts import DatabaseAccounts
from bot.channels.console.auth import ConsoleAuth
from bot.channels.console.channel import BASE, ConsoleInput
from bot.channels.console.throttle import LoginThrottle
from bot.tools import create_admin
from tests.channels.console_support import Console, ConsoleAgent, add_request
from tests.fakes.sanic_server import rasa_app, serve

ADMIN_PW, COORD_PW = "admin-pass-7Kq2x9", "coord-pass-3Mz8w1"


def make_account(monkeypatch, user: str, name: str, role: str, password: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return create_admin.main([user, "--name", name, "--role", role, "--password-stdin"])


@pytest_asyncio.fixture
async def console(temp_db, monkeypatch) -> Console:
    assert make_account(monkeypatch, "admin1", "管理 花子", "admin", ADMIN_PW) == 0
    assert make_account(monkeypatch, "coord1", "山田 太郎", "coordinator", COORD_PW) == 0
    throttle = LoginThrottle(first_delay=0.0, max_delay=0.0)  # wrong passwords below; the throttle has own tests
    app = rasa_app([ConsoleInput(ConsoleAuth("", None, accounts=DatabaseAccounts()), throttle)], ConsoleAgent())
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http, serve(app) as url:
        yield Console(url, http, ConsoleAgent(), temp_db)


async def login(console: Console, user: str, password: str) -> int:
    console.http.cookie_jar.clear()
    _, page, _ = await console.get(BASE + "/")
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    status, _, _ = await console.post(BASE + "/login", {"user": user, "password": password, "token": token})
    return status


def test_the_command_stores_a_scrypt_hash_and_refuses_a_taken_name(temp_db, monkeypatch) -> None:
    assert make_account(monkeypatch, "admin1", "管理", "admin", ADMIN_PW) == 0
    assert make_account(monkeypatch, "admin1", "別人", "admin", ADMIN_PW) == 1
    assert make_account(monkeypatch, "short", "短い", "admin", "short") == 2
    with temp_db.session_scope() as session:
        (row,) = temp_db.list_accounts(session)
        assert row.password_hash.startswith("scrypt$") and ADMIN_PW not in row.password_hash
    assert DatabaseAccounts().authenticate("admin1", ADMIN_PW).role == "admin"
    assert DatabaseAccounts().authenticate("admin1", COORD_PW) is None
    assert DatabaseAccounts().authenticate("nobody", ADMIN_PW) is None


async def test_a_coordinator_gets_403_on_the_admin_pages(console: Console) -> None:
    assert await login(console, "coord1", "wrong-password-1") == 401
    assert await login(console, "coord1", COORD_PW) == 303
    for path in ("/accounts", "/closures", "/audit"):
        status, page, _ = await console.get(BASE + path)
        assert status == 403, path
    status, page, _ = await console.get(BASE + "/inbox")
    assert status == 200 and "山田 太郎" in page and "/accounts" not in page
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    status, _, _ = await console.post(BASE + "/accounts", {"csrf": csrf, "user": "x", "name": "x", "role": "admin"})
    assert status == 403
    with console.db.session_scope() as session:
        assert [a.username for a in console.db.list_accounts(session)] == ["admin1", "coord1"]


async def test_an_admin_adds_and_removes_accounts_with_the_csrf_token(console: Console) -> None:
    assert await login(console, "admin1", ADMIN_PW) == 303
    status, page, _ = await console.get(BASE + "/accounts")
    assert status == 200 and "coord1" in page
    form = {"user": "sato", "name": "佐藤", "role": "coordinator", "password": "sato-pass-9Xy7w2"}
    assert (await console.post(BASE + "/accounts", form))[0] == 403  # no CSRF token
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    assert (await console.post(BASE + "/accounts", {**form, "csrf": csrf}))[0] == 303
    assert (await console.post(BASE + "/accounts", {"delete": "coord1", "csrf": csrf}))[0] == 303
    assert await login(console, "sato", "sato-pass-9Xy7w2") == 303
    assert await login(console, "coord1", COORD_PW) == 401  # a deleted account cannot log in
    assert await login(console, "admin1", ADMIN_PW) == 303
    _, page, _ = await console.get(BASE + "/audit")
    assert "account_added" in page and "account_deleted" in page and "sato (coordinator)" in page


async def test_claim_reply_and_close_are_in_the_audit_log_and_new_requests_are_counted(console: Console) -> None:
    request_id = add_request(console.db)
    add_request(console.db, sender="wc-another-sender-0002")
    assert await login(console, "coord1", COORD_PW) == 303
    _, page, _ = await console.get(BASE + "/ask")
    assert re.search(r'id="open-count"[^>]*>2<', page)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    await console.post(f"{BASE}/inbox/{request_id}/reply", {"csrf": csrf, "reply": "お答えします"})
    _, page, _ = await console.get(BASE + "/numbers")
    assert re.search(r'id="open-count"[^>]*>1<', page)
    await console.post(f"{BASE}/inbox/{request_id}/close", {"csrf": csrf})
    with console.db.session_scope() as session:
        entries = [(e.actor, e.action, e.target) for e in console.db.recent_audit(session)]
        (reply,) = console.db.replies_of(session, request_id)
        assert reply.author == "山田 太郎"  # signed with the display name
    assert entries[:2] == [
        ("coord1", "closed", f"request {request_id}"),
        ("山田 太郎", "replied", f"request {request_id}"),
    ]


async def test_closures_from_the_console_change_the_bots_calendar_at_once(console: Console) -> None:
    day = dt.date.today() + dt.timedelta(days=30)
    assert await login(console, "admin1", ADMIN_PW) == 303
    _, page, _ = await console.get(BASE + "/closures")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    form = {"csrf": csrf, "kind": "close", "day": day.isoformat(), "facility": "", "reason": "設備点検"}
    assert (await console.post(BASE + "/closures", form))[0] == 303
    special = console.db.load_snapshot(day, day).special
    assert {key: (d[day].is_open, d[day].reason) for key, d in special.items()} == {
        "kouryukan": (False, "設備点検"),
        "support_center": (False, "設備点検"),
    }
    _, page, _ = await console.get(BASE + "/closures")
    assert "設備点検" in page
    form = {"csrf": csrf, "kind": "remove", "day": day.isoformat(), "facility": "kouryukan"}
    assert (await console.post(BASE + "/closures", form))[0] == 303
    assert set(console.db.load_snapshot(day, day).special) == {"support_center"}
    bad = {"csrf": csrf, "kind": "close", "day": "2027-13-40"}
    assert (await console.post(BASE + "/closures", bad))[0] == 400
