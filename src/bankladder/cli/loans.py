"""``bankladder loans pipeline | turnaround | quota``: the loan pipeline as the store's operator
sees it, amounts masked: the applications with their SLA state on the bank's working-day
calendar; turnaround per RM and per step with the bottleneck in words; the credit quotas of a
year per branch and RM (allocated, used, available: the bank's own figures)."""

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
from bankladder.loans import allocation, views
from bankladder.store.database import unit_of_work

app = typer.Typer(help="The loan pipeline: SLA, turnaround, bottleneck and credit quotas.")
StatusOption = Annotated[
    str, typer.Option("--status", help="received, documents_complete, credit_review, ... (all).")
]
SlaOption = Annotated[
    str, typer.Option("--sla", help="on_track, near_breach, breached, met or missed (all).")
]
YearOption = Annotated[int | None, typer.Option("--year", help="The quotas' year (this year).")]
ZH, EN = "zh-CN", "en"
HEAD: dict[str, dict[str, str]] = {
    ZH: {
        "id": "编号",
        "party": "客户",
        "name": "客户名称",
        "product": "产品",
        "amount": "金额",
        "rm": "客户经理",
        "status": "环节",
        "received": "受理时间",
        "sla": "时效",
        "used": "已用工作日",
        "due": "时限",
        "pipeline": "贷款进度",
        "step": "环节",
        "count": "笔数",
        "open": "在办",
        "median": "中位工作日",
        "total": "合计工作日",
        "share": "占比",
        "per_rm": "各客户经理办理时效",
        "per_step": "各环节用时",
        "branch": "支行",
        "allocated": "分配额度",
        "quota_used": "已用额度",
        "available": "可用额度",
        "quotas": "信贷额度",
    },
    EN: {
        "id": "No.",
        "party": "Party",
        "name": "Name",
        "product": "Product",
        "amount": "Amount",
        "rm": "RM",
        "status": "Step",
        "received": "Received",
        "sla": "SLA",
        "used": "Working days used",
        "due": "Due",
        "pipeline": "Loan pipeline",
        "step": "Step",
        "count": "Applications",
        "open": "Open",
        "median": "Median working days",
        "total": "Total working days",
        "share": "Share",
        "per_rm": "Turnaround per RM",
        "per_step": "Time per step",
        "branch": "Branch",
        "allocated": "Allocated",
        "quota_used": "Used",
        "available": "Available",
        "quotas": "Credit quotas",
    },
}


def _columns(locale: str, *keys: str) -> list[tuple[str, str]]:
    return [(key, HEAD[locale][key]) for key in keys]


@app.command("pipeline")
def pipeline(
    status: StatusOption = "",
    sla: SlaOption = "",
    fmt: FormatOption = "table",
    db: DbOption = None,
    locale: LocaleOption = None,
) -> None:
    """The loan applications, newest first, with their SLA state (amounts masked)."""
    check_format(fmt)
    config = store_settings(db, locale=locale)
    with unit_of_work(open_store(config)) as session:
        view = views.pipeline(session, config, None, bank_now(config), status=status, sla_state=sla)
    records = [
        {
            "id": a.id,
            "party": a.party_id,
            "name": a.party_name,
            "product": a.product.in_(config.locale),
            "amount": a.amount,
            "rm": a.rm_id or "",
            "status": a.status_name.in_(config.locale),
            "received": f"{a.received_at:%Y-%m-%d %H:%M}",
            "sla": a.sla.state if a.sla else "",
            "used": f"{a.sla.used:.1f}" if a.sla else "",
            "due": f"{a.sla.deadline:%Y-%m-%d %H:%M}" if a.sla else "",
        }
        for a in view.applications
    ]
    keys = (
        "id",
        "party",
        "name",
        "product",
        "amount",
        "rm",
        "status",
        "received",
        "sla",
        "used",
        "due",
    )
    emit(
        records,
        fmt,
        columns=_columns(config.locale, *keys),
        title=HEAD[config.locale]["pipeline"],
        json_records=[asdict(view)],
    )


@app.command("turnaround")
def turnaround(
    fmt: FormatOption = "table", db: DbOption = None, locale: LocaleOption = None
) -> None:
    """Turnaround per RM and per step in working days, and the bottleneck in words."""
    check_format(fmt)
    config = store_settings(db, locale=locale)
    with unit_of_work(open_store(config)) as session:
        board = views.dashboard(session, config, None, bank_now(config))
    if fmt == "json":
        keep = {"per_rm": board.per_rm, "per_step": board.per_step, "bottleneck": board.bottleneck}
        emit([], fmt, columns=[], json_records=[_plain(keep)])
        return
    head = HEAD[config.locale]
    steps = [
        {
            "step": s.name.in_(config.locale),
            "count": s.count,
            "median": f"{s.median_days:.2f}",
            "total": f"{s.total_days:.2f}",
            "share": f"{s.share:.0%}",
        }
        for s in board.per_step
    ]
    emit(
        steps,
        fmt,
        columns=_columns(config.locale, "step", "count", "median", "total", "share"),
        title=head["per_step"],
    )
    rms = [
        {"rm": r.rm_id or "", "count": r.count, "open": r.open, "median": f"{r.median_days:.2f}"}
        for r in board.per_rm
    ]
    emit(
        rms,
        fmt,
        columns=_columns(config.locale, "rm", "count", "open", "median"),
        title=head["per_rm"],
    )
    if board.bottleneck is not None and fmt == "table":
        console().print(board.bottleneck.in_(config.locale), highlight=False)


@app.command("quota")
def quota(
    year: YearOption = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
    locale: LocaleOption = None,
) -> None:
    """Credit quotas of a year per branch and RM: allocated, used, available."""
    check_format(fmt)
    config = store_settings(db, locale=locale)
    chosen = year or bank_now(config).year
    with unit_of_work(open_store(config)) as session:
        lines = allocation.quotas(session, None, chosen)
    records = [
        {
            "branch": q.branch_id,
            "rm": q.rm_id or "",
            "allocated": f"{q.allocated:,.2f}",
            "quota_used": f"{q.used:,.2f}",
            "available": f"{q.available:,.2f}",
        }
        for q in lines
    ]
    emit(
        records,
        fmt,
        columns=_columns(config.locale, "branch", "rm", "allocated", "quota_used", "available"),
        title=f"{HEAD[config.locale]['quotas']} {chosen}",
        json_records=[asdict(q) for q in lines],
    )


def _plain(value: Any) -> Any:
    """Dataclasses (and tuples of them) as plain JSON-ready values."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    return value
