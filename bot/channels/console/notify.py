"""The new-request e-mail: when NOTIFY_EMAIL and SMTP_URL are both set, each new handoff request is announced by
e-mail holding only its number and a link to it in the console (never the citizen's text or contact).

The console's server checks every NOTIFY_SECONDS (default 20) for requests of the last day without an e-mail
(table handoff_notice, one row per request, so several replicas send one e-mail). A failed send is retried at the
next round. ``SMTP_URL``: ``smtp://[user:password@]host[:port]`` (``?starttls=1`` to upgrade) or ``smtps://...``.
``CONSOLE_URL``: the console's public address for the link (default http://localhost:5005).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from sanic import Blueprint
from sqlalchemy.exc import IntegrityError

from bot import db
from bot.core.texts import text

logger = logging.getLogger(__name__)

BASE = "/webhooks/console"
DEFAULT_CONSOLE_URL = "http://localhost:5005"
LOOK_BACK = dt.timedelta(days=1)


def notice(request_id: int, link: str, sender: str, to: str) -> EmailMessage:
    """The e-mail for one request: its number and link only."""
    msg = EmailMessage()
    msg["Subject"] = text("console.notify_subject", request_id=request_id)
    msg["From"], msg["To"] = sender, to
    msg.set_content(text("console.notify_body", request_id=request_id, link=link))
    return msg


@dataclass
class Notifier:
    smtp_url: str
    to: str
    console_url: str = DEFAULT_CONSOLE_URL
    interval: float = 20.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Notifier | None:
        smtp_url, to = environ.get("SMTP_URL", "").strip(), environ.get("NOTIFY_EMAIL", "").strip()
        if not smtp_url or not to:
            return None
        url = (environ.get("CONSOLE_URL") or DEFAULT_CONSOLE_URL).rstrip("/")
        return cls(smtp_url, to, url, float(environ.get("NOTIFY_SECONDS") or 20))

    def link(self, request_id: int) -> str:
        return f"{self.console_url}{BASE}/inbox/{request_id}"

    def send(self, msg: EmailMessage) -> None:
        url = urlsplit(self.smtp_url)
        secure = url.scheme == "smtps"
        client = smtplib.SMTP_SSL if secure else smtplib.SMTP
        with client(url.hostname or "localhost", url.port or (465 if secure else 25), timeout=15) as smtp:
            if parse_qs(url.query).get("starttls") == ["1"]:
                smtp.starttls()
            if url.username:
                smtp.login(unquote(url.username), unquote(url.password or ""))
            smtp.send_message(msg)

    def run_once(self, now: dt.datetime | None = None) -> list[int]:
        """Send the e-mails due; the request numbers announced."""
        since = (now or db.utcnow()) - LOOK_BACK
        with db.session_scope() as session:
            due = db.unnoticed_requests(session, since)
        sent = []
        for request_id in due:
            try:
                with db.session_scope() as session:
                    db.claim_notice(session, request_id)
            except IntegrityError:  # another replica has it
                continue
            try:
                self.send(notice(request_id, self.link(request_id), f"kyodo-bot@{_domain(self.to)}", self.to))
                sent.append(request_id)
            except (OSError, smtplib.SMTPException):
                logger.exception("console: the new-request e-mail for request %s failed; retried later", request_id)
                with db.session_scope() as session:
                    db.release_notice(session, request_id)
        return sent

    async def run(self) -> None:
        while True:
            try:
                await asyncio.to_thread(self.run_once)
            except Exception:  # noqa: BLE001 - the database may be back at the next round
                logger.exception("console: checking for new requests to announce failed")
            await asyncio.sleep(self.interval)


def _domain(address: str) -> str:
    return address.rpartition("@")[2] or "localhost"


def add_listener(bp: Blueprint, notifier: Notifier | None) -> None:
    """Run ``notifier`` in the background of the server that serves the console (nothing when it is None)."""
    if notifier is None:
        return

    @bp.listener("after_server_start")
    async def start_notifier(app: Any, loop: Any) -> None:
        app.add_task(notifier.run())
