"""Login throttling of the console: the rules on LoginThrottle with an injected clock, then the real console
blueprint (Rasa's configure_app on loopback) refusing a right password while throttled, with 429 and the text."""

from __future__ import annotations

import logging
import re
from contextlib import asynccontextmanager

import aiohttp
import pytest

from bot.channels import proxy
from bot.channels.console.auth import ConsoleAuth
from bot.channels.console.channel import BASE, ConsoleInput
from bot.channels.console.throttle import LoginThrottle
from bot.core.texts import text
from tests.channels.console_support import PASSWORD, USER, ConsoleAgent
from tests.fakes.sanic_server import rasa_app, serve

A, B = "203.0.113.5", "198.51.100.7"


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


# --- the rules, without HTTP --------------------------------------------------------------------
def test_each_failure_doubles_the_wait_up_to_a_minute() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock, lock_failures=100)
    waits = []
    for _ in range(9):
        assert throttle.check(USER, A) is None
        throttle.failed(USER, A)
        refusal = throttle.check(USER, A)
        waits.append(refusal.seconds)
        assert not refusal.locked
        clock.now += refusal.seconds - 0.5
        assert throttle.check(USER, A) is not None  # half a second early: still refused
        clock.now += 0.5
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_ten_failures_in_fifteen_minutes_lock_out_for_fifteen_minutes() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for _ in range(10):
        clock.now += 61  # always past the wait
        assert throttle.check(USER, A) is None
        throttle.failed(USER, A)
    refusal = throttle.check(USER, A)
    assert refusal.locked and refusal.seconds == 900
    assert refusal.message() == text("console.login_locked", minutes=15) and "15分" in refusal.message()
    clock.now += 899
    assert throttle.check(USER, B).locked  # the user is locked from any address
    assert throttle.check("someone-else", A).locked  # and the address for any user
    clock.now += 1
    assert throttle.check(USER, A) is None


def test_failures_older_than_the_window_do_not_count_towards_the_lock_out() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for _ in range(9):
        throttle.failed(USER, A)
        clock.now += 120  # 9 failures over 18 minutes: never 10 within 15
    throttle.failed(USER, A)  # the 10th: only the 7 of the last 15 minutes count
    refusal = throttle.check(USER, A)
    assert not refusal.locked and refusal.seconds == 60


def test_a_success_clears_the_user_and_the_address() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for _ in range(5):
        throttle.failed(USER, A)
    clock.now += 60
    throttle.succeeded(USER, A)
    throttle.failed(USER, A)
    assert throttle.check(USER, A).seconds == 1  # back to the first delay, not 32 s
    assert len(throttle) == 2


def test_other_users_and_addresses_are_not_throttled() -> None:
    throttle = LoginThrottle(clock=Clock())
    throttle.failed("intruder", A)
    assert throttle.check("intruder", A) is not None
    assert throttle.check("intruder", B) is not None  # the user name, from anywhere
    assert throttle.check(USER, A) is not None  # the address, for anyone
    assert throttle.check(USER, B) is None


def test_the_state_is_bounded() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock, max_entries=50)
    for n in range(200):
        throttle.failed(f"user-{n}", f"10.0.{n // 250}.{n % 250}")
        clock.now += 0.01
    assert len(throttle) <= 50
    assert throttle.check("user-199", "10.0.0.199") is not None  # the newest are kept


def test_failures_and_refusals_are_logged_without_the_password(caplog: pytest.LogCaptureFixture) -> None:
    throttle = LoginThrottle(clock=Clock())
    with caplog.at_level(logging.WARNING, logger="bot.channels.console.throttle"):
        throttle.failed("intruder", A)
        throttle.check("intruder", A)
    messages = [r.getMessage() for r in caplog.records]
    assert any("failed login" in m and "'intruder'" in m and A in m for m in messages)
    assert any("throttled" in m and "'intruder'" in m and A in m for m in messages)


# --- the console over HTTP ----------------------------------------------------------------------
@asynccontextmanager
async def console_at(clock: Clock, trusted: str = "127.0.0.1"):
    """The console with a throttle on ``clock``, behind a trusted proxy on loopback: (url, http session)."""
    channel = ConsoleInput(
        ConsoleAuth(USER, PASSWORD), throttle=LoginThrottle(clock=clock), trusted_proxies=proxy.parse_trusted(trusted)
    )
    app = rasa_app([channel], ConsoleAgent())
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http, serve(app) as url:
        yield url, http


async def login(url: str, http: aiohttp.ClientSession, password: str, user: str = USER, client: str = A):
    """The login form as a browser behind the proxy fills it, from ``client``: (status, body, headers)."""
    headers = {"X-Forwarded-For": client}
    async with http.get(url + BASE + "/", headers=headers) as resp:
        token = re.search(r'name="token" value="([^"]+)"', await resp.text()).group(1)
    form = {"user": user, "password": password, "token": token, "next": ""}
    async with http.post(url + BASE + "/login", data=form, headers=headers, allow_redirects=False) as resp:
        return resp.status, await resp.text(), resp.headers


async def test_five_wrong_passwords_then_the_right_one_is_refused_until_the_wait_is_over(
    temp_db, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()
    async with console_at(clock) as (url, http):
        statuses = []
        with caplog.at_level(logging.WARNING, logger="bot.channels.console.throttle"):
            for _ in range(5):
                statuses.append((await login(url, http, "wrong-password"))[0])
                clock.now += 0.02  # all within a tenth of a second
            status, body, headers = await login(url, http, PASSWORD)
        assert statuses == [401, 429, 429, 429, 429]  # only the first wrong password was even checked
        assert status == 429 and headers["Retry-After"] == "1"
        assert text("console.login_throttled", seconds=1) in body and 'name="password"' in body
        assert "kc_console=" not in "".join(headers.getall("Set-Cookie", []))
        assert "wrong-password" not in caplog.text and PASSWORD not in caplog.text
        assert f"'{USER}' from {A}" in caplog.text

        clock.now += 1  # the wait is over: the right password is accepted
        status, _, headers = await login(url, http, PASSWORD)
        assert status == 303 and headers["Location"] == BASE + "/ask"
        async with http.get(url + BASE + "/inbox") as resp:
            assert resp.status == 200


async def test_ten_failures_lock_the_login_out_for_fifteen_minutes(temp_db) -> None:
    clock = Clock()
    async with console_at(clock) as (url, http):
        for _ in range(10):
            assert (await login(url, http, "wrong-password"))[0] == 401
            clock.now += 61
        status, body, headers = await login(url, http, PASSWORD, client=B)  # the user is locked from B too
        assert status == 429 and headers["Retry-After"] == str(15 * 60 - 61)  # 15 minutes from the 10th failure
        assert text("console.login_locked", minutes=14) in body
        clock.now += 15 * 60 - 62
        assert (await login(url, http, PASSWORD, client=B))[0] == 429
        clock.now += 1
        assert (await login(url, http, PASSWORD, client=B))[0] == 303


async def test_a_throttled_address_does_not_throttle_another_address_for_another_user(temp_db) -> None:
    clock = Clock()
    async with console_at(clock) as (url, http):
        assert (await login(url, http, "guess-1", user="admin", client=A))[0] == 401
        assert (await login(url, http, "guess-2", user="root", client=A))[0] == 429  # A waits, whoever it claims
        assert (await login(url, http, PASSWORD, user=USER, client=B))[0] == 303


async def test_an_untrusted_peer_cannot_dodge_the_throttle_with_x_forwarded_for(temp_db) -> None:
    clock = Clock()
    async with console_at(clock, trusted="") as (url, http):  # no trusted proxy: the peer 127.0.0.1 is the client
        assert (await login(url, http, "guess-1", user="admin", client=A))[0] == 401
        assert (await login(url, http, PASSWORD, user=USER, client=B))[0] == 429
