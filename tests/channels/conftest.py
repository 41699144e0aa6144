"""Fixtures of the channel tests: the console served by Rasa's own app on loopback (tests/channels/console_support)."""

from tests.channels.console_support import console  # noqa: F401  (the fixture, for every test in this folder)
