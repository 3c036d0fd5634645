"""``bankladder parties duplicates`` and ``bankladder parties merge KEEP OTHER``."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from bankladder.cli.options import (
    DbOption,
    FormatOption,
    LocaleOption,
    check_format,
    console,
    open_store,
    store_settings,
)
from bankladder.cli.output import emit
from bankladder.parties.schemas import DuplicatePair, MergeReport
from bankladder.parties.service import find_duplicates, merge, merge_preview
from bankladder.store.database import unit_of_work

app = typer.Typer(
    help="Parties: list likely duplicates and merge two into one.", no_args_is_help=True
)
EVIDENCE = ("id_number", "mobile", "region")
HEAD = {
    "zh-CN": {
        "verdict": "判定",
        "rule": "规则",
        "party": "客户",
        "name": "名称",
        "evidence": "依据",
        "title": "疑似重复客户",
        "pairs": "对",
    },
    "en": {
        "verdict": "Verdict",
        "rule": "Rule",
        "party": "Party",
        "name": "Name",
        "evidence": "Evidence",
        "title": "Duplicate parties",
        "pairs": "pairs",
    },
}


@app.command("duplicates")
def duplicates(
    fmt: FormatOption = "table", db: DbOption = None, locale: LocaleOption = None
) -> None:
    """Pairs of parties that are (same) or may be (likely) one; names, IDs and mobiles masked."""
    check_format(fmt)
    config = store_settings(db, locale=locale)
    with unit_of_work(open_store(config)) as session:
        pairs = find_duplicates(session)
    head = HEAD[config.locale]
    emit(
        [_record(pair) for pair in pairs],
        fmt,
        columns=[
            ("verdict", head["verdict"]),
            ("rule", head["rule"]),
            ("first_id", head["party"]),
            ("first_name", head["name"]),
            ("second_id", head["party"]),
            ("second_name", head["name"]),
            ("evidence", head["evidence"]),
        ],
        title=f"{head['title']}: {len(pairs)} {head['pairs']}",
        json_records=[_json(pair) for pair in pairs],
    )
    if pairs and fmt == "table":
        console().print("Merge a pair with `bankladder parties merge KEEP OTHER`.", highlight=False)


def _record(pair: DuplicatePair) -> dict[str, Any]:
    shown = [f"{key} {pair.evidence[key]}" for key in EVIDENCE if pair.evidence.get(key)]
    return {
        "verdict": pair.verdict.value,
        "rule": pair.rule.value,
        "first_id": pair.first_id,
        "first_name": pair.evidence["first_name"],
        "second_id": pair.second_id,
        "second_name": pair.evidence["second_name"],
        "evidence": ", ".join(shown),
    }


def _json(pair: DuplicatePair) -> dict[str, Any]:
    return {
        "first_id": pair.first_id,
        "second_id": pair.second_id,
        "verdict": pair.verdict.value,
        "rule": pair.rule.value,
        "evidence": pair.evidence,
    }


@app.command("merge")
def merge_command(
    keep: Annotated[str, typer.Argument(help="The party to keep.")],
    other: Annotated[str, typer.Argument(help="Its duplicate: merged into KEEP, then removed.")],
    yes: Annotated[bool, typer.Option("--yes", help="Merge without asking.")] = False,
    db: DbOption = None,
) -> None:
    """Merge OTHER into KEEP: every reference moves, history is kept, OTHER becomes an alias."""
    engine = open_store(store_settings(db))
    with unit_of_work(engine) as session:
        counts = merge_preview(session, keep, other)
    emit(
        [{"table": table, "rows": rows} for table, rows in sorted(counts.items())],
        "table",
        columns=[("table", "Table"), ("rows", "Rows naming " + other)],
        title=f"Merging {other} into {keep} moves:",
    )
    if not yes and not typer.confirm(f"Merge {other} into {keep}?", default=False):
        console().print("Nothing was merged.", highlight=False)
        raise typer.Exit(1)
    with unit_of_work(engine) as session:
        report = merge(session, keep, other)
    _print_report(report)


def _print_report(report: MergeReport) -> None:
    emit(
        [vars(table) for table in report.tables],
        "table",
        columns=[
            ("table", "Table"),
            ("moved", "Moved"),
            ("dropped", "Dropped"),
            ("closed", "Closed"),
        ],
        title=f"Merged {report.other} into {report.keep}",
    )
    filled = ", ".join(report.filled) or "none"
    console().print(
        f"{report.keep} took from {report.other} its empty attributes: {filled}. "
        f"{report.other} is now an alias of {report.keep}. Dropped rows clashed with "
        f"{report.keep}'s (same date, same link, or a link to itself); closed actions were "
        "live twice for one criterion. Run `bankladder evaluate` to place "
        f"{report.keep} on the ladder with the merged history.",
        highlight=False,
    )
