"""Run a Sanic app (e.g. Rasa's configured app) on a free loopback port inside the test's event loop."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from ssl import SSLContext

from sanic import Sanic


def rasa_app(input_channels: list, agent: object, cors: str | None = None) -> Sanic:
    """Rasa's own app (routes under /webhooks/<channel>/) with ``agent`` answering the messages."""
    from rasa.core.run import configure_app

    Sanic.test_mode = True  # Rasa names every app "rasa_core_no_api"
    app = configure_app(input_channels, cors=cors, enable_api=False, route="/webhooks/")
    app.ctx.agent = agent
    return app


@asynccontextmanager
async def serve(app: Sanic, ssl: SSLContext | None = None) -> AsyncIterator[str]:
    """Serve ``app`` on 127.0.0.1 (over TLS with ``ssl``) and yield its base URL (no trailing slash)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = await app.create_server(sock=sock, ssl=ssl, return_asyncio_server=True, access_log=False)
    assert server is not None
    await server.startup()
    await server.before_start()
    await server.after_start()
    try:
        yield f"{'https' if ssl else 'http'}://127.0.0.1:{port}"
    finally:
        await server.before_stop()
        server.close()
        await server.wait_closed()
        await server.after_stop()
        sock.close()
