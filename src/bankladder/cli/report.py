"""``bankladder report VIEW [filters] [--format table|json|csv|xlsx] [--output FILE]`` and
``bankladder report monthly --month YYYY-MM --output FILE.pdf``: the manager analytics on the
command line.

The command line is the store's operator: it reads every party (principal None), with names
masked as the snapshot holds them. A CSV, XLSX or PDF leaves an ``analytics.export`` event in
the audit trail; the table or JSON on screen does not. Binary files (XLSX, PDF) are written
only to ``--output``, never to a terminal.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy.orm import Session
from typer.core import TyperGroup

from bankladder.analytics import export, monthly, render, service
from bankladder.analytics.schemas import Filters, Table
from bankladder.analytics.views import MODULES
from bankladder.cli.options import (
    DbOption,
    LocaleOption,
    PlaybookOption,
    console,
    open_store,
    parse_date,
    store_settings,
)
from bankladder.cli.output import emit
from bankladder.config import bank_now
from bankladder.errors import InvalidInput
from bankladder.evaluation.ladders import bank_ladder
from bankladder.ladder.model import Text
from bankladder.store.database import unit_of_work

MONTHLY = "monthly"
FORMATS = ("table", "json", "csv", "xlsx")
FILE_ONLY = frozenset({"xlsx"})
AUDITED = frozenset({"csv", "xlsx"})


class ReportGroup(TyperGroup):
    """The report commands; an unknown one is refused naming every report."""

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            raise InvalidInput(
                f"no report {args[0]!r}",
                where="bankladder report",
                fix=f"choose one of {', '.join([*MODULES, MONTHLY])}",
            )
        return super().resolve_command(ctx, args)


app = typer.Typer(
    cls=ReportGroup,
    help="Manager analytics: the funnel, conversion, time in stage, stalls, the team and more.",
    no_args_is_help=True,
)

FromOption = Annotated[
    str | None, typer.Option("--from", help="First day YYYY-MM-DD (default: 12 months back).")
]
ToOption = Annotated[
    str | None, typer.Option("--to", help="Last day YYYY-MM-DD (default: newest stage change).")
]
BranchOption = Annotated[str | None, typer.Option("--branch", help="Only this branch's parties.")]
RmOption = Annotated[str | None, typer.Option("--rm", help="Only this RM's parties.")]
SegmentOption = Annotated[str | None, typer.Option("--segment", help="Only this segment.")]
IndustryOption = Annotated[
    str | None, typer.Option("--industry", help="GB/T 4754 code, e.g. C or C13.")
]
ReportFormatOption = Annotated[str, typer.Option("--format", help="table, json, csv or xlsx.")]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", help="Write to this file (needed for xlsx).", dir_okay=False),
]

HELP = {
    "funnel": "How many parties stand on each rung at the period's end.",
    "conversion": "Stage-to-stage conversion by entry-month cohort.",
    "regressions": "Parties stepping down the ladder or off it, month by month.",
    "time-in-stage": "How long parties stay on each rung (Kaplan-Meier, with censoring).",
    "stalls": "Stalled parties per RM: on a rung beyond that rung's 80th percentile.",
    "stalled-parties": "The stalled parties themselves, longest first.",
    "team": "RM activity: interactions logged and advances credited.",
    "industries": "Industries by stage: a heat map of parties.",
    "referrals": "Referral growth: referrals made and converted per month.",
    "loans": "Loan turnaround: days from application to decision and payout.",
}


def check_format(fmt: str, output: Path | None) -> str:
    if fmt not in FORMATS:
        raise InvalidInput(
            f"unknown format {fmt!r}", where="--format", fix="use table, json, csv or xlsx"
        )
    if fmt in FILE_ONLY and output is None:
        raise InvalidInput(
            f"a {fmt} file cannot be printed on the terminal",
            where="--output",
            fix=f"name the file to write, e.g. --output report.{fmt}",
        )
    return fmt


def check_output(output: Path | None) -> None:
    if output is not None and not output.parent.is_dir():
        raise InvalidInput(
            f"the folder {output.parent} does not exist",
            where="--output",
            fix="create it first or write the file elsewhere",
        )


def show_view(
    name: str,
    chosen: dict[str, Any],
    fmt: str,
    output: Path | None,
    db: Path | None,
    playbook: Path | None,
    locale: str | None,
) -> None:
    """Compute the view ``name`` for every party and deliver it in ``fmt``."""
    check_format(fmt, output)
    check_output(output)
    config = store_settings(db, playbook=playbook, locale=locale)
    now = bank_now(config)
    with unit_of_work(open_store(config)) as session:
        ladder = bank_ladder(session, config)
        filters = service.filters(session, now.date(), **chosen)
        table = service.report(session, None, ladder, name, filters)
        if fmt in AUDITED:
            service.record_export(session, None, table, fmt, now)
        deliver(table, fmt, output, config.locale)


def deliver(table: Table, fmt: str, output: Path | None, locale: str) -> None:
    """The table in ``fmt``, to ``output`` or standard output."""
    if fmt == "xlsx":
        _write(output, export.xlsx_bytes(table, locale))
    elif fmt == "csv":
        data = export.csv_bytes(table, locale)
        if output is not None:
            _write(output, data)
        else:  # on screen or in a pipe: no byte-order mark, lines as the platform ends them
            sys.stdout.write(data.decode("utf-8-sig").replace("\r\n", "\n"))
    elif fmt == "json":
        text = json.dumps(as_json(table, locale), ensure_ascii=False, indent=2, default=str)
        _say(output, text + "\n")
    elif output is not None:
        with console().capture() as captured:
            _print_table(table, locale)
        _say(output, captured.get())
    else:
        _print_table(table, locale)


def as_json(table: Table, locale: str) -> dict[str, Any]:
    return {
        "view": table.view,
        "title": table.title.in_(locale),
        "filters": table.filters.described() if table.filters else {},
        "columns": [
            {"key": c.key, "title": c.title.in_(locale), "kind": str(c.kind)} for c in table.columns
        ],
        "rows": render.records(table, locale),
    }


def _print_table(table: Table, locale: str) -> None:
    keys = [column.key for column in table.columns]
    records = [dict(zip(keys, row, strict=True)) for row in render.cells(table, locale)]
    period = f" {table.filters.start} – {table.filters.end}" if table.filters else ""
    emit(
        records,
        "table",
        columns=list(zip(keys, render.headings(table, locale), strict=True)),
        title=f"{table.title.in_(locale)}{period}",
    )
    if table.note is not None:
        console().print(table.note.in_(locale), highlight=False, markup=False)


def _say(output: Path | None, text: str) -> None:
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _write(output: Path | None, data: bytes) -> None:
    assert output is not None  # checked by check_format
    output.write_bytes(data)


def _view_command(name: str) -> Callable[..., None]:
    def command(
        start: FromOption = None,
        end: ToOption = None,
        branch: BranchOption = None,
        rm: RmOption = None,
        segment: SegmentOption = None,
        industry: IndustryOption = None,
        fmt: ReportFormatOption = "table",
        output: OutputOption = None,
        db: DbOption = None,
        playbook: PlaybookOption = None,
        locale: LocaleOption = None,
    ) -> None:
        chosen = {
            "start": parse_date(start, "--from"),
            "end": parse_date(end, "--to"),
            "branch": branch,
            "rm": rm,
            "segment": segment,
            "industry": industry,
        }
        show_view(name, chosen, fmt, output, db, playbook, locale)

    command.__doc__ = HELP.get(name, f"The {name} report.")
    return command


for _name in MODULES:
    app.command(_name)(_view_command(_name))


@app.command(MONTHLY)
def monthly_report(
    month: Annotated[str, typer.Option("--month", help="The month, YYYY-MM.")],
    output: Annotated[
        Path, typer.Option("--output", help="The PDF file to write.", dir_okay=False)
    ],
    branch: BranchOption = None,
    rm: RmOption = None,
    segment: SegmentOption = None,
    industry: IndustryOption = None,
    db: DbOption = None,
    playbook: PlaybookOption = None,
    locale: LocaleOption = None,
) -> None:
    """The printable monthly report as PDF: a page per view, charts, tables and notes."""
    first = parse_month(month)
    check_output(output)
    config = store_settings(db, playbook=playbook, locale=locale)
    monthly.fonts_for(config.locale)  # no CJK font: said before any work is done
    now = bank_now(config)
    start, end = monthly.month_period(first)
    base = Filters(start, end, branch, rm, segment, industry).normalised()
    with unit_of_work(open_store(config)) as session:
        ladder = bank_ladder(session, config)
        tables = monthly.monthly_tables(session, None, ladder, first, base)
        _record_pdf(session, tables, now)
        document = monthly.pdf(
            tables, first, config.locale, scope_label=scope(base, config.locale), generated_at=now
        )
        output.write_bytes(document)


def _record_pdf(session: Session, tables: list[Table], now: dt.datetime) -> None:
    for table in tables:
        service.record_export(session, None, table, "pdf", now)


def parse_month(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise InvalidInput(
            f"{value!r} is not a month", where="--month", fix="write it as YYYY-MM, e.g. 2026-06"
        ) from None


def scope(base: Filters, locale: str) -> str:
    """Whose parties the report covers, in words: a branch, an RM, or every branch."""
    if base.rm is not None:
        return Text(f"客户经理 {base.rm}", f"RM {base.rm}").in_(locale)
    if base.branch is not None:
        return Text(f"支行 {base.branch}", f"Branch {base.branch}").in_(locale)
    return Text("全部支行", "All branches").in_(locale)
