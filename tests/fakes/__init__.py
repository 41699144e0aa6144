"""Loopback fakes for channel tests: a scripted bot, a Sanic runner and a fake LINE API."""
