"""``bankladder import TABLE FILE...``: load the bank's extracts, each file whole or not at all
(or chunk by chunk with ``--chunked``); ``bankladder import --infer FILE`` proposes a mapping."""

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

from bankladder.cli.batch import import_results_folder
from bankladder.cli.options import (
    AsOfOption,
    DbOption,
    console,
    err_console,
    open_store,
    parse_date,
    store_settings,
)
from bankladder.errors import InvalidInput
from bankladder.imports.infer import propose_mapping
from bankladder.imports.mapping import load_mapping
from bankladder.imports.readers import Limits, open_extract
from bankladder.imports.service import (
    CHUNK_ROWS,
    ImportMode,
    ImportOutcome,
    import_file,
    write_report,
)

SHOWN_REJECTIONS = 10
MIB = 1024**2
_DEFAULT = Limits()


def import_command(
    table: Annotated[
        str | None,
        typer.Argument(
            help="party, rm, branch, product, holding, balance, interaction, ...; or results "
            "(a folder written by `evaluate --engine spark`)."
        ),
    ] = None,
    files: Annotated[list[Path] | None, typer.Argument(help="CSV, XLSX or Parquet files.")] = None,
    infer: Annotated[
        Path | None,
        typer.Option(
            "--infer",
            help="Propose a mapping for this file (printed as YAML; nothing is imported). "
            "TABLE is guessed from the header when not given.",
        ),
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="YAML mapping of the bank's columns to ours.")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="CSV encoding (default: detected).")
    ] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="XLSX sheet name.")] = None,
    mode: Annotated[
        ImportMode,
        typer.Option(
            "--mode",
            help="incremental: rows absent from the file stay as they are; snapshot: the file is "
            "the whole table, stored rows it lacks are closed (holding, need, rm).",
        ),
    ] = ImportMode.INCREMENTAL,
    as_of: AsOfOption = None,
    chunked: Annotated[
        bool,
        typer.Option(
            "--chunked",
            help="Commit chunk by chunk with a checkpoint; run again to resume an interrupted "
            "import. Default: the whole file or nothing.",
        ),
    ] = False,
    chunk_rows: Annotated[
        int, typer.Option("--chunk-rows", min=1, help="Rows per chunk with --chunked.")
    ] = CHUNK_ROWS,
    max_rows: Annotated[
        int, typer.Option("--max-rows", min=1, help="Refuse a file with more data rows.")
    ] = _DEFAULT.max_rows,
    max_file_mb: Annotated[
        int, typer.Option("--max-file-mb", min=1, help="Refuse a larger file (MiB).")
    ] = _DEFAULT.max_file_bytes // MIB,
    max_xlsx_mb: Annotated[
        int,
        typer.Option("--max-xlsx-mb", min=1, help="Refuse a workbook that unpacks larger (MiB)."),
    ] = _DEFAULT.max_xlsx_uncompressed_bytes // MIB,
    db: DbOption = None,
) -> None:
    """Import extracts into a source table; by default a file with any bad row changes nothing.

    A file imported before (same content) changes nothing. The snapshot date (--as-of, default
    today) is the day rows absent from a snapshot are closed on.
    """
    if infer is not None:
        if files:
            raise InvalidInput(
                "--infer proposes a mapping for one file and imports nothing",
                fix="run `bankladder import --infer FILE [TABLE]`, then import with --mapping",
            )
        _propose(infer, table, encoding, sheet)
        return
    if table == "results" and files and len(files) == 1:  # a folder from evaluate --engine spark
        import_results_folder(files[0], db)
        return
    if table is None or not files:
        raise InvalidInput(
            "name the table and at least one file",
            fix="run `bankladder import TABLE FILE...`, e.g. `bankladder import party 客户.csv`",
        )
    config = store_settings(db)
    chosen = load_mapping(mapping) if mapping else None
    limits = Limits(
        max_file_bytes=max_file_mb * MIB,
        max_rows=max_rows,
        max_xlsx_uncompressed_bytes=max_xlsx_mb * MIB,
    )
    if as_of and mode is not ImportMode.SNAPSHOT:
        raise InvalidInput("--as-of is the closing date of a snapshot", fix="add --mode snapshot")
    day = parse_date(as_of)
    store = open_store(config)
    refused = False
    for path in files:
        with _progress() as progress:
            task = progress.add_task(f"Importing {path.name}", total=None)

            def advance(rows: int, task: TaskID = task, progress: Progress = progress) -> None:
                progress.update(task, completed=rows)

            outcome = import_file(
                store,
                table,
                path,
                chosen,
                encoding=encoding,
                sheet=sheet,
                limits=limits,
                chunked=chunked,
                chunk_rows=chunk_rows,
                mode=mode,
                as_of=day,
                progress=advance,
            )
        refused |= _report(outcome, path)
    if refused:
        raise typer.Exit(1)


def _propose(path: Path, table: str | None, encoding: str | None, sheet: str | None) -> None:
    """Print a proposed mapping on stdout (to redirect into a file) and the notes on stderr."""
    proposal = propose_mapping(open_extract(path, encoding=encoding, sheet=sheet), table)
    console().print(proposal.yaml, end="", highlight=False, markup=False, soft_wrap=True)
    err = err_console()
    err.print(f"{path}: proposed a mapping for {proposal.table}.", highlight=False)
    for note in proposal.notes:
        err.print(f"  - {note}", highlight=False, markup=False)
    err.print(
        "Check it, save it (e.g. > mapping.yaml) and import with "
        f"`bankladder import {proposal.table} {path} --mapping mapping.yaml`.",
        highlight=False,
        markup=False,
    )


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
        console().print(_landed(outcome, path), highlight=False)
        return False
    report = path.with_name(f"{path.name}.rejected.csv")
    write_report(outcome.rejections, report)
    err = err_console()
    kept = (
        f"the first {outcome.landed:,} rows landed, nothing after them was written"
        if outcome.landed
        else "nothing was written"
    )
    err.print(
        f"{path}: refused, {kept}: {len(outcome.rejections):,} problem(s). "
        f"Every one is listed in {report}.",
        highlight=False,
    )
    for r in outcome.rejections[:SHOWN_REJECTIONS]:
        where = f"row {r.row}" + (f", column {r.column}" if r.column else "")
        shown = f" ({r.value})" if r.value else ""
        err.print(f"  {where}{shown}: {r.reason}", highlight=False, markup=False)
    return True


def _landed(outcome: ImportOutcome, path: Path) -> str:
    parts = [f"{outcome.added:,} added", f"{outcome.updated:,} updated"]
    if outcome.closed:
        parts.append(f"{outcome.closed:,} closed as absent from the snapshot")
    if outcome.recognised:
        parts.append(
            f"{outcome.recognised:,} recognised as a party already held, "
            "their numbers kept as its aliases"
        )
    resumed = (
        f", resumed after row {outcome.resumed_after:,} of an interrupted import"
        if outcome.resumed_after
        else ""
    )
    return f"{path}: {outcome.rows_read:,} rows into {outcome.table} ({', '.join(parts)}){resumed}."
