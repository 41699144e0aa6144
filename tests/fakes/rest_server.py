"""A fake of Rasa's REST webhook on 127.0.0.1, in its own thread, for the benchmark's load client: it records each
(sender, message), answers ``reply``, and fails the message 「壊れた」 with HTTP 500."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from aiohttp import web

BROKEN = "壊れた"


@contextmanager
def fake_rest_webhook(reply: str) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """(the webhook URL, the list of (sender, message) received so far) while the fake serves."""
    received: list[tuple[str, str]] = []
    ready, state = threading.Event(), {}

    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        received.append((body["sender"], body["message"]))
        if body["message"] == BROKEN:
            return web.json_response({"error": "boom"}, status=500)
        return web.json_response([{"recipient_id": body["sender"], "text": reply}])

    def serve() -> None:
        loop = asyncio.new_event_loop()
        state["loop"] = loop
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", webhook)
        runner = web.AppRunner(app)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        state["port"] = site._server.sockets[0].getsockname()[1]
        ready.set()
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10), "the fake REST webhook did not start"
    try:
        yield f"http://127.0.0.1:{state['port']}/webhooks/rest/webhook", received
    finally:
        state["loop"].call_soon_threadsafe(state["loop"].stop)
        thread.join(10)
