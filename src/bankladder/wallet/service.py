"""Use cases: estimate every party's wallet as of a date and keep it; read the estimates back.

The store answers two queries (the parties' peer attributes; the holdings open on the date with
their latest balances, one index seek each), the sums and quantiles are taken in memory
(``assemble``, ``estimation``: pandas, vectorised per peer level), and the estimates and the
peer holdings of the date replace those kept for it in one transaction.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bankladder.audit import service as audit
from bankladder.errors import InvalidInput, NotFound
from bankladder.store.database import unit_of_work
from bankladder.wallet import repository
from bankladder.wallet.assemble import balances_at_bank, party_frame
from bankladder.wallet.estimation import DEFAULT_SETTINGS, Estimates, Settings, peer_holdings
from bankladder.wallet.estimation import estimate as estimate_wallets
from bankladder.wallet.schemas import EstimateRun, PartyWallet

REASON_MIN, REASON_MAX = 5, 500
UNMASK_EVENT = "wallet.unmask"
UNMASKED_FIELDS = ("at_bank", "wallet", "opportunity")


def estimate(
    store: Engine,
    as_of: dt.date,
    *,
    settings: Settings = DEFAULT_SETTINGS,
) -> EstimateRun:
    """Estimate the wallet of every party as of ``as_of`` and replace that date's estimates and
    peer holdings (one transaction)."""
    started = time.perf_counter()
    with unit_of_work(store) as session:
        profiles = repository.party_profiles(session)
        holdings = repository.open_holdings(session, as_of)
    parties = party_frame(profiles, balances_at_bank(holdings), as_of)
    held = holdings[["party_id", "product_code"]]
    found = estimate_wallets(parties, settings)
    with unit_of_work(store) as session:
        groups = record(session, as_of, found, held)
    return EstimateRun(
        as_of=as_of,
        parties=len(parties),
        customers=int(parties["customer"].sum()),
        peer_groups=groups,
        quantile=settings.quantile,
        min_peers=settings.min_peers,
        seconds=time.perf_counter() - started,
    )


def record(session: Session, as_of: dt.date, found: Estimates, held: Any) -> int:
    """Write the estimates and peer holdings of ``as_of`` in the caller's transaction (flushed,
    not committed); the number of peer groups used."""
    wallets = found.wallets.assign(as_of=as_of).to_dict("records")
    holdings = peer_holdings(found.members, held).assign(as_of=as_of).to_dict("records")
    for row in holdings:
        row["holders"], row["peers"] = int(row["holders"]), int(row["peers"])
    for row in wallets:
        row["peers"] = int(row["peers"])
    repository.replace_estimates(session, as_of, wallets, holdings)
    return int(found.wallets["peer_group"].nunique())


def wallets(
    session: Session, as_of: dt.date | None = None, party_ids: Sequence[str] | None = None
) -> list[PartyWallet]:
    """The newest estimates on or before ``as_of`` (the newest of all without it), of
    ``party_ids`` only when given; largest opportunity first. Empty when none was made;
    NotFound for a party id the store does not hold."""
    unknown = repository.unknown_parties(session, party_ids or ())
    if unknown:
        raise NotFound(f"no party {unknown[0]!r}", where="--party", fix="check the party id")
    day = repository.newest_date(session, as_of)
    if day is None:
        return []
    return [
        PartyWallet(
            party_id=w.party_id,
            name=name,
            kind=kind,
            as_of=w.as_of,
            at_bank=Decimal(w.at_bank),
            wallet=Decimal(w.wallet),
            share=float(w.share),
            opportunity=Decimal(w.opportunity),
            peer_group=w.peer_group,
            peers=w.peers,
            method=w.method,
        )
        for w, name, kind in repository.estimates_of(session, day, party_ids)
    ]


def record_unmask(
    session: Session, shown: Sequence[PartyWallet], reason: str, now: dt.datetime
) -> None:
    """Record in the audit trail that the command line's operator saw these parties' amounts in
    full, and why (the fields, never their values); refuses a reason too short or too long."""
    stated = reason.strip()
    if not REASON_MIN <= len(stated) <= REASON_MAX:
        raise InvalidInput(
            f"the reason must be {REASON_MIN} to {REASON_MAX} characters long",
            where="--unmask",
            fix="say why you need to see these amounts",
        )
    for w in shown:
        detail = {"fields": list(UNMASKED_FIELDS), "as_of": w.as_of.isoformat()}
        audit.record(
            session, None, UNMASK_EVENT, "party", w.party_id, now, reason=stated, detail=detail
        )
