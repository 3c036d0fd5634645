"""``bankladder concessions list``: the price concessions (议价) of the store, as its
operator sees them: the party (a person's name masked), the product, what is lowered or raised,
the size in basis points or percent of the fee, where the request stands and which role
decides it. The standard and requested prices are the party's (C2): always masked here."""

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
from bankladder.concessions import service
from bankladder.concessions.schemas import ConcessionShown
from bankladder.errors import InvalidInput
from bankladder.store.database import unit_of_work
from bankladder.store.vocabulary import ConcessionStatus

app = typer.Typer(help="Price talks (议价): concession requests and their decisions.")
StatusOption = Annotated[
    str | None,
    typer.Option("--status", help="requested, approved, rejected or withdrawn (default: all)."),
]
HEAD = {
    "zh-CN": {
        "id": "编号",
        "party": "客户",
        "name": "客户名称",
        "product": "产品",
        "kind": "优惠项目",
        "size": "优惠幅度",
        "status": "状态",
        "required_role": "审批层级",
        "maker": "申请人",
        "requested_at": "申请时间",
        "title": "议价申请",
    },
    "en": {
        "id": "No.",
        "party": "Party",
        "name": "Name",
        "product": "Product",
        "kind": "Kind",
        "size": "Size",
        "status": "Status",
        "required_role": "Decided by",
        "maker": "Maker",
        "requested_at": "Requested",
        "title": "Price concessions",
    },
}
COLUMNS = ("id", "party", "name", "product", "kind", "size", "status", "required_role", "maker")


@app.command("list")
def list_concessions(
    status: StatusOption = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
    locale: LocaleOption = None,
) -> None:
    """The concession requests, newest first (prices masked)."""
    check_format(fmt)
    wanted = _status(status)
    config = store_settings(db, locale=locale)
    with unit_of_work(open_store(config)) as session:
        shown = service.listing(session, wanted)
    head = HEAD[config.locale]
    emit(
        [record(c) for c in shown],
        fmt,
        columns=[(key, head[key]) for key in (*COLUMNS, "requested_at")],
        title=head["title"],
        json_records=[asdict(c) | {"size_amount": str(c.size_amount)} for c in shown],
    )


def record(c: ConcessionShown) -> dict[str, Any]:
    return {
        "id": c.id,
        "party": c.party_id,
        "name": c.party_name,
        "product": c.product_code,
        "kind": c.kind,
        "size": c.size,
        "status": c.status,
        "required_role": c.required_role,
        "maker": c.maker,
        "requested_at": c.requested_at.strftime("%Y-%m-%d %H:%M"),
    }


def _status(value: str | None) -> ConcessionStatus | None:
    if value is None:
        return None
    try:
        return ConcessionStatus(value.strip())
    except ValueError:
        choices = ", ".join(s.value for s in ConcessionStatus)
        raise InvalidInput(
            f"no status {value!r}", where="--status", fix=f"choose one of: {choices}"
        ) from None
