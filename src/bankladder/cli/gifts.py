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
WORDS = {
    "zh-CN": {
        "party": "客户号", "name": "客户", "rm": "客户经理", "branch": "支行", "given": "已交付",
        "total": "合计", "used": "额度已用%", "refused": "已拒绝", "parties": "客户数",
        "day": "日期", "worth": "价值", "reason": "拒绝理由",
    },
    "en": {
        "party": "Party", "name": "Name", "rm": "RM", "branch": "Branch", "given": "Given",
        "total": "Total", "used": "Limit used %", "refused": "Refused", "parties": "Parties",
        "day": "Day", "worth": "Worth", "reason": "Reason",
    },
}  # fmt: skip
PARTY_COLUMNS = [
    ("party_id", "party"), ("party_name", "name"), ("rm_id", "rm"), ("given", "given"),
    ("given_total", "total"), ("limit_used_pct", "used"), ("refused", "refused"),
]  # fmt: skip
RM_COLUMNS = [
    ("rm_id", "rm"), ("branch_id", "branch"), ("parties", "parties"), ("given", "given"),
    ("given_total", "total"), ("refused", "refused"),
]  # fmt: skip
REFUSED_COLUMNS = [
    ("given_on", "day"), ("party_id", "party"), ("party_name", "name"), ("rm_id", "rm"),
    ("worth", "worth"), ("reason", "reason"),
]  # fmt: skip


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
    parties = [asdict(p) for p in shown.parties]
    emit(parties, "table", columns=_said(PARTY_COLUMNS, locale), title=head["parties"])
    rms = [asdict(r) for r in shown.rms]
    emit(rms, "table", columns=_said(RM_COLUMNS, locale), title=head["rms"])
    refused = _refused(shown, locale)
    emit(refused, "table", columns=_said(REFUSED_COLUMNS, locale), title=head["refused"])


def _said(columns: list[tuple[str, str]], locale: str) -> list[tuple[str, str]]:
    return [(key, WORDS[locale][word]) for key, word in columns]


def _refused(shown: GiftReport, locale: str) -> list[dict[str, Any]]:
    rows = []
    for gift in shown.refused:
        row = asdict(gift)
        row["reason"] = "" if gift.reason is None else gift.reason.in_(locale)
        rows.append(row)
    return rows
