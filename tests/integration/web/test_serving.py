"""The server's connections: Nagle's algorithm off on every accepted socket, also on a
listening socket made without a protocol number (as uvicorn makes it for ``--workers N``)."""

from __future__ import annotations

import asyncio
import socket
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ClassVar

import pytest
from uvicorn.config import Config
from uvicorn.server import ServerState

from bankladder.web.server import NoDelayH11Protocol

pytestmark = pytest.mark.integration


class Probe(NoDelayH11Protocol):
    seen: ClassVar[list[int]] = []

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        accepted = transport.get_extra_info("socket")
        self.seen.append(accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        transport.close()


async def _accept_one() -> list[int]:
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # proto 0, as uvicorn binds
    listening.bind(("127.0.0.1", 0))
    listening.listen()
    config = Config(app=lambda scope, receive, send: None)
    config.load()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: Probe(config, server_state=ServerState(), app_state={}), sock=listening
    )
    port = listening.getsockname()[1]
    _reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for _ in range(100):
        if Probe.seen:
            break
        await asyncio.sleep(0.01)
    writer.close()
    server.close()
    return Probe.seen


def test_an_accepted_connection_has_nagle_off() -> None:
    # in a thread of its own: Playwright's sync API may hold this thread's event loop
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(lambda: asyncio.run(_accept_one())).result() == [1]
