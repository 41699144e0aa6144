"""bot/channels/proxy.py's rules as a table, then the console's Secure cookies and HSTS over (trusted-proxy) HTTPS,
on the real console blueprint (Rasa's configure_app on loopback, and once over TLS with a throwaway certificate)."""

from __future__ import annotations

import re
import ssl
import subprocess
from contextlib import asynccontextmanager
from types import SimpleNamespace

import aiohttp
import pytest
from multidict import CIMultiDict

from bot.channels import proxy
from bot.channels.console.auth import ConsoleAuth
from bot.channels.console.channel import BASE, HSTS, ConsoleInput
from tests.channels.console_support import PASSWORD, USER, ConsoleAgent
from tests.fakes.sanic_server import rasa_app, serve

TRUSTED = proxy.parse_trusted("10.0.0.0/8, 192.0.2.1, 2001:db8::/32")
XFF, XFP = "X-Forwarded-For", "X-Forwarded-Proto"

# (peer, headers, client address, scheme when the direct scheme is http)
CASES = [
    ("203.0.113.9", {}, "203.0.113.9", "http"),
    ("203.0.113.9", {XFF: "198.51.100.1", XFP: "https"}, "203.0.113.9", "http"),  # untrusted peer: ignored
    ("192.0.2.1", {}, "192.0.2.1", "http"),  # a trusted proxy without headers is the client itself
    ("192.0.2.1", {XFF: "198.51.100.1", XFP: "https"}, "198.51.100.1", "https"),
    ("192.0.2.1", {XFF: "6.6.6.6, 198.51.100.1"}, "198.51.100.1", "http"),  # the left entry is the client's word
    ("192.0.2.1", {XFF: "198.51.100.1, 10.1.2.3"}, "198.51.100.1", "http"),  # skip the trusted hops
    ("192.0.2.1", {XFF: "10.9.9.9, 10.1.2.3"}, "10.9.9.9", "http"),  # all trusted: the left-most
    ("192.0.2.1", {XFF: "198.51.100.1, garbage"}, "192.0.2.1", "http"),  # not an address: stop at the proxy
    ("192.0.2.1", {XFF: "198.51.100.1:4711"}, "198.51.100.1", "http"),
    ("192.0.2.1", {XFF: "[2001:db9::1]:443"}, "2001:db9::1", "http"),
    ("2001:db8::5", {XFF: "2001:db9::1"}, "2001:db9::1", "http"),  # a trusted IPv6 network
    ("::ffff:192.0.2.1", {XFF: "198.51.100.1"}, "198.51.100.1", "http"),  # IPv4-mapped peer
    ("192.0.2.1", {XFP: "HTTPS"}, "192.0.2.1", "https"),
    ("192.0.2.1", {XFP: "https, http"}, "192.0.2.1", "http"),  # the trusted peer's own (right-most) value
    ("192.0.2.1", {XFP: "gopher"}, "192.0.2.1", "http"),
    ("192.0.2.2", {XFF: "198.51.100.1", XFP: "https"}, "192.0.2.2", "http"),  # next to a trusted one: not trusted
]


@pytest.mark.parametrize("peer, headers, address, scheme", CASES)
def test_the_rules(peer: str, headers: dict[str, str], address: str, scheme: str) -> None:
    assert proxy.client(peer, "http", headers, TRUSTED) == proxy.Client(address, scheme)


def test_direct_https_stays_https_whatever_the_headers_say() -> None:
    assert proxy.client_scheme("203.0.113.9", "https", {}, TRUSTED) == "https"
    assert proxy.client_scheme("192.0.2.1", "https", {XFP: "http"}, TRUSTED) == "https"


def test_nobody_is_trusted_by_default() -> None:
    assert proxy.trusted_from_env({}) == () and proxy.parse_trusted(" , ") == ()
    assert proxy.client("127.0.0.1", "http", {XFF: "198.51.100.1", XFP: "https"}, ()) == proxy.Client(
        "127.0.0.1", "http"
    )


@pytest.mark.parametrize("setting", ["10.0.0.0/33", "localhost", "10.0.0.1; 10.0.0.2"])
def test_a_wrong_setting_is_refused(setting: str) -> None:
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        proxy.parse_trusted(setting)


def test_the_sanic_adapter_reads_every_header_line() -> None:
    headers = CIMultiDict([("x-forwarded-for", "6.6.6.6"), ("X-Forwarded-For", "198.51.100.1"), (XFP, "https")])
    request = SimpleNamespace(ip="10.0.0.2", scheme="http", headers=headers)
    assert proxy.client_of(request, TRUSTED) == proxy.Client("198.51.100.1", "https")


# --- Secure cookies and HSTS on the console -----------------------------------------------------
@asynccontextmanager
async def console_at(trusted: str, tls: ssl.SSLContext | None = None):
    channel = ConsoleInput(ConsoleAuth(USER, PASSWORD), trusted_proxies=proxy.parse_trusted(trusted))
    app = rasa_app([channel], ConsoleAgent())
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar, connector=aiohttp.TCPConnector(ssl=False)) as http:
        if tls is None:
            async with serve(app) as url:
                yield url, http
        else:
            async with serve(app, tls) as url:
                yield url, http


async def visit(url: str, http: aiohttp.ClientSession, headers: dict[str, str]) -> list[tuple[str, list[str]]]:
    """Login page, login, a page and a static file: (HSTS header, Set-Cookie lines) of each response."""
    seen = []
    async with http.get(url + BASE + "/", headers=headers) as resp:
        body = await resp.text()
        seen.append((resp.headers.get("Strict-Transport-Security", ""), resp.headers.getall("Set-Cookie", [])))
    token = re.search(r'name="token" value="([^"]+)"', body).group(1)
    nonce = re.search(r"kc_console_login=([^;]+)", "\n".join(seen[0][1])).group(1)
    form = {"user": USER, "password": PASSWORD, "token": token, "next": ""}
    sent = {**headers, "Cookie": f"kc_console_login={nonce}"}  # as the browser does over HTTPS, even if Secure
    async with http.post(url + BASE + "/login", data=form, headers=sent, allow_redirects=False) as resp:
        assert resp.status == 303
        seen.append((resp.headers.get("Strict-Transport-Security", ""), resp.headers.getall("Set-Cookie", [])))
    async with http.get(url + BASE + "/static/console.css", headers=headers) as resp:
        seen.append((resp.headers.get("Strict-Transport-Security", ""), []))
    return seen


def cookies(seen: list[tuple[str, list[str]]]) -> list[str]:
    return [c for _, lines in seen for c in lines if c.startswith(("kc_console=", "kc_console_login="))]


@pytest.mark.parametrize(
    "trusted, headers",
    [
        ("", {}),
        ("", {XFP: "https"}),  # the peer 127.0.0.1 is not a trusted proxy: its header is ignored
        ("10.0.0.0/8", {XFP: "https"}),
        ("127.0.0.1", {XFP: "http"}),
    ],
)
async def test_no_secure_and_no_hsts_over_plain_http(temp_db, trusted: str, headers: dict[str, str]) -> None:
    async with console_at(trusted) as (url, http):
        seen = await visit(url, http, headers)
    assert [hsts for hsts, _ in seen] == ["", "", ""]
    assert len(cookies(seen)) == 2 and not any("secure" in c.lower() for c in cookies(seen))


async def test_secure_and_hsts_behind_a_trusted_tls_proxy(temp_db) -> None:
    async with console_at("127.0.0.1, ::1") as (url, http):
        seen = await visit(url, http, {XFP: "https", XFF: "198.51.100.1"})
    assert [hsts for hsts, _ in seen] == [HSTS, HSTS, HSTS] == ["max-age=31536000"] * 3
    assert len(cookies(seen)) == 2 and all("; Secure" in c for c in cookies(seen))


@pytest.fixture
def tls_context(tmp_path) -> ssl.SSLContext:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert)]
        + ["-days", "1", "-subj", "/CN=127.0.0.1"],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


async def test_secure_and_hsts_over_direct_tls(temp_db, tls_context: ssl.SSLContext) -> None:
    async with console_at("", tls=tls_context) as (url, http):
        seen = await visit(url, http, {})
    assert [hsts for hsts, _ in seen] == [HSTS] * 3
    assert len(cookies(seen)) == 2 and all("; Secure" in c for c in cookies(seen))
