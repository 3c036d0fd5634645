"""``bankladder evaluate``: place every party as of a date and refresh the worklists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bankladder.cli.batch import evaluate_spark
from bankladder.cli.options import (
    AsOfOption,
    DbOption,
    PlaybookOption,
    console,
    err_console,
    open_store,
    parse_date,
    store_settings,
)
from bankladder.config import today
from bankladder.engine.backends import SPARK_LOCAL
from bankladder.errors import InvalidInput
from bankladder.evaluation.ladders import bank_ladder
from bankladder.evaluation.service import EvaluationRun, engine_for
from bankladder.network.compute import NetworkRun
from bankladder.nightly import service as nightly
from bankladder.store.database import unit_of_work
from bankladder.wallet.estimation import Settings as WalletSettings
from bankladder.wallet.schemas import EstimateRun


def evaluate(
    as_of: AsOfOption = None,
    engine: Annotated[
        str | None,
        typer.Option(
            "--engine",
            help="duckdb (batch; default on SQLite), sqlite or postgres (in place on the store; "
            "default on PostgreSQL), or spark (a Parquet extract, see --source).",
        ),
    ] = None,
    playbook: PlaybookOption = None,
    profile: Annotated[
        str | None, typer.Option("--profile", help="Bank profile: young or established.")
    ] = None,
    db: DbOption = None,
    source: Annotated[
        Path | None,
        typer.Option("--source", help="With --engine spark: the `export parquet` folder."),
    ] = None,
    spark_master: Annotated[
        str,
        typer.Option("--spark-master", help="With --engine spark: local[N] or a cluster URL."),
    ] = SPARK_LOCAL,
    spark_conf: Annotated[
        list[str] | None,
        typer.Option("--spark-conf", help="With --engine spark: KEY=VALUE, e.g. memory."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", help="With --engine spark: results folder (default SOURCE/results)."
        ),
    ] = None,
    network: Annotated[
        bool,
        typer.Option(
            "--network/--no-network",
            help="Then compute the referral network (prospects, intermediaries, introductions).",
        ),
    ] = True,
) -> None:
    """Evaluate the playbook for every party as of a date (default: today): wallets first,
    then the ladder, then the referral network."""
    _refuse_options_of_the_other_path(engine, db, source, output)
    if engine == "spark":
        evaluate_spark(source, output, spark_master, spark_conf, as_of, playbook, profile)
        return
    config = store_settings(db, engine=engine, playbook=playbook, bank_profile=profile)
    day = parse_date(as_of) or today(config)
    store = open_store(config)
    with unit_of_work(store) as session:
        ladder = bank_ladder(session, config)
    chosen = engine_for(store, config.engine)
    with err_console().status(f"Evaluating as of {day} on {chosen}..."):
        done = nightly.run(
            store,
            ladder,
            [day],
            engine=chosen,
            threads=config.threads,
            quiet_days=config.dismissed_quiet_days,
            wallet=WalletSettings(config.wallet_quantile, config.wallet_min_peers),
            network=network,
            models=config.models(),
        )
    evaluated = done.evaluations[-1]
    if evaluated.parties > 0:  # an empty store gets one message, not three about nothing
        report_wallets(done.wallets[-1])
    report(evaluated)
    if done.network is not None and evaluated.parties > 0:
        report_network(done.network)


def _refuse_options_of_the_other_path(
    engine: str | None, db: Path | None, source: Path | None, output: Path | None
) -> None:
    """Spark reads an extract and writes a folder; every other engine reads and writes the
    store. An option of the other path would be ignored: say so instead."""
    if engine == "spark" and db is not None:
        raise InvalidInput(
            "--db does not apply to --engine spark: Spark evaluates a Parquet extract, not a store",
            fix="export the store first (`bankladder export parquet DIR --db STORE`), then "
            "`bankladder evaluate --engine spark --source DIR`, and load the results into it "
            "with `bankladder import results DIR/results --db STORE`",
        )
    if engine != "spark" and (source is not None or output is not None):
        given = "--source" if source is not None else "--output"
        raise InvalidInput(
            f"{given} applies to --engine spark only: the other engines read and write the store",
            fix=f"add --engine spark to evaluate an extract, or leave out {given}",
        )


def report_wallets(run: EstimateRun) -> None:
    console().print(
        f"Estimated the wallets of {run.parties:,} parties as of {run.as_of} from "
        f"{run.peer_groups:,} peer groups of {run.customers:,} customers in {run.seconds:.1f} s.",
        highlight=False,
    )


def report_network(run: NetworkRun) -> None:
    console().print(
        f"Network as of {run.as_of}: {run.prospects:,} prospects within reach of "
        f"{run.introducers:,} ranked intermediaries; {run.actions_proposed:,} introductions "
        f"proposed, {run.actions_resolved:,} resolved ({run.seconds:.1f} s).",
        highlight=False,
    )


def report(run: EvaluationRun) -> None:
    if run.parties == 0:
        console().print(
            "The store holds no parties yet: nothing to evaluate. Load the bank's extracts "
            "first, or try `bankladder demo`.",
            highlight=False,
        )
        return
    ranks = ", ".join(f"rung {rank}: {count}" for rank, count in run.by_rank.items())
    console().print(
        f"Evaluated {run.parties:,} parties as of {run.as_of} on {run.engine} in "
        f"{run.seconds:.1f} s ({ranks}); {run.transitions:,} stage changes, "
        f"{run.actions_proposed:,} actions proposed, {run.actions_resolved:,} resolved.",
        highlight=False,
    )
