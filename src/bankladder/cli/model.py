"""``bankladder model train``: learn who responds from a file of past contacts and their
outcomes, test the model honestly and report it. Nothing is written unless ``--output``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from bankladder.cli.model_registry import register_commands
from bankladder.cli.options import LocaleOption, console, settings
from bankladder.errors import InvalidInput
from bankladder.propensity import report as reports
from bankladder.propensity.outcomes import OutcomeSpec, read_outcomes
from bankladder.propensity.training import guarded_training

app = typer.Typer(help="Propensity models learnt from past outcomes.", no_args_is_help=True)

FORMATS = ("table", "json")


@app.command("train")
def train(
    outcomes: Annotated[
        Path,
        typer.Option(
            "--outcomes",
            help="Past contacts with an outcome column (CSV, TSV, XLSX, Parquet).",
            dir_okay=False,
        ),
    ],
    label: Annotated[str, typer.Option("--label", help="The outcome column (two values).")],
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
    locale: LocaleOption = None,
) -> None:
    """Train a gradient-boosted propensity model; validate it by time (--time or --ordered) or
    by stratified 5-fold; report AUC, ALIFT, gains, calibration and leakage suspects."""
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown format {fmt!r}", where="--format", fix="use table or json")
    if time is not None and ordered:
        raise InvalidInput(
            "--time and --ordered both say how the rows are ordered in time",
            where="--time/--ordered", fix="give one of them",
        )  # fmt: skip
    config = settings(locale=locale)
    spec = OutcomeSpec(label, positive, time, ordered, tuple(exclude or ()), sep)
    data = read_outcomes(outcomes, spec)
    model, evaluation, verdict = guarded_training(data, strict=strict)
    report = reports.build(data, evaluation, model, verdict)
    if output is not None:
        reports.save(model, report, output)
    if fmt == "json":
        payload = reports.to_json(report)
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        reports.render(report, config.locale, console())


register_commands(app)
