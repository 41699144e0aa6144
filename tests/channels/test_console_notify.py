"""The new-request e-mail against a real local SMTP server (aiosmtpd, started here): only the number and the link,
one e-mail per request, none when NOTIFY_EMAIL or SMTP_URL is missing, and a failed send retried."""

from __future__ import annotations

import email
import socket

import pytest
from aiosmtpd.controller import Controller

from bot.channels.console.notify import Notifier
from tests.channels.console_support import add_request

CITIZEN_TEXT = "交流ホールの予約について相談したいです"
CONTACT = "090-1234-5678"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, f"smtp://127.0.0.1:{controller.port}"
    controller.stop()


def test_each_new_request_is_mailed_once_with_its_number_and_link_only(temp_db, smtp) -> None:
    inbox, url = smtp
    notifier = Notifier.from_env({"SMTP_URL": url, "NOTIFY_EMAIL": "centre@example.jp", "CONSOLE_URL": "https://c.jp/"})
    request_id = add_request(temp_db, message=CITIZEN_TEXT, contact=CONTACT)
    assert notifier.run_once() == [request_id]
    assert notifier.run_once() == []  # never twice
    (msg,) = inbox.messages
    body = msg.get_content()
    assert msg["To"] == "centre@example.jp" and str(request_id) in msg["Subject"]
    assert f"https://c.jp/webhooks/console/inbox/{request_id}" in body
    assert CITIZEN_TEXT not in body + msg["Subject"] and CONTACT not in body


def test_a_failed_send_is_retried_at_the_next_round(temp_db, smtp) -> None:
    inbox, url = smtp
    request_id = add_request(temp_db)
    down = Notifier(f"smtp://127.0.0.1:{free_port()}", "centre@example.jp")  # nobody listens there
    assert down.run_once() == []
    assert Notifier(url, "centre@example.jp").run_once() == [request_id]
    assert len(inbox.messages) == 1


@pytest.mark.parametrize("env", [{}, {"SMTP_URL": "smtp://127.0.0.1:1"}, {"NOTIFY_EMAIL": "centre@example.jp"}])
def test_no_notifier_unless_both_are_set(env) -> None:
    assert Notifier.from_env(env) is None
