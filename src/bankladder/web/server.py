"""How the workbench is served: uvicorn's HTTP protocol with Nagle's algorithm off.

uvicorn leaves TCP_NODELAY to asyncio, which sets it only on sockets whose protocol number is
TCP. With ``--workers N`` uvicorn binds the listening socket itself without one, so every
connection its workers accept keeps Nagle on: on a kept-alive connection each response then
waits for the client's delayed ACK, about 40 ms (measured by ``bench/workbench_latency.py``).
This protocol turns it off as each connection opens, whatever made the socket.
"""

from __future__ import annotations

import socket
from asyncio import BaseTransport

from uvicorn.protocols.http.h11_impl import H11Protocol


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport: BaseTransport) -> None:
        connection = transport.get_extra_info("socket")
        if connection is not None and connection.family in (socket.AF_INET, socket.AF_INET6):
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)  # type: ignore[arg-type]
