"""``bankladder network run|prospects|intermediaries|fission``: the referral network.

``run`` computes the network's results in batch (``network/compute.py``); the reports read them
(``cli/network_reports.py`` adds its commands to this group).
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from bankladder.cli.options import (
    AsOfOption,
    DbOption,
    FormatOption,
    check_format,
    err_console,
    open_store,
    parse_date,
    store_settings,
)
from bankladder.cli.output import emit
from bankladder.config import today
from bankladder.engine.backends import SPARK_LOCAL
from bankladder.errors import InvalidInput
from bankladder.evaluation.ladders import bank_ladder
from bankladder.network.compute import ENGINES, NetworkRun
from bankladder.network.compute import run as run_network
from bankladder.store.database import unit_of_work

app = typer.Typer(
    help="The referral network: prospects within reach, intermediaries, fission.",
    no_args_is_help=True,
)


SUMMARY = (
    ("as_of", "As of"),
    ("engine", "Engine"),
    ("introducers", "Introducers"),
    ("prospects", "Prospects"),
    ("actions_proposed", "Actions proposed"),
    ("actions_resolved", "Actions resolved"),
    ("seconds", "Seconds"),
)


@app.command("run")
def run(
    as_of: AsOfOption = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine", help="duckdb (the store, read into DuckDB) or spark (see --source)."
        ),
    ] = "duckdb",
    source: Annotated[
        Path | None,
        typer.Option("--source", help="With --engine spark: the `export parquet` folder."),
    ] = None,
    top: Annotated[int, typer.Option("--top", help="Prospects kept per introducer.")] = 20,
    spark_master: Annotated[
        str,
        typer.Option("--spark-master", help="With --engine spark: local[N] or a cluster URL."),
    ] = SPARK_LOCAL,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Compute the network as of a date (default: today): every rung-5+ party's prospects
    within two hops, the intermediary ranking, and the introductions in the worklist."""
    check_format(fmt)
    if engine not in ENGINES:
        raise InvalidInput(
            f"unknown engine {engine!r}", where="--engine", fix="use duckdb or spark"
        )
    config = store_settings(db)
    day = parse_date(as_of) or today(config)
    store = open_store(config)
    with unit_of_work(store) as session:
        ladder = bank_ladder(session, config)
    with err_console().status(f"Computing the network as of {day} on {engine}..."):
        done = run_network(
            store, ladder, day, engine=engine, source=source, top=top, spark_master=spark_master
        )
    _report(done, fmt)


def _report(done: NetworkRun, fmt: str) -> None:
    record = asdict(done)
    emit([record], fmt, columns=SUMMARY, title="Network run", json_records=[record])
