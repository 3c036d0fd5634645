"""``bankladder import TABLE FILE...``: load the bank's extracts, each file whole or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from bankladder.cli.options import DbOption, console, err_console, open_store, store_settings
from bankladder.imports.mapping import load_mapping
from bankladder.imports.service import ImportOutcome, import_file, write_report

SHOWN_REJECTIONS = 10


def import_command(
    table: Annotated[str, typer.Argument(help="party, rm, branch, product, interaction, ...")],
    files: Annotated[list[Path], typer.Argument(help="CSV, XLSX or Parquet files.")],
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="YAML mapping of the bank's columns to ours.")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="CSV encoding (default: detected).")
    ] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="XLSX sheet name.")] = None,
    db: DbOption = None,
) -> None:
    """Import extracts into a source table; a file with any bad row changes nothing."""
    config = store_settings(db)
    chosen = load_mapping(mapping) if mapping else None
    store = open_store(config)
    refused = False
    for path in files:
        with _progress() as progress:
            task = progress.add_task(f"Importing {path.name}", total=None)

            def advance(rows: int, task: TaskID = task, progress: Progress = progress) -> None:
                progress.update(task, completed=rows)

            outcome = import_file(
                store, table, path, chosen, encoding=encoding, sheet=sheet, progress=advance
            )
        refused |= _report(outcome, path)
    if refused:
        raise typer.Exit(1)


class RowsPerSecond(ProgressColumn):
    """Rows read so far and the current rate."""

    def render(self, task: Task) -> Text:
        rate = f", {task.speed:,.0f} rows/s" if task.speed else ""
        return Text(f"{task.completed:,.0f} rows{rate}")


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        RowsPerSecond(),
        TimeElapsedColumn(),
        console=err_console(),
        transient=True,
    )


def _report(outcome: ImportOutcome, path: Path) -> bool:
    if outcome.already_imported:
        console().print(f"{path}: imported before, nothing changed.", highlight=False)
        return False
    if not outcome.refused:
        console().print(
            f"{path}: {outcome.rows_read:,} rows into {outcome.table} "
            f"({outcome.added:,} added, {outcome.updated:,} updated).",
            highlight=False,
        )
        return False
    report = path.with_name(f"{path.name}.rejected.csv")
    write_report(outcome.rejections, report)
    err = err_console()
    err.print(
        f"{path}: refused, nothing was written: {len(outcome.rejections):,} problem(s). "
        f"Every one is listed in {report}.",
        highlight=False,
    )
    for r in outcome.rejections[:SHOWN_REJECTIONS]:
        where = f"row {r.row}" + (f", column {r.column}" if r.column else "")
        shown = f" ({r.value})" if r.value else ""
        err.print(f"  {where}{shown}: {r.reason}", highlight=False, markup=False)
    return True
