"""``bankladder reciprocity --party ID``: one party's reciprocity ledger, masked by default.

What the bank gave against what the party brought over the twelve months up to ``--as-of``
(default: today on the bank's clock), its contribution and VIP tier, and the balance in words.
``--unmask REASON`` prints the amounts in full and records the reason in the audit trail.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import typer

from bankladder.cli.options import (
    AsOfOption,
    DbOption,
    FormatOption,
    LocaleOption,
    check_format,
    console,
    open_store,
    parse_date,
    store_settings,
)
from bankladder.cli.output import emit
from bankladder.config import bank_now
from bankladder.reciprocity import service
from bankladder.reciprocity.schemas import Ledger
from bankladder.store.database import unit_of_work

PartyOption = Annotated[str, typer.Option("--party", help="The party's number.")]
UnmaskOption = Annotated[
    str | None,
    typer.Option("--unmask", help="Show the amounts in full; the reason is recorded (audit)."),
]
HEAD = {
    "zh-CN": {"item": "项目", "value": "数值", "title": "互惠台账"},
    "en": {"item": "Item", "value": "Value", "title": "Reciprocity ledger"},
}


def reciprocity(
    party: PartyOption,
    as_of: AsOfOption = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
    locale: LocaleOption = None,
    unmask: UnmaskOption = None,
) -> None:
    """One party's reciprocity ledger: what the bank gave, what the party brought (masked)."""
    check_format(fmt)
    config = store_settings(db, locale=locale)
    now = bank_now(config)
    day = parse_date(as_of) or now.date()
    with unit_of_work(open_store(config)) as session:
        if unmask is None:
            view = service.ledger(session, config, None, party, day)
        else:
            view = service.unmask(session, config, None, party, day, unmask, now)
    head = HEAD[config.locale]
    emit(
        records(view),
        fmt,
        columns=[("item", head["item"]), ("value", head["value"])],
        title=f"{head['title']} {view.party.id} · {view.as_of.isoformat()}",
        json_records=[asdict(view)],
    )
    if fmt == "table":
        console().print(view.statement.in_(config.locale), highlight=False)


def records(view: Ledger) -> list[dict[str, Any]]:
    """The ledger as (item, value) rows: the party, the bank's side, the party's side."""
    rows: list[tuple[str, Any]] = [
        ("party", view.party.id),
        ("name", view.party.name),
        ("stage", view.party.stage_id or ""),
        ("vip_tier", view.vip_tier),
        ("contribution", view.contribution),
        ("given.count", view.given.count),
        ("given.worth", view.given.worth),
    ]
    rows += [(f"given.{k.kind}", f"{k.count} / {k.worth}") for k in view.given.by_kind]
    brought = view.brought
    rows += [
        ("brought.balance", brought.balance),
        ("brought.balance_year_ago", brought.balance_year_ago),
        ("brought.balance_change", brought.balance_change),
        ("brought.settlement_inflow", brought.settlement_inflow),
        ("brought.settlement_months", brought.settlement_months),
        ("brought.referrals_made", brought.referrals_made),
        ("brought.referrals_converted", brought.referrals_converted),
        ("brought.products_held", brought.products_held),
    ]
    return [{"item": item, "value": value} for item, value in rows]
