"""``bankladder industry``: GB/T 4754-2017 and the bank's industry focus.

``list [--section C]``: the classification; ``targets``: the bank's target industries;
``concentration``: each RM's enterprise customers across industries; ``prospects --code C13
[--region R]``: enterprises not yet customers of that industry; ``target add|remove CODE`` and
``specialise RM CODE...``: change the configuration, audited as the store's operator (no user).
Names of persons are masked; the command line reads the whole store, as the auditor does.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import typer

from bankladder.cli.options import (
    DbOption,
    FormatOption,
    LocaleOption,
    check_format,
    open_store,
    store_settings,
)
from bankladder.cli.output import emit
from bankladder.config import bank_now
from bankladder.industry import service
from bankladder.industry.schemas import BookConcentration, Industry
from bankladder.store.database import unit_of_work

app = typer.Typer(help="Industry focus: GB/T 4754, target industries, concentration, prospects.")
target_app = typer.Typer(help="Add or remove one of the bank's target industries (audited).")
app.add_typer(target_app, name="target")

CodeArgument = Annotated[str, typer.Argument(help="A GB/T 4754-2017 code: C or C13.")]
HEAD = {
    "zh-CN": {
        "code": "代码",
        "name": "名称",
        "priority": "优先级",
        "since": "起始日",
        "rm": "客户经理",
        "parties": "对公客户数",
        "top": "最大门类",
        "hhi": "集中度指数",
        "targets": "目标行业占比",
        "own": "专长行业占比",
        "party": "客户号",
        "industry": "行业",
        "region": "区域",
        "stage": "阶段",
    },
    "en": {
        "code": "Code",
        "name": "Name",
        "priority": "Priority",
        "since": "Since",
        "rm": "RM",
        "parties": "Enterprise customers",
        "top": "Top section",
        "hhi": "HHI",
        "targets": "In targets",
        "own": "In specialisations",
        "party": "Party",
        "industry": "Industry",
        "region": "Region",
        "stage": "Stage",
    },
}


def _named(found: Industry, locale: str) -> str:
    return found.zh if locale == "zh-CN" else found.en


def _percent(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


def _columns(locale: str, *keys: str) -> list[tuple[str, str]]:
    return [(key, HEAD[locale][key]) for key in keys]


@app.command("list")
def list_command(
    section: Annotated[
        str | None, typer.Option("--section", help="Only this section (A-T).")
    ] = None,
    fmt: FormatOption = "table",
    locale: LocaleOption = None,
) -> None:
    """The GB/T 4754-2017 sections and their divisions, in Chinese or English."""
    check_format(fmt)
    config = store_settings(None, locale=locale)
    shown = service.classification(section)
    rows: list[dict[str, Any]] = []
    for found in shown:
        rows.append(
            {"code": found.code, "name": found.zh if config.locale == "zh-CN" else found.en}
        )
        rows += [{"code": d.code, "name": _named(d, config.locale)} for d in found.divisions]
    emit(
        rows,
        fmt,
        columns=_columns(config.locale, "code", "name"),
        json_records=[asdict(s) for s in shown],
    )


@app.command("targets")
def targets(fmt: FormatOption = "table", db: DbOption = None, locale: LocaleOption = None) -> None:
    """The bank's target industries, the first aimed at first."""
    check_format(fmt)
    config = store_settings(db, locale=locale)
    with unit_of_work(open_store(config)) as session:
        shown = service.targets(session)
    rows = [
        {
            "code": t.industry.code,
            "name": _named(t.industry, config.locale),
            "priority": t.priority,
            "since": t.since,
        }
        for t in shown
    ]
    columns = _columns(config.locale, "code", "name", "priority", "since")
    emit(rows, fmt, columns=columns, json_records=[asdict(t) for t in shown])


@app.command("concentration")
def concentration(
    fmt: FormatOption = "table", db: DbOption = None, locale: LocaleOption = None
) -> None:
    """Each RM's enterprise customers across industry sections: the top section, the
    Herfindahl-Hirschman index, and the shares in the bank's targets and the RM's
    specialisations."""
    check_format(fmt)
    config = store_settings(db, locale=locale)
    with unit_of_work(open_store(config)) as session:
        books = service.concentrations(session, None)
    rows = [_book_row(book) for book in books]
    columns = _columns(config.locale, "rm", "parties", "top", "hhi", "targets", "own")
    emit(rows, fmt, columns=columns, json_records=[asdict(b) for b in books])


def _book_row(book: BookConcentration) -> dict[str, Any]:
    figures = book.concentration
    top = (
        ""
        if figures.top_section is None
        else f"{figures.top_section} {_percent(figures.top_share)}"
    )
    return {
        "rm": book.rm_id,
        "parties": figures.parties,
        "top": top,
        "hhi": "" if figures.hhi is None else f"{figures.hhi:.3f}",
        "targets": _percent(figures.target_share),
        "own": _percent(figures.specialisation_share),
    }


@app.command("prospects")
def prospects(
    code: Annotated[str, typer.Option("--code", help="Industry code: C or C13.")],
    region: Annotated[str | None, typer.Option("--region", help="Only this region.")] = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
    locale: LocaleOption = None,
) -> None:
    """Enterprises not yet customers, of the industry and region: targeted industries first."""
    check_format(fmt)
    config = store_settings(db, locale=locale)
    with unit_of_work(open_store(config)) as session:
        found = service.prospects(session, None, code, region)
    rows = [
        {
            "party": p.party_id,
            "name": p.name,
            "industry": f"{p.industry.code} {_named(p.industry, config.locale)}",
            "region": p.region,
            "rm": p.rm_id,
            "stage": p.stage_id,
        }
        for p in found.prospects
    ]
    columns = _columns(config.locale, "party", "name", "industry", "region", "rm", "stage")
    title = f"{found.industry.code} {_named(found.industry, config.locale)}: {found.total}"
    emit(rows, fmt, columns=columns, title=title, json_records=[asdict(found)])


@target_app.command("add")
def target_add(
    code: CodeArgument,
    priority: Annotated[int, typer.Option("--priority", help="1 (first) to 9.")] = 1,
    note: Annotated[str | None, typer.Option("--note", help="Why the bank aims at it.")] = None,
    db: DbOption = None,
    locale: LocaleOption = None,
) -> None:
    """Aim the bank at an industry (again: its priority and note are replaced)."""
    config = store_settings(db, locale=locale)
    with unit_of_work(open_store(config)) as session:
        shown = service.add_target(
            session, None, code, bank_now(config), priority=priority, note=note
        )
    typer.echo(f"{shown.industry.code} {_named(shown.industry, config.locale)}: +")


@target_app.command("remove")
def target_remove(code: CodeArgument, db: DbOption = None, locale: LocaleOption = None) -> None:
    """The bank no longer aims at the industry."""
    config = store_settings(db, locale=locale)
    with unit_of_work(open_store(config)) as session:
        service.remove_target(session, None, code, bank_now(config))
    typer.echo(f"{code.strip().upper()}: -")


@app.command("specialise")
def specialise(
    rm: Annotated[str, typer.Argument(help="The RM's number.")],
    codes: Annotated[list[str] | None, typer.Argument(help="Industry codes; none clears.")] = None,
    db: DbOption = None,
    locale: LocaleOption = None,
) -> None:
    """Set the industries an RM specialises in (replacing the ones set before)."""
    config = store_settings(db, locale=locale)
    with unit_of_work(open_store(config)) as session:
        shown = service.specialise(session, None, rm, codes or [], bank_now(config))
    named = ", ".join(f"{i.code} {_named(i, config.locale)}" for i in shown.industries)
    typer.echo(f"{shown.rm_id}: {named or '-'}")
