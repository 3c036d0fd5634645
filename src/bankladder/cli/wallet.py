"""``bankladder wallet``: each party's estimated wallet, share of wallet and opportunity;
``bankladder wallet estimate``: compute and keep them as of a date.

Amounts are personal financial data (C2): masked unless ``--unmask REASON`` is given (the
reason goes to the audit trail, one event per party shown); persons' names are masked like
张*. The share and the peer group are shown as they are.
"""

from __future__ import annotations

from decimal import Decimal
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
from bankladder.config import bank_now, today
from bankladder.errors import InvalidInput
from bankladder.privacy.masking import MASKED_AMOUNT, party_name
from bankladder.store.database import unit_of_work
from bankladder.wallet.estimation import Settings
from bankladder.wallet.schemas import PartyWallet
from bankladder.wallet.service import estimate as estimate_wallets
from bankladder.wallet.service import record_unmask, wallets

app = typer.Typer(
    help="Share of wallet: estimated wallets, shares and opportunities (estimate: compute them).",
    invoke_without_command=True,
)
DEFAULT_LIMIT = 20
HEAD = {
    "zh-CN": {
        "party": "客户",
        "name": "名称",
        "at_bank": "在我行",
        "wallet": "估算钱包",
        "share": "份额",
        "opportunity": "机会",
        "peer_group": "同类客户组",
        "peers": "组内客户数",
    },
    "en": {
        "party": "Party",
        "name": "Name",
        "at_bank": "With us",
        "wallet": "Wallet",
        "share": "Share",
        "opportunity": "Opportunity",
        "peer_group": "Peer group",
        "peers": "Peers",
    },
}


@app.callback()
def show(
    ctx: typer.Context,
    party: Annotated[
        list[str] | None, typer.Option("--party", help="Only this party (repeatable).")
    ] = None,
    as_of: AsOfOption = None,
    limit: Annotated[
        int, typer.Option("--limit", help="How many, largest opportunity first; 0: all.")
    ] = DEFAULT_LIMIT,
    unmask: Annotated[
        str | None,
        typer.Option("--unmask", help="Show the amounts in full; the reason is recorded (audit)."),
    ] = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
    locale: LocaleOption = None,
) -> None:
    """The newest wallet estimates on or before --as-of (default: the newest made)."""
    if ctx.invoked_subcommand is not None:
        return
    check_format(fmt)
    config = store_settings(db, locale=locale)
    with unit_of_work(open_store(config)) as session:
        found = wallets(session, parse_date(as_of), party or None)
        if not found:
            raise InvalidInput(
                "no wallet estimate" + (" for that party" if party else " on or before that date"),
                where="--party" if party else "--as-of",
                fix="run `bankladder wallet estimate --as-of YYYY-MM-DD` first",
            )
        shown = found if limit <= 0 else found[:limit]
        if unmask is not None:
            record_unmask(session, shown, unmask, bank_now(config))
    _print(shown, fmt, config.locale, unmask=unmask is not None)


def _amount(value: Decimal, unmask: bool) -> str:
    return f"{value:,.2f}" if unmask else MASKED_AMOUNT


def _print(found: list[PartyWallet], fmt: str, locale: str, *, unmask: bool) -> None:
    head = HEAD[locale]
    records = [
        {
            "party": w.party_id,
            "name": party_name(w.name, w.kind),
            "at_bank": _amount(w.at_bank, unmask),
            "wallet": _amount(w.wallet, unmask),
            "share": f"{w.share:.1%}",
            "opportunity": _amount(w.opportunity, unmask),
            "peer_group": w.peer_group,
            "peers": w.peers,
        }
        for w in found
    ]
    title = "钱包份额" if locale == "zh-CN" else "Share of wallet"
    emit(
        records,
        fmt,
        columns=[(key, head[key]) for key in head],
        title=f"{title} {found[0].as_of}",
        json_records=[_json(w, unmask) for w in found],
    )


def _json(w: PartyWallet, unmask: bool) -> dict[str, Any]:
    def money(value: Decimal) -> str:
        return str(value) if unmask else MASKED_AMOUNT

    return {
        "party_id": w.party_id,
        "name": party_name(w.name, w.kind),
        "as_of": w.as_of,
        "at_bank": money(w.at_bank),
        "wallet": money(w.wallet),
        "share": round(w.share, 4),
        "opportunity": money(w.opportunity),
        "peer_group": w.peer_group,
        "peers": w.peers,
        "method": w.method,
    }


@app.command("estimate")
def estimate(
    as_of: AsOfOption = None,
    quantile: Annotated[
        float | None,
        typer.Option(
            "--quantile",
            help="How high among peers the wallet is read (0.5-0.99; default "
            "BANKLADDER_WALLET_QUANTILE, 0.9).",
        ),
    ] = None,
    min_peers: Annotated[
        int | None,
        typer.Option(
            "--min-peers",
            help="Fewest customers of a peer group before backing off (default "
            "BANKLADDER_WALLET_MIN_PEERS, 30).",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Estimate every party's wallet as of a date (default: today) and keep the estimates,
    replacing those of that date."""
    config = store_settings(db)
    try:
        settings = Settings(
            quantile=config.wallet_quantile if quantile is None else quantile,
            min_peers=config.wallet_min_peers if min_peers is None else min_peers,
        )
    except ValueError as invalid:
        raise InvalidInput(
            str(invalid), where="--quantile / --min-peers", fix="e.g. --quantile 0.9"
        ) from None
    day = parse_date(as_of) or today(config)
    run = estimate_wallets(open_store(config), day, settings=settings)
    console().print(
        f"Estimated the wallets of {run.parties:,} parties ({run.customers:,} customers) as of "
        f"{run.as_of} in {run.seconds:.1f} s: {run.peer_groups:,} peer groups, quantile "
        f"{run.quantile}, at least {run.min_peers} customers a group."
    )
