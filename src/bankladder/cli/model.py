"""``bankladder model train``: learn who responds from a file of past contacts and their
outcomes, or from the store's own history (moves up the ladder, products opened), test the
model honestly and report it. Nothing is written unless ``--output`` or ``--register``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from bankladder.cli.model_registry import register_commands
from bankladder.cli.options import (
    DbOption,
    LocaleOption,
    console,
    err_console,
    open_store,
    settings,
    store_settings,
)
from bankladder.config import Settings, bank_now
from bankladder.errors import InvalidInput
from bankladder.evaluation.ladders import bank_ladder
from bankladder.propensity import registry
from bankladder.propensity import report as reports
from bankladder.propensity.history import newest_labelled_month_ends, store_outcomes
from bankladder.propensity.outcomes import Outcomes, OutcomeSpec, read_outcomes
from bankladder.propensity.schemas import outcome_target, parse_target
from bankladder.propensity.training import guarded_training
from bankladder.store.database import unit_of_work

app = typer.Typer(help="Propensity models learnt from past outcomes.", no_args_is_help=True)

FORMATS = ("table", "json")
LONGEST = 60
"""Month-ends one training reads at most (five years)."""


@app.command("train")
def train(
    outcomes: Annotated[
        Path | None,
        typer.Option(
            "--outcomes",
            help="Past contacts with an outcome column (CSV, TSV, XLSX, Parquet).",
            dir_okay=False,
        ),
    ] = None,
    label: Annotated[
        str | None, typer.Option("--label", help="The outcome column (two values).")
    ] = None,
    from_store: Annotated[
        str | None,
        typer.Option(
            "--from-store",
            help="Learn from the store's history instead: advance or product:<family>.",
        ),
    ] = None,
    months: Annotated[
        int,
        typer.Option(
            "--months",
            help="With --from-store: how many month-ends to learn from.",
            min=1,
            max=LONGEST,
        ),
    ] = 12,
    positive: Annotated[
        str | None,
        typer.Option("--positive", help="The positive outcome (default: yes, 1, true or 是)."),
    ] = None,
    sep: Annotated[
        str | None, typer.Option("--sep", help="The delimiter of a text file (default: detected).")
    ] = None,
    time: Annotated[
        str | None,
        typer.Option("--time", help="The column saying when each contact happened."),
    ] = None,
    ordered: Annotated[
        bool, typer.Option("--ordered", help="The file's rows are in time order, oldest first.")
    ] = False,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", help="A column to leave out (repeatable).")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse to train when the leakage guard suspects.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", help="A directory to write model.txt and model.json to.", file_okay=False
        ),
    ] = None,
    register: Annotated[
        bool,
        typer.Option("--register", help="Keep the model in the registry as the next version."),
    ] = False,
    db: DbOption = None,
    locale: LocaleOption = None,
) -> None:
    """Train a gradient-boosted propensity model from a file of outcomes (--outcomes) or from the
    store's history (--from-store); validate it by time (--time, --ordered, or the store's
    month-ends) or by stratified 5-fold; report AUC, ALIFT, gains, calibration and leakage
    suspects."""
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown format {fmt!r}", where="--format", fix="use table or json")
    if (outcomes is None) == (from_store is None):
        raise InvalidInput(
            "say what to learn from: --outcomes FILE or --from-store TARGET, one of them",
            where="--outcomes/--from-store",
            fix="e.g. --outcomes calls.csv --label y, or --from-store advance",
        )
    if from_store is not None:
        file_options = {"--label": label, "--positive": positive, "--sep": sep, "--time": time,
                        "--ordered": ordered or None, "--exclude": exclude or None}  # fmt: skip
        given = [name for name, value in file_options.items() if value is not None]
        if given:
            raise InvalidInput(
                f"{', '.join(given)} describe a file of outcomes, not the store",
                where="--from-store", fix=f"leave out {', '.join(given)}",
            )  # fmt: skip
        config = store_settings(db, locale=locale)
        data, target = _from_store(config, from_store, months)
    else:
        config = settings(locale=locale)
        data, target = _from_file(outcomes, label, positive, sep, time, ordered, exclude)
    model, evaluation, verdict = guarded_training(data, strict=strict)
    report = reports.build(data, evaluation, model, verdict)
    if output is not None:
        reports.save(model, report, output)
    kept = (
        registry.register(config.models(), target, model, report, bank_now(config))
        if register
        else None
    )
    if fmt == "json":
        payload = reports.to_json(report)
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        if from_store is not None:
            console().print(data.source, highlight=False)
        reports.render(report, config.locale, console())
    if kept is not None:
        err_console().print(
            f"Registered {kept.target} {kept.version} at {kept.path} "
            f"(`bankladder model activate {kept.target} {kept.version}` to use it).",
            highlight=False,
        )


def _from_file(
    path: Path | None, label: str | None, positive: str | None, sep: str | None,
    time: str | None, ordered: bool, exclude: list[str] | None,
) -> tuple[Outcomes, str]:  # fmt: skip
    """The file's outcomes and the target they teach (``outcome:<label>``)."""
    if path is None or label is None:
        raise InvalidInput(
            "--outcomes needs --label, the column holding the outcome",
            where="--label", fix="name the outcome column, e.g. --label y",
        )  # fmt: skip
    if time is not None and ordered:
        raise InvalidInput(
            "--time and --ordered both say how the rows are ordered in time",
            where="--time/--ordered", fix="give one of them",
        )  # fmt: skip
    spec = OutcomeSpec(label, positive, time, ordered, tuple(exclude or ()), sep)
    return read_outcomes(path, spec), outcome_target(label)


def _from_store(config: Settings, target: str, months: int) -> tuple[Outcomes, str]:
    """The store's history as outcomes: the ``months`` month-ends up to the newest whose 90
    days the store's data covers, read with the bank's ladder."""
    target = parse_target(target, "--from-store")
    store = open_store(config)
    with unit_of_work(store) as session:
        ladder = bank_ladder(session, config)
    ends = newest_labelled_month_ends(store, target, months)
    return store_outcomes(store, ladder, target, ends, threads=config.threads), target


register_commands(app)
