"""``bankladder export parquet DIR``, and the batch halves of ``evaluate --engine spark`` and
``import results DIR``: the store's source tables out as Parquet, the playbook evaluated on
Spark over them, the results back into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bankladder.batch.service import (
    ResultsImport,
    SparkRun,
    evaluate_on_spark,
    export_parquet,
    extract_manifest,
    import_results,
)
from bankladder.cli.options import (
    AsOfOption,
    DbOption,
    console,
    err_console,
    open_store,
    parse_date,
    settings,
    store_settings,
)
from bankladder.config import today
from bankladder.errors import InvalidInput
from bankladder.evaluation.ladders import bank_ladder, ladder_for
from bankladder.store.database import unit_of_work

app = typer.Typer(help="Write the store's data out for a batch engine.", no_args_is_help=True)


@app.command("parquet")
def parquet(
    folder: Annotated[Path, typer.Argument(help="Folder for the Parquet files (created).")],
    as_of: AsOfOption = None,
    db: DbOption = None,
) -> None:
    """Write the source tables the engine reads (no personal columns it does not need), each
    party's previous stage and a manifest, for `bankladder evaluate --engine spark`."""
    config = store_settings(db)
    day = parse_date(as_of) or today(config)
    store = open_store(config)
    with err_console().status(f"Exporting as of {day} to {folder}..."), unit_of_work(store) as s:
        manifest = export_parquet(s, folder, day)
    counts = ", ".join(f"{name} {rows:,}" for name, rows in manifest.rows.items())
    console().print(f"Exported as of {day} to {folder}: {counts} rows.", highlight=False)


def parse_conf(pairs: list[str] | None) -> dict[str, str]:
    """``KEY=VALUE`` options as Spark settings."""
    conf = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.startswith("spark."):
            raise InvalidInput(
                f"{pair!r} is not a Spark setting",
                where="--spark-conf",
                fix="write it as KEY=VALUE, e.g. spark.driver.memory=8g",
            )
        conf[key] = value
    return conf


def evaluate_spark(
    source: Path | None,
    output: Path | None,
    master: str,
    conf: list[str] | None,
    as_of: str | None,
    playbook: Path | None,
    profile: str | None,
) -> None:
    """Evaluate an extract on Spark and write the results folder."""
    if source is None:
        raise InvalidInput(
            "--engine spark evaluates a Parquet extract",
            fix="export one with `bankladder export parquet DIR`, then add --source DIR",
        )
    manifest = extract_manifest(source)
    ladder = ladder_for(settings(playbook=playbook, bank_profile=profile), manifest.bank_profile)
    out = output or source / "results"
    with err_console().status(f"Evaluating {source} on Spark ({master})..."):
        run = evaluate_on_spark(
            ladder,
            source,
            out,
            as_of=parse_date(as_of),
            master=master,
            settings=parse_conf(conf),
        )
    report_spark(run)


def report_spark(run: SparkRun) -> None:
    ranks = ", ".join(f"rung {rank}: {count:,}" for rank, count in run.by_rank.items())
    rows = run.rows
    console().print(
        f"Evaluated {rows['assessments']:,} parties as of {run.as_of} on Spark ({run.master}) "
        f"in {run.seconds:.1f} s ({ranks}); {rows['transitions']:,} stage changes, "
        f"{rows['actions']:,} actions proposed, written to {run.output}. "
        f"Load them with `bankladder import results {run.output}`.",
        highlight=False,
    )


def import_results_folder(
    folder: Path, db: Path | None, playbook: Path | None = None, profile: str | None = None
) -> None:
    """Load a results folder into the store, whole or not at all."""
    config = store_settings(db, playbook=playbook, bank_profile=profile)
    store = open_store(config)
    with unit_of_work(store) as session:
        ladder = bank_ladder(session, config)
        done = import_results(session, ladder, folder)
    report_import(done, folder)


def report_import(done: ResultsImport, folder: Path) -> None:
    if done.already_imported:
        console().print(f"{folder}: imported before, nothing changed.", highlight=False)
        return
    rows = done.rows
    console().print(
        f"{folder}: results as of {done.as_of} loaded: {rows['assessments']:,} assessments, "
        f"{rows['transitions']:,} stage changes, {done.actions_proposed:,} actions proposed, "
        f"{done.actions_resolved:,} resolved.",
        highlight=False,
    )
