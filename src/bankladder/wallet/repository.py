"""Every query the wallet feature makes: the parties' peer attributes and balances, and the
estimates and peer holdings it keeps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd  # type: ignore[import-untyped]
from sqlalchemy import Float, Select, String, Table, case, delete, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from bankladder.store.bulk import in_chunks, insert_many
from bankladder.store.models import (
    BalanceSnapshot,
    Holding,
    Party,
    PeerHolding,
    Product,
    WalletEstimate,
)

RESIDENT_ID_LENGTH = 18


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _fetch_all(session: Session, query: Select[Any]) -> list[Any]:
    """Every row of a query built here, through the driver's own cursor: at a million rows the
    ORM's per-value conversions (enums, decimals) cost three times the query. The SQL is compiled
    by SQLAlchemy with its values inlined (dates and numbers chosen here, never user text)."""
    connection = session.connection()
    sql = query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    return list(connection.exec_driver_sql(str(sql)).all())


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
        type_coerce(Party.kind, String),
        Party.segment,
        Party.region,
        Party.industry_code,
        type_coerce(Party.size_band, String),
        type_coerce(Party.annual_turnover, Float),
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
    return pd.DataFrame(_fetch_all(session, query), columns=columns)


def open_holdings(session: Session, as_of: dt.date) -> pd.DataFrame:
    """(``party_id``, ``product_code``, ``family``, ``amount``) of every holding open on
    ``as_of`` with its latest balance on or before it (NULL without one), as the
    ``total_balance`` fact reads them. One query: each holding's latest snapshot is one seek in
    the balance table's primary key, so only open holdings leave the store (copying the balance
    history into DuckDB first cost ten times as much on the demo bank)."""
    latest = (
        select(BalanceSnapshot.amount)
        .where(BalanceSnapshot.holding_id == Holding.id, BalanceSnapshot.snapshot_on <= as_of)
        .order_by(BalanceSnapshot.snapshot_on.desc())
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(Holding.party_id, Holding.product_code, Product.family, latest)
        .outerjoin(Product, Product.code == Holding.product_code)
        .where(
            Holding.opened_on <= as_of,
            or_(Holding.closed_on.is_(None), Holding.closed_on > as_of),
        )
    )
    rows = _fetch_all(session, query)
    frame = pd.DataFrame(rows, columns=["party_id", "product_code", "family", "amount"])
    frame["amount"] = pd.to_numeric(frame["amount"], errors="coerce").astype(float)
    return frame


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


def unknown_parties(session: Session, party_ids: Sequence[str]) -> list[str]:
    """The ids among ``party_ids`` the store has no party for, in the order given."""
    known = set(session.scalars(select(Party.id).where(Party.id.in_(list(party_ids)))))
    return [party_id for party_id in party_ids if party_id not in known]


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
