"""Options shared by commands, and turning them into settings, a store and a ladder."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from sqlalchemy import Engine

from bankladder.config import Settings, sqlite_url
from bankladder.errors import InvalidInput, NotFound
from bankladder.store.database import connect, sqlite_path

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="SQLite store file (default: BANKLADDER_DATABASE_URL or ~/.bankladder).",
        dir_okay=False,
    ),
]
LocaleOption = Annotated[
    str | None, typer.Option("--locale", help="zh-CN or en (default: BANKLADDER_LOCALE or zh-CN).")
]
AsOfOption = Annotated[str | None, typer.Option("--as-of", help="Date YYYY-MM-DD.")]
PlaybookOption = Annotated[
    Path | None, typer.Option("--playbook", help="Playbook YAML (default: the shipped six rungs).")
]
FormatOption = Annotated[str, typer.Option("--format", help="table, json or csv.")]
FORMATS = ("table", "json", "csv")
OPTION_OF = {"worklist_size": "--limit", "database_url": "--db", "bank_profile": "--profile"}
"""Settings whose command-line option is not named after the setting."""


_OPEN_STORES: list[Engine] = []
"""Stores the running command opened; ``close_stores`` disposes of them when it ends."""

PIPED_WIDTH = 160  # wide enough for a worklist when printing to a file or another program


@cache
def console() -> Console:
    out = Console(soft_wrap=False)
    return out if out.is_terminal else Console(soft_wrap=False, width=PIPED_WIDTH)


@cache
def err_console() -> Console:
    return Console(stderr=True)


def settings(**overrides: Any) -> Settings:
    """Settings from the environment, with the options the user gave on top."""
    given = {key: value for key, value in overrides.items() if value is not None}
    try:
        return Settings(**given)
    except ValidationError as invalid:
        first = invalid.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        option = OPTION_OF.get(field, f"--{field.replace('_', '-')}")
        raise InvalidInput(
            f"setting {field!r} is not valid: {first['msg']}",
            where=f"{option} or BANKLADDER_{field.upper()}",
            fix="correct the value (see `bankladder --help`)",
        ) from None


def store_settings(db: Path | None, **overrides: Any) -> Settings:
    return settings(database_url=sqlite_url(db) if db else None, **overrides)


def open_store(config: Settings, *, create: bool = False) -> Engine:
    """The store; a missing SQLite file is an error unless ``create`` (then it is made)."""
    url = config.store_url()
    path = sqlite_path(url)
    if path is not None and not create and not path.exists():
        raise NotFound(
            f"no store at {path}",
            fix="run `bankladder demo` for a demo bank, or point --db / BANKLADDER_DATABASE_URL "
            "at your store",
        )
    return disposed_after_command(connect(url))


def disposed_after_command(engine: Engine) -> Engine:
    """Close the store's pooled connections when the command ends, also when it fails
    (``close_stores``, called by ``run``): a command run in-process, as the tests do, leaves
    no connection open on a server."""
    _OPEN_STORES.append(engine)
    return engine


def close_stores() -> None:
    while _OPEN_STORES:
        _OPEN_STORES.pop().dispose()


def parse_date(value: str | None, option: str = "--as-of") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            f"{value!r} is not a date", where=option, fix="write it as YYYY-MM-DD, e.g. 2026-06-30"
        ) from None


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InvalidInput(
            f"unknown format {fmt!r}", where="--format", fix="use table, json or csv"
        )
    return fmt
