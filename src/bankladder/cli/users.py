"""``bankladder users add|list|token``: the workbench's users and their API tokens."""

from __future__ import annotations

import sys
from typing import Annotated, TypeVar

import typer

from bankladder.accounts.schemas import NewUser
from bankladder.accounts.service import create_user, issue_api_token, list_users
from bankladder.cli.options import (
    DbOption,
    FormatOption,
    check_format,
    console,
    err_console,
    open_store,
    store_settings,
)
from bankladder.cli.output import emit
from bankladder.config import bank_now
from bankladder.errors import InvalidInput
from bankladder.store.database import unit_of_work
from bankladder.store.vocabulary import UserLocale, UserRole

app = typer.Typer(help="Users of the web workbench.", no_args_is_help=True)


Choice = TypeVar("Choice", UserRole, UserLocale)


def _choice(kind: type[Choice], value: str, option: str) -> Choice:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise InvalidInput(f"{value!r} is not one of {allowed}", where=option) from None


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="Sign-in name: lower-case letters, digits, .-_")],
    role: Annotated[str, typer.Option("--role", help="rm, manager, admin or auditor.")],
    rm: Annotated[str | None, typer.Option("--rm", help="The RM an rm user is.")] = None,
    branch: Annotated[
        str | None, typer.Option("--branch", help="The branch a manager manages.")
    ] = None,
    locale: Annotated[str, typer.Option("--locale", help="zh-CN or en.")] = "zh-CN",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Add a user; the password is asked for twice (hidden), or read from standard input."""
    new = NewUser(
        username,
        _choice(UserRole, role, "--role"),
        rm_id=rm,
        branch_id=branch,
        locale=_choice(UserLocale, locale, "--locale"),
    )
    password = read_password(password_stdin)
    config = store_settings(db)
    with unit_of_work(open_store(config)) as session:
        account = create_user(session, new, password, bank_now(config))
    bound = account.rm_id or account.branch_id
    console().print(
        f"Added {account.username} ({account.role.value}{', ' + bound if bound else ''}).",
        highlight=False,
    )


@app.command("list")
def list_command(fmt: FormatOption = "table", db: DbOption = None) -> None:
    """The users: role, RM or branch, language, active."""
    check_format(fmt)
    with unit_of_work(open_store(store_settings(db))) as session:
        accounts = list_users(session)
    columns = [("username", "User"), ("role", "Role"), ("rm_id", "RM"), ("branch_id", "Branch")]
    columns += [("locale", "Language"), ("active", "Active")]
    emit(
        [{k: getattr(a, k) for k, _ in columns} for a in accounts],
        fmt,
        columns=columns,
        title=f"Users: {len(accounts)}",
    )


@app.command("token")
def token(
    username: Annotated[str, typer.Argument(help="Whose token.")],
    name: Annotated[str, typer.Argument(help="What it is for, e.g. 'crm-sync'.")],
    db: DbOption = None,
) -> None:
    """Make an API token (Authorization: Bearer TOKEN); it is printed once and never again."""
    config = store_settings(db)
    with unit_of_work(open_store(config)) as session:
        issued = issue_api_token(session, username, name, bank_now(config))
    err_console().print(
        f"API token {issued.id} ({issued.name}) of {username}; keep it secret, it is not shown "
        "again:",
        highlight=False,
    )
    console().print(issued.token, highlight=False, soft_wrap=True)
