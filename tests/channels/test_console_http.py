"""The coordinator console over HTTP (Rasa's own configure_app on loopback): login, 401, CSRF, escaping, inbox."""

from __future__ import annotations

import pytest

from bot.channels.console.channel import BASE
from tests.channels.console_support import PASSWORD, SCRIPT, SENDER, USER, Console, add_request

PAGES = ["/", "/ask", "/inbox", "/inbox/1", "/improve", "/numbers"]
POSTS = ["/ask", "/inbox/1/claim", "/inbox/1/close", "/conversations/delete", "/improve/export", "/logout"]


@pytest.mark.asyncio
async def test_every_page_and_api_answers_401_without_login(console: Console) -> None:
    request_id = add_request(console.db)
    assert request_id == 1
    for path in PAGES:
        status, body, headers = await console.get(BASE + path)
        assert status == 401, path
        assert 'name="password"' in body and "交流ホール" not in body
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    status, body, _ = await console.get(BASE + "/api/handoffs")
    assert status == 401 and "交流ホール" not in body
    for path in POSTS:
        status, body, _ = await console.post(BASE + path, {"sender": SENDER, "csrf": "x", "q": "協働とは"})
        assert status == 401, path
    with console.db.session_scope() as session:
        assert session.get(console.db.HandoffRequest, request_id).status == "open"
    assert console.agent.asked == []


@pytest.mark.asyncio
async def test_wrong_password_or_missing_login_token_is_refused(console: Console) -> None:
    assert await console.login("wrong") == 401
    status, _, _ = await console.post(BASE + "/login", {"user": USER, "password": PASSWORD, "token": "forged"})
    assert status == 401
    status, _, _ = await console.get(BASE + "/inbox")
    assert status == 401


@pytest.mark.asyncio
async def test_login_sets_a_strict_http_only_cookie(console: Console) -> None:
    status, headers = await console.login_to(PASSWORD, next_url=BASE + "/numbers")
    assert status == 303 and headers["Location"] == BASE + "/numbers"
    cookie = [c for c in headers.get("Set-Cookie", "").split("\n") if c.startswith("kc_console=")][0]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and f"Path={BASE}" in cookie
    status, _, _ = await console.get(BASE + "/numbers")
    assert status == 200


@pytest.mark.asyncio
async def test_login_does_not_redirect_elsewhere(console: Console) -> None:
    status, headers = await console.login_to(PASSWORD, next_url="https://evil.example/")
    assert status == 303 and headers["Location"] == BASE + "/ask"


@pytest.mark.asyncio
async def test_stored_script_is_shown_as_text(console: Console) -> None:
    transcript = [{"who": "user", "text": SCRIPT, "at": "2026-11-28T12:00:00"}, {"who": "bot", "text": "…", "at": ""}]
    request_id = add_request(
        console.db, message=SCRIPT, contact='"><img src=x onerror=alert(1)>', transcript=transcript
    )
    with console.db.session_scope() as session:
        console.db.add_row(session, console.db.FallbackTurn, sender_id=SENDER, channel="line", text=SCRIPT)
    assert await console.login() == 303
    for path in (BASE + "/inbox", f"{BASE}/inbox/{request_id}", BASE + "/improve"):
        status, body, _ = await console.get(path)
        assert status == 200
        assert SCRIPT not in body and "<img src=x" not in body, path
        assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in body, path


@pytest.mark.asyncio
async def test_claim_and_close_with_the_csrf_token(console: Console) -> None:
    request_id = add_request(console.db)
    assert await console.login() == 303
    token = await console.csrf()
    status, _, headers = await console.post(f"{BASE}/inbox/{request_id}/claim", {"csrf": token})
    assert status == 303 and headers["Location"] == f"{BASE}/inbox/{request_id}"
    with console.db.session_scope() as session:
        row = session.get(console.db.HandoffRequest, request_id)
        assert (row.status, row.claimed_by) == ("claimed", USER)
    status, body, _ = await console.get(f"{BASE}/inbox/{request_id}")
    assert "対応中" in body and "/claim" not in body
    status, _, _ = await console.post(f"{BASE}/inbox/{request_id}/claim", {"csrf": token})
    assert status == 409
    status, _, _ = await console.post(
        f"{BASE}/inbox/{request_id}/close",
        {"csrf": token},
    )
    assert status == 303
    with console.db.session_scope() as session:
        assert session.get(console.db.HandoffRequest, request_id).status == "closed"
    status, body, _ = await console.get(BASE + "/api/handoffs?status=closed")
    assert status == 200 and f'"id":{request_id}' in body.replace(" ", "")


@pytest.mark.asyncio
@pytest.mark.parametrize("token", [None, "", "forged-token"])
async def test_state_changes_without_the_csrf_token_are_refused(console: Console, token: str | None) -> None:
    request_id = add_request(console.db)
    assert await console.login() == 303
    data = {} if token is None else {"csrf": token}
    for path in (f"{BASE}/inbox/{request_id}/claim", f"{BASE}/inbox/{request_id}/close"):
        status, _, _ = await console.post(path, data)
        assert status == 403
    status, _, _ = await console.post(BASE + "/conversations/delete", {**data, "sender": SENDER})
    assert status == 403
    with console.db.session_scope() as session:
        assert session.get(console.db.HandoffRequest, request_id).status == "open"
    status, _, _ = await console.post(
        f"{BASE}/inbox/{request_id}/claim", {}, headers={"X-CSRF-Token": await console.csrf()}
    )
    assert status == 303


@pytest.mark.asyncio
async def test_inbox_filters_by_status_channel_and_date(console: Console) -> None:
    import datetime as dt

    first = add_request(console.db, message="ウェブからの依頼", channel="webchat")
    second = add_request(console.db, message="LINEからの依頼", channel="line", sender="U" + "0" * 32)
    with console.db.session_scope() as session:
        session.get(console.db.HandoffRequest, first).created_at = dt.datetime(2026, 11, 1, 3, 0)  # 12:00 in Tokyo
        session.get(console.db.HandoffRequest, second).created_at = dt.datetime(2026, 11, 20, 16, 0)  # 11/21 01:00
    assert await console.login() == 303
    cases = [
        ("", ["LINEからの依頼", "ウェブからの依頼"]),
        ("?channel=line", ["LINEからの依頼"]),
        ("?from=2026-11-21", ["LINEからの依頼"]),
        ("?to=2026-11-20", ["ウェブからの依頼"]),
        ("?status=closed", []),
        ("?from=not-a-date", ["LINEからの依頼", "ウェブからの依頼"]),
    ]
    for query, expected in cases:
        status, body, _ = await console.get(BASE + "/inbox" + query)
        assert status == 200
        assert [m for m in ("LINEからの依頼", "ウェブからの依頼") if m in body] == expected, query


@pytest.mark.asyncio
async def test_transcript_shows_the_conversation_before_and_after(console: Console) -> None:
    transcript = [
        {"who": "user", "text": "交流ホールは予約できますか", "at": "2026-11-28T03:00:00"},
        {"who": "bot", "text": "すみません、ご質問の意味を確かめさせてください。", "at": "2026-11-28T03:00:01"},
    ]
    request_id = add_request(console.db, transcript=transcript)
    with console.db.session_scope() as session:
        console.db.add_handoff_followup(session, request_id, "user", "まだですか")
    assert await console.login() == 303
    status, body, _ = await console.get(f"{BASE}/inbox/{request_id}")
    assert status == 200
    for text in (
        "交流ホールは予約できますか",
        "すみません、ご質問の意味を確かめさせてください。",
        "まだですか",
        "2026-11-28 12:00",
        "090-1234-5678",
        SENDER,
    ):
        assert text in body
    status, _, _ = await console.get(f"{BASE}/inbox/{request_id + 100}")
    assert status == 404


@pytest.mark.asyncio
async def test_logout_ends_the_session(console: Console) -> None:
    assert await console.login() == 303
    status, _, _ = await console.post(BASE + "/logout", {"csrf": await console.csrf()})
    assert status == 303
    status, _, _ = await console.get(BASE + "/inbox")
    assert status == 401


def test_the_console_is_registered_in_credentials() -> None:
    from pathlib import Path

    import yaml

    channels = yaml.safe_load((Path(__file__).resolve().parents[2] / "credentials.yml").read_text(encoding="utf-8"))
    assert "bot.channels.console.channel.ConsoleInput" in channels
