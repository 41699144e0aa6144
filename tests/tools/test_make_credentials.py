"""credentials.yml and bot/make_credentials.py: rest and webchat always, LINE only with its secret and token."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.core.channels.rest import RestInput
from rasa.core.run import create_http_input_channels
from rasa.shared.exceptions import RasaException

from bot.channels.console.channel import ConsoleInput
from bot.channels.line.channel import LineInput
from bot.channels.rest.channel import ProjectRestInput
from bot.channels.webchat.channel import WebChatInput
from bot.tools.make_credentials import LINE_CHANNEL, effective_credentials, main

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "environ, with_line",
    [
        ({}, False),
        ({"LINE_CHANNEL_SECRET": "s"}, False),
        ({"LINE_CHANNEL_ACCESS_TOKEN": "t"}, False),
        ({"LINE_CHANNEL_SECRET": " ", "LINE_CHANNEL_ACCESS_TOKEN": "t"}, False),
        ({"LINE_CHANNEL_SECRET": "s", "LINE_CHANNEL_ACCESS_TOKEN": "t"}, True),
    ],
)
def test_line_is_enabled_only_with_secret_and_token(environ, with_line: bool) -> None:
    channels = effective_credentials({"rest": None, "bot.channels.webchat.channel.WebChatInput": None}, environ)
    assert ("rest" in channels, "bot.channels.webchat.channel.WebChatInput" in channels) == (True, True)
    assert (LINE_CHANNEL in channels) is with_line


@pytest.mark.parametrize("with_line", [False, True])
def test_generated_file_builds_the_channels_in_rasa(tmp_path, monkeypatch, with_line: bool) -> None:
    for name in ("LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN", "LINE_API_BASE"):
        monkeypatch.delenv(name, raising=False)
    if with_line:
        monkeypatch.setenv("LINE_CHANNEL_SECRET", "secret-not-in-file")
        monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", "token-not-in-file")
    out = tmp_path / "var" / "credentials.yml"
    assert main([str(out), "--base", str(ROOT / "credentials.yml")]) == 0
    text = out.read_text(encoding="utf-8")
    assert "secret-not-in-file" not in text and "token-not-in-file" not in text
    channels = create_http_input_channels(None, str(out))
    expected = [ProjectRestInput, WebChatInput, ConsoleInput] + ([LineInput] if with_line else [])
    assert [type(c) for c in channels] == expected
    assert [c.name() for c in channels] == ["rest", "webchat", "console"] + (["line"] if with_line else [])
    assert isinstance(channels[0], RestInput) and channels[0].max_message_chars == 1000


def test_line_channel_refuses_to_start_without_its_settings(monkeypatch) -> None:
    monkeypatch.delenv("LINE_CHANNEL_SECRET", raising=False)
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", "t")
    with pytest.raises(RasaException):
        LineInput.from_credentials(None)


def test_line_api_base_defaults_to_line(monkeypatch) -> None:
    monkeypatch.setenv("LINE_CHANNEL_SECRET", "s")
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", "t")
    monkeypatch.delenv("LINE_API_BASE", raising=False)
    assert LineInput.from_credentials(None).client.api_base == "https://api.line.me"
    monkeypatch.setenv("LINE_API_BASE", "http://127.0.0.1:9/")
    assert LineInput.from_credentials({}).client.api_base == "http://127.0.0.1:9"
