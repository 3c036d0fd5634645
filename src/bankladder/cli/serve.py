"""``bankladder serve``: the web workbench on uvicorn."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer
import uvicorn

from bankladder.accounts.service import list_users
from bankladder.cli.options import DbOption, console, open_store, store_settings
from bankladder.config import Settings, hand_down
from bankladder.store.database import make_safe, unit_of_work
from bankladder.web.app import create_app
from bankladder.web.server import NoDelayH11Protocol

HostOption = Annotated[
    str, typer.Option("--host", help="Address to listen on; 0.0.0.0 for every interface.")
]
PortOption = Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)]
LOOPBACK_NAMES = frozenset({"localhost", "ip6-localhost"})


def serve(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    workers: Annotated[
        int, typer.Option("--workers", help="Worker processes (one per core).", min=1)
    ] = 1,
    db: DbOption = None,
) -> None:
    """Serve the workbench (pages and /api/v1) until stopped with Ctrl+C."""
    config = for_host(store_settings(db), host)
    with unit_of_work(open_store(config)) as session:
        users = len(list_users(session))
    out = console()
    out.print(
        f"Serving the workbench of {make_safe(config.store_url())} at http://{host}:{port}/ "
        f"(Secure cookies {'on' if config.secure_cookies else 'off'}; Ctrl+C stops).",
        highlight=False,
    )
    if users == 0:
        out.print("No users yet: add one with `bankladder users add`.", highlight=False)
    run_workbench(config, host, port, workers)


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def for_host(config: Settings, host: str) -> Settings:
    """Secure cookies unless set, or unless served on a loopback address over plain http."""
    if config.secure_cookies is not None:
        return config
    return config.model_copy(update={"secure_cookies": not is_loopback(host)})


def run_workbench(config: Settings, host: str, port: int, workers: int) -> None:
    options = {
        "host": host,
        "port": port,
        "server_header": False,
        "proxy_headers": True,  # the client address from the bank's proxy on this machine
        "log_level": "info",
        "http": NoDelayH11Protocol,
        # a worker imports the whole app before it answers the supervisor's first check:
        # on a cold or busy machine that takes longer than uvicorn's default 5 s
        "timeout_worker_healthcheck": 60,
    }
    if workers == 1:
        uvicorn.run(create_app(config), **options)  # type: ignore[arg-type]
        return
    hand_down(database_url=config.store_url(), secure_cookies=str(config.secure_cookies).lower())
    uvicorn.run("bankladder.web.app:app_from_environment", factory=True, workers=workers, **options)  # type: ignore[arg-type]
