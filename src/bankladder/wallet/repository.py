"""Every query the wallet feature makes: the parties' peer attributes and balances, and the
estimates and peer holdings it keeps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd  # type: ignore[import-untyped]
from sqlalchemy import Table, case, delete, func, select
from sqlalchemy.orm import Session

from bankladder.store.bulk import in_chunks, insert_many
from bankladder.store.models import Party, PeerHolding, WalletEstimate

RESIDENT_ID_LENGTH = 18
LOAN_FAMILY = "loan"

AT_BANK_SQL = """
WITH latest AS (
    SELECT holding_id, arg_max(CAST(amount AS DOUBLE), snapshot_on) AS amount
    FROM balance WHERE snapshot_on <= $day GROUP BY holding_id
), held AS (
    SELECT h.id, h.party_id, h.product_code, p.family
    FROM holding h LEFT JOIN product p ON p.code = h.product_code
    WHERE h.opened_on <= $day AND (h.closed_on IS NULL OR h.closed_on > $day)
)
SELECT held.party_id,
       coalesce(sum(latest.amount) FILTER (WHERE held.family IS DISTINCT FROM 'loan'), 0)
           AS assets,
       coalesce(sum(latest.amount) FILTER (WHERE held.family = 'loan'), 0) AS loans
FROM held LEFT JOIN latest ON latest.holding_id = held.id
GROUP BY held.party_id
"""
"""Per party holding a product on the date: the latest balance on or before it of each open
holding (as the ``total_balance`` fact reads it), loans apart from the rest."""
HELD_SQL = """
SELECT DISTINCT party_id, product_code FROM holding
WHERE opened_on <= $day AND (closed_on IS NULL OR closed_on > $day)
"""


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def party_profiles(session: Session) -> pd.DataFrame:
    """Every party's peer attributes. Of a person's 18-digit resident ID only the birth date
    (digits 7-14) is read: the number itself never leaves the store."""
    birth = case(
        (
            (Party.kind == "person") & (func.length(Party.id_number) == RESIDENT_ID_LENGTH),
            func.substr(Party.id_number, 7, 8),
        ),
        else_=None,
    )
    query = select(
        Party.id,
        Party.kind,
        Party.segment,
        Party.region,
        Party.industry_code,
        Party.size_band,
        Party.annual_turnover,
        birth,
    )
    columns = [
        "party_id",
        "kind",
        "segment",
        "region",
        "industry_code",
        "size_band",
        "turnover",
        "birth",
    ]
    return pd.DataFrame(session.execute(query).tuples().all(), columns=columns)


def balances_at_bank(backend: Any, as_of: dt.date) -> pd.DataFrame:
    """(``party_id``, ``assets``, ``loans``) of every party holding a product on ``as_of``, on
    a DuckDB backend holding the source tables."""
    return backend.con.execute(AT_BANK_SQL, {"day": as_of}).df()


def products_held(backend: Any, as_of: dt.date) -> pd.DataFrame:
    """(``party_id``, ``product_code``) of every product held on ``as_of``."""
    return backend.con.execute(HELD_SQL, {"day": as_of}).df()


def replace_estimates(
    session: Session, as_of: dt.date, wallets: list[dict[str, Any]], holdings: list[dict[str, Any]]
) -> None:
    """The wallet estimates and peer holdings of ``as_of``, replacing those of that date."""
    session.execute(delete(WalletEstimate).where(WalletEstimate.as_of == as_of))
    session.execute(delete(PeerHolding).where(PeerHolding.as_of == as_of))
    if wallets:
        insert_many(session, _table(WalletEstimate), wallets, order=("party_id",))
    if holdings:
        insert_many(session, _table(PeerHolding), holdings)
    session.flush()


def newest_date(session: Session, on_or_before: dt.date | None) -> dt.date | None:
    """The newest date with estimates, on or before ``on_or_before`` when given."""
    query = select(func.max(WalletEstimate.as_of))
    if on_or_before is not None:
        query = query.where(WalletEstimate.as_of <= on_or_before)
    return session.scalar(query)


def estimates_of(
    session: Session, as_of: dt.date, party_ids: Sequence[str] | None
) -> list[tuple[WalletEstimate, str, str]]:
    """The estimates of ``as_of`` (of ``party_ids`` only, when given) with each party's name and
    kind, largest opportunity first."""
    query = (
        select(WalletEstimate, Party.name, Party.kind)
        .join(Party, Party.id == WalletEstimate.party_id)
        .where(WalletEstimate.as_of == as_of)
        .order_by(WalletEstimate.opportunity.desc(), WalletEstimate.party_id)
    )
    if party_ids is None:
        return [(w, name, str(kind)) for w, name, kind in session.execute(query).tuples()]
    found: list[tuple[WalletEstimate, str, str]] = []
    for chunk in in_chunks(party_ids):
        chosen = query.where(WalletEstimate.party_id.in_(chunk))
        found += [(w, name, str(kind)) for w, name, kind in session.execute(chosen).tuples()]
    return sorted(found, key=lambda row: (-row[0].opportunity, row[0].party_id))


def peer_holdings_of(session: Session, as_of: dt.date, peer_group: str) -> list[PeerHolding]:
    """What the customers of one peer group hold, most held first."""
    query = (
        select(PeerHolding)
        .where(PeerHolding.as_of == as_of, PeerHolding.peer_group == peer_group)
        .order_by(PeerHolding.holders.desc(), PeerHolding.product_code)
    )
    return list(session.scalars(query))
