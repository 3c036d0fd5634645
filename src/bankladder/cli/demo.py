"""``bankladder demo``: build a demo bank, evaluate its history, show the funnel and a worklist."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from sqlalchemy import Engine, text

from bankladder.analytics.backtest import last_month_ends
from bankladder.cli.options import (
    AsOfOption,
    LocaleOption,
    console,
    disposed_after_command,
    err_console,
    parse_date,
    settings,
)
from bankladder.cli.output import emit
from bankladder.cli.reports import funnel as print_funnel
from bankladder.cli.reports import print_worklist
from bankladder.cli.serve import HostOption, PortOption, for_host, run_workbench
from bankladder.config import Settings, bank_now, sqlite_url, today
from bankladder.demo.generator import build_demo_bank
from bankladder.demo.sign_ins import create_demo_users
from bankladder.errors import InvalidInput
from bankladder.evaluation.ladders import bank_ladder
from bankladder.evaluation.service import EvaluationRun
from bankladder.nightly import service as nightly
from bankladder.store.database import connect, make_safe, sqlite_path, unit_of_work
from bankladder.wallet.estimation import Settings as WalletSettings
from bankladder.worklist.service import worklist

DEMO_MARK = 0x424C444D  # "BLDM" in PRAGMA user_version: this file is a demo and may be rebuilt
HISTORY_MONTHS = 6


def demo(
    parties: Annotated[int, typer.Option("--parties", help="How many parties.", min=100)] = 20_000,
    db: Annotated[
        Path | None, typer.Option("--db", help="Demo store file.", dir_okay=False)
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same bank.")] = 42,
    as_of: AsOfOption = None,
    rm: Annotated[str, typer.Option("--rm", help="Whose worklist to show.")] = "RM0101",
    locale: LocaleOption = None,
    serve: Annotated[
        bool, typer.Option("--serve", help="Then serve the workbench, with a demo user per role.")
    ] = False,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
) -> None:
    """Build a demo bank, evaluate it and show what an RM would see: into a fresh SQLite file,
    or, when BANKLADDER_DATABASE_URL names an empty PostgreSQL store (and no --db is given),
    into that store. With --serve, add demo users (one per role, the rm user being --rm), print
    their sign-ins and serve the workbench on it."""
    config = settings(locale=locale)
    day = parse_date(as_of) or today(config)
    server = _server_url(config.database_url) if db is None else None
    if server is not None:
        store, where, path = disposed_after_command(connect(server)), make_safe(server), None
    else:
        path = (db or config.home / "demo.db").expanduser().resolve()
        _clear(path)
        store, where = disposed_after_command(connect(sqlite_url(path))), str(path)
    with _progress() as progress:
        _build(store, progress, parties, seed, day)
        runs = _evaluate_history(store, progress, day)
    _show(store, where, path, runs[-1], rm, config.locale)
    if serve:
        url = sqlite_url(path) if path is not None else server
        _serve(store, for_host(settings(database_url=url), host), rm, host, port)


def _server_url(url: str | None) -> str | None:
    """``url`` when it names a server store; the embedded demo never uses the real SQLite store."""
    return url if url is not None and sqlite_path(url) is None else None


def _clear(path: Path) -> None:
    """Remove an earlier demo at ``path``; refuse to touch any other file."""
    if not path.exists():
        return
    try:
        with sqlite3.connect(path) as raw:
            mark = raw.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError:
        mark = None
    if mark != DEMO_MARK:
        raise InvalidInput(
            f"{path} exists and is not a bankladder demo",
            fix="choose another --db path; the demo never overwrites a real store",
        )
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console(),
        transient=True,
    )


def _build(store: Engine, progress: Progress, parties: int, seed: int, day: dt.date) -> None:
    tasks: dict[str, TaskID] = {}

    def advance(step: str, done: int, total: int) -> None:
        if step not in tasks:
            tasks[step] = progress.add_task(f"Building: {step}", total=total)
        progress.update(tasks[step], completed=done, total=total)

    with store.begin() as connection:
        build_demo_bank(connection, parties=parties, seed=seed, as_of=day, progress=advance)
        if store.dialect.name == "sqlite":
            connection.execute(text(f"PRAGMA user_version = {DEMO_MARK}"))


def _evaluate_history(store: Engine, progress: Progress, day: dt.date) -> list[EvaluationRun]:
    """Wallets and the ladder as of each month-end and today (actions for today only), then
    the referral network as of today."""
    config = settings()
    with unit_of_work(store) as session:
        ladder = bank_ladder(session, config)
    dates = [*last_month_ends(day - dt.timedelta(days=1), HISTORY_MONTHS), day]
    task = progress.add_task(
        "Estimating wallets, evaluating month-ends and today, the network",
        total=nightly.steps(dates),
    )
    done = nightly.run(
        store,
        ladder,
        dates,
        threads=config.threads,
        quiet_days=config.dismissed_quiet_days,
        wallet=WalletSettings(config.wallet_quantile, config.wallet_min_peers),
        actions_for_newest_only=True,
        on_step=lambda _step: progress.advance(task),
    )
    return done.evaluations


def _show(
    store: Engine, where: str, path: Path | None, run: EvaluationRun, rm: str, locale: str
) -> None:
    out = console()
    out.print(
        f"Demo bank built at {where}: {run.parties:,} parties evaluated as of {run.as_of}.",
        highlight=False,
    )
    print_funnel(as_of=run.as_of.isoformat(), fmt="table", db=path, playbook=None, locale=locale)
    config = settings(locale=locale, database_url=sqlite_url(path) if path is not None else None)
    with unit_of_work(store) as session:
        ladder = bank_ladder(session, config)
        entries = worklist(session, ladder, rm, config.worklist_size)
    print_worklist(entries, rm, "table", config.locale)
    db = f" --db {path}" if path is not None else ""
    engine = "sqlite" if path is not None else "postgres"
    out.print(
        f"Next: `bankladder worklist{db} --rm RM0203`, `bankladder funnel{db} --format json`, "
        f"`bankladder report time-in-stage{db}`, `bankladder backtest{db}`, "
        f"`bankladder evaluate{db} --engine {engine}`.",
        highlight=False,
    )


def _serve(store: Engine, config: Settings, rm: str, host: str, port: int) -> None:
    with unit_of_work(store) as session:
        sign_ins = create_demo_users(session, rm, bank_now(config))
    emit(
        [vars(sign_in) for sign_in in sign_ins],
        "table",
        columns=[
            ("username", "User"),
            ("password", "Password"),
            ("role", "Role"),
            ("bound_to", "RM / branch"),
        ],
        title=f"Demo sign-ins at http://{host}:{port}/sign-in (new passwords at every demo):",
    )
    run_workbench(config, host, port, workers=1)
