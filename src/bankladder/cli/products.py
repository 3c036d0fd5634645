"""``bankladder products [--party ID]``: the catalogue with its selling points, or the products
to put before one party with their reasons (resource mining), masked by default.

``--unmask REASON`` (with ``--party``) prints the amounts in full and records the reason in the
audit trail.
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
    console,
    open_store,
    store_settings,
)
from bankladder.cli.output import emit
from bankladder.config import bank_now
from bankladder.errors import InvalidInput
from bankladder.products import service
from bankladder.products.families import family_name
from bankladder.products.schemas import PartyProducts, ProductCard
from bankladder.store.database import unit_of_work

PartyOption = Annotated[
    str | None, typer.Option("--party", help="A party's number: the products to offer it.")
]
UnmaskOption = Annotated[
    str | None,
    typer.Option("--unmask", help="With --party: amounts in full; the reason is recorded."),
]
HEAD = {
    "zh-CN": {
        "code": "产品代码",
        "family": "产品类别",
        "name": "产品",
        "for": "适用客群",
        "first": "需先持有",
        "against": "竞品卖点",
        "rung": "阶梯",
        "reason": "理由",
        "catalogue": "产品目录",
        "fit": "可推荐的产品",
    },
    "en": {
        "code": "Code",
        "family": "Family",
        "name": "Product",
        "for": "For",
        "first": "Hold first",
        "against": "Selling points against",
        "rung": "Rung",
        "reason": "Reasons",
        "catalogue": "Product catalogue",
        "fit": "Products to offer",
    },
}


def products(
    party: PartyOption = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
    locale: LocaleOption = None,
    unmask: UnmaskOption = None,
) -> None:
    """The product catalogue, or (--party) the products to offer one party and why."""
    check_format(fmt)
    if unmask is not None and party is None:
        raise InvalidInput("--unmask needs --party", where="--unmask", fix="name the party")
    config = store_settings(db, locale=locale)
    with unit_of_work(open_store(config)) as session:
        if party is None:
            print_catalogue(service.catalogue(session), fmt, config.locale)
            return
        if unmask is None:
            view = service.party_products(session, None, party)
        else:
            view = service.unmask(session, None, party, unmask, bank_now(config))
    print_fit(view, fmt, config.locale)


def print_catalogue(cards: tuple[ProductCard, ...], fmt: str, locale: str) -> None:
    head = HEAD[locale]
    records = [
        {
            "code": c.code,
            "family": family_name(c.family).in_(locale),
            "name": c.name.in_(locale),
            "for": ", ".join(c.target_segments),
            "first": ", ".join(c.prerequisites),
            "against": ", ".join(p.competitor_name.in_(locale) for p in c.selling_points),
        }
        for c in cards
    ]
    emit(
        records,
        fmt,
        columns=[(key, head[key]) for key in ("code", "family", "name", "for", "first", "against")],
        title=head["catalogue"],
        json_records=[asdict(c) for c in cards],
    )


def print_fit(view: PartyProducts, fmt: str, locale: str) -> None:
    head = HEAD[locale]
    emit(
        fit_records(view, locale),
        fmt,
        columns=[(key, head[key]) for key in ("code", "name", "rung", "reason", "against")],
        title=f"{head['fit']} {view.party_id} {view.name}",
        json_records=[asdict(view)],
    )
    if fmt == "table":
        for line in summary(view, locale):
            console().print(line, highlight=False)


def fit_records(view: PartyProducts, locale: str) -> list[dict[str, Any]]:
    return [
        {
            "code": s.product_code,
            "name": s.name.in_(locale),
            "rung": s.rung,
            "reason": "; ".join(r.text.in_(locale) for r in s.reasons),
            "against": "; ".join(
                f"{p.competitor_name.in_(locale)}: {p.point.in_(locale)}" for p in s.selling_points
            ),
        }
        for s in view.suggestions
    ]


def summary(view: PartyProducts, locale: str) -> list[str]:
    """The wallet and the idle cash under the table, in the user's language."""
    zh = locale == "zh-CN"
    lines = []
    if view.wallet is not None:
        w = view.wallet
        share = f"{w.share:.0%}"
        lines.append(
            f"钱包份额 {share}，他行潜在机会 CNY {w.opportunity}（同类客户组 {w.peer_group}，"
            f"{w.peers} 户，{w.as_of.isoformat()}）"
            if zh
            else f"Share of wallet {share}, opportunity elsewhere CNY {w.opportunity} "
            f"(peer group {w.peer_group}, {w.peers} parties, {w.as_of.isoformat()})"
        )
    if view.idle_cash is not None:
        i = view.idle_cash
        lines.append(
            f"闲置资金 CNY {i.amount}，已停留 {i.months} 个月（自 {i.since.isoformat()}）"
            if zh
            else f"Idle cash CNY {i.amount} for {i.months} months (since {i.since.isoformat()})"
        )
    return lines
