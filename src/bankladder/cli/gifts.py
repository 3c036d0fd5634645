"""``bankladder gifts report [--year Y] [--branch B] [--rm R] [--format table|json|csv]``: the
auditor's gifts of a calendar year, read as the store's operator (no user): per party (gifts
given, share of the yearly limit used, refusals), per RM, and every refused request with the
checker's reason. Amounts and names of persons are masked; a CSV export is recorded in the
audit trail (``gifts.export``)."""

from __future__ import annotations

from dataclasses import asdict
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
from bankladder.config import bank_now
from bankladder.reciprocity import gift_report
from bankladder.reciprocity.schemas import GiftReport
from bankladder.store.database import unit_of_work

app = typer.Typer(help="Gifts to parties: the auditor's yearly report.", no_args_is_help=True)
YearOption = Annotated[
    int | None, typer.Option("--year", min=2000, max=2100, help="Calendar year (default: this).")
]
BranchOption = Annotated[str | None, typer.Option("--branch", help="Only this branch's RMs.")]
RmOption = Annotated[str | None, typer.Option("--rm", help="Only this RM's gifts.")]
HEAD = {
    "zh-CN": {
        "title": "年度礼品报告",
        "parties": "按客户",
        "rms": "按客户经理",
        "refused": "被拒绝的申请",
    },
    "en": {
        "title": "Gifts of",
        "parties": "Per party",
        "rms": "Per RM",
        "refused": "Refused requests",
    },
}
PARTY_COLUMNS = [
    ("party_id", "party"),
    ("party_name", "name"),
    ("rm_id", "rm"),
    ("given", "given"),
    ("given_total", "total"),
    ("limit_used_pct", "limit used %"),
    ("refused", "refused"),
]
RM_COLUMNS = [
    ("rm_id", "rm"),
    ("branch_id", "branch"),
    ("parties", "parties"),
    ("given", "given"),
    ("given_total", "total"),
    ("refused", "refused"),
]
REFUSED_COLUMNS = [
    ("given_on", "day"),
    ("party_id", "party"),
    ("party_name", "name"),
    ("rm_id", "rm"),
    ("worth", "worth"),
    ("reason", "reason"),
]


@app.command("report")
def report(
    year: YearOption = None,
    branch: BranchOption = None,
    rm: RmOption = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
    locale: LocaleOption = None,
) -> None:
    """The gifts of a year per party, per RM and refused (masked; CSV is audited)."""
    check_format(fmt)
    config = store_settings(db, locale=locale)
    now = bank_now(config)
    chosen = year or now.year
    with unit_of_work(open_store(config)) as session:
        shown = gift_report.report(session, config, None, chosen, branch_id=branch, rm_id=rm)
        if fmt == "csv":
            rows = gift_report.export(session, None, shown, now, config.locale)
    if fmt == "csv":
        emit(rows, "csv", columns=[(c, c) for c in gift_report.COLUMNS])
    elif fmt == "json":
        emit([], "json", columns=[], json_records=[asdict(shown)])
    else:
        _tables(shown, config.locale)


def _tables(shown: GiftReport, locale: str) -> None:
    head = HEAD[locale]
    console().print(
        f"{head['title']} {shown.year}: {shown.per_gift} / {shown.per_party_year} / "
        f"{shown.without_approval} CNY",
        highlight=False,
    )
    emit([asdict(p) for p in shown.parties], "table", columns=PARTY_COLUMNS, title=head["parties"])
    emit([asdict(r) for r in shown.rms], "table", columns=RM_COLUMNS, title=head["rms"])
    emit(_refused(shown, locale), "table", columns=REFUSED_COLUMNS, title=head["refused"])


def _refused(shown: GiftReport, locale: str) -> list[dict[str, Any]]:
    rows = []
    for gift in shown.refused:
        row = asdict(gift)
        row["reason"] = "" if gift.reason is None else gift.reason.in_(locale)
        rows.append(row)
    return rows
