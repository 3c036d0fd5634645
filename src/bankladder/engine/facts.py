"""How each fact of the catalogue is computed, as portable Ibis expressions.

One definition runs on DuckDB, SQLite (and later PostgreSQL and Spark). Dates are turned into
literal bounds in Python, so no backend's date arithmetic is needed inside the query; sums of
booleans are wrapped so a party without rows gets 0, not NULL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ibis

from bankladder.engine.catalogue import ENTERPRISE_VIP_FACTOR, FACTS, VIP_THRESHOLDS
from bankladder.engine.sources import Sources

SUPPLY_CHAIN = ("supplier_of", "buyer_of")


@dataclass(frozen=True)
class Window:
    """The bounds of 'as of D' as literals: D itself, the end of D, and look-back starts."""

    as_of: dt.date

    @property
    def day(self) -> Any:
        return ibis.literal(self.as_of)

    @property
    def end(self) -> Any:
        """The first instant after D: everything strictly before it happened by D."""
        return ibis.literal(dt.datetime.combine(self.as_of + dt.timedelta(days=1), dt.time.min))

    def since(self, days: int) -> Any:
        """The first instant of the last ``days`` days (D-days+1 .. D)."""
        start = self.as_of - dt.timedelta(days=days - 1)
        return ibis.literal(dt.datetime.combine(start, dt.time.min))


def _count(condition: Any) -> Any:
    return condition.cast("int64").sum()


def _days_between(day: Any, earlier: Any) -> Any:
    return day.delta(earlier, unit="day").cast("int64")


def _of_parties(table: Any, column: str, party_ids: Sequence[str] | None) -> Any:
    return table if party_ids is None else table.filter(table[column].isin(list(party_ids)))


def interaction_facts(src: Sources, w: Window, party_ids: Sequence[str] | None) -> Any:
    it = _of_parties(src.interaction, "party_id", party_ids)
    it = it.filter(it.occurred_at < w.end)
    kind, at = it.kind, it.occurred_at
    unresolved = it.resolved_at.isnull() | (it.resolved_at >= w.end)
    return it.group_by("party_id").aggregate(
        contacts_total=it.count(),
        interactions_30d=_count(at >= w.since(30)),
        interactions_90d=_count(at >= w.since(90)),
        visits_90d=_count((kind == "visit") & (at >= w.since(90))),
        calls_90d=_count((kind == "call") & (at >= w.since(90))),
        events_attended_365d=_count((kind == "event") & (at >= w.since(365))),
        care_events_180d=_count((kind == "care") & (at >= w.since(180))),
        service_events_180d=_count((kind == "service") & (at >= w.since(180))),
        complaints_180d=_count((kind == "complaint") & (at >= w.since(180))),
        complaints_open=_count((kind == "complaint") & unresolved),
        first_contact_at=at.min(),
        last_contact_at=at.max(),
    )


def need_facts(src: Sources, w: Window, party_ids: Sequence[str] | None) -> Any:
    nd = _of_parties(src.need, "party_id", party_ids)
    nd = nd.filter(nd.identified_on <= w.day)
    return nd.group_by("party_id").aggregate(
        needs_existing=_count(nd.nature == "existing"),
        needs_latent=_count(nd.nature == "latent"),
        needs_identified=nd.count(),
        needs_presented=_count(nd.presented_on.notnull() & (nd.presented_on <= w.day)),
        needs_won=_count((nd.status == "won") & (nd.closed_on <= w.day)),
        competitor_banks_noted=nd.competitor_bank.nunique(),
    )


def _held(holding: Any, day: Any) -> Any:
    return holding.filter(
        (holding.opened_on <= day) & (holding.closed_on.isnull() | (holding.closed_on > day))
    )


def _balances(src: Sources, holding: Any, day: Any) -> Any:
    """Total balance per party: the latest snapshot on or before ``day`` of each held product."""
    snapshots = src.balance.filter(src.balance.snapshot_on <= day)
    latest = snapshots.group_by("holding_id").aggregate(latest_on=snapshots.snapshot_on.max())
    current = snapshots.join(
        latest,
        [snapshots.holding_id == latest.holding_id, snapshots.snapshot_on == latest.latest_on],
    ).select("holding_id", "amount")
    held = _held(holding, day)
    joined = held.join(current, held.id == current.holding_id)
    return joined.group_by("party_id").aggregate(balance=joined.amount.cast("float64").sum())


def holding_facts(src: Sources, w: Window, party_ids: Sequence[str] | None) -> Any:
    holding = _of_parties(src.holding, "party_id", party_ids)
    held = _held(holding, w.day)
    with_family = held.join(src.product, held.product_code == src.product.code)
    counts = with_family.group_by("party_id").aggregate(
        products_held=with_family.count(),
        product_families_held=with_family.family.nunique(),
    )
    opened = holding.filter(holding.opened_on <= w.day)
    first = opened.group_by("party_id").aggregate(first_opened_on=opened.opened_on.min())
    now = _balances(src, holding, w.day)
    before = _balances(src, holding, ibis.literal(w.as_of - dt.timedelta(days=90)))
    before = before.rename(balance_before="balance")
    return first, counts, now, before


def network_facts(src: Sources, w: Window, party_ids: Sequence[str] | None) -> Any:
    rel = src.relationship
    rel = rel.filter(rel.kind.isin(SUPPLY_CHAIN) & (rel.since.isnull() | (rel.since <= w.day)))
    edges = rel.select(party_id=rel.from_party_id, partner_id=rel.to_party_id).union(
        rel.select(party_id=rel.to_party_id, partner_id=rel.from_party_id)
    )
    edges = _of_parties(edges, "party_id", party_ids)
    customers = src.party.filter(src.party.customer_since <= w.day).select(partner=src.party.id)
    flagged = edges.left_join(customers, edges.partner_id == customers.partner)
    return flagged.group_by("party_id").aggregate(
        supply_chain_links=flagged.partner_id.nunique(),
        partners_on_books=flagged.partner.nunique(),
    )


def referral_facts(src: Sources, w: Window, party_ids: Sequence[str] | None) -> Any:
    rf = _of_parties(src.referral, "referrer_id", party_ids)
    rf = rf.filter(rf.referred_on <= w.day)
    converted = (rf.status == "converted") & (rf.converted_on <= w.day)
    return rf.group_by(party_id=rf.referrer_id).aggregate(
        referrals_made=rf.count(),
        referrals_converted=_count(converted),
    )


def _vip_tier(kind: Any, balance: Any) -> Any:
    factor = ibis.ifelse(kind == "enterprise", ENTERPRISE_VIP_FACTOR, 1)
    branches = [(balance >= factor * minimum, tier) for tier, minimum in VIP_THRESHOLDS]
    return ibis.cases(*branches, else_=0)


def compute_facts(src: Sources, as_of: dt.date, party_ids: Sequence[str] | None = None) -> Any:
    """One row per party: its identity columns and every fact of the catalogue as of ``as_of``."""
    w = Window(as_of)
    party = _of_parties(src.party, "id", party_ids)
    first, counts, now, before = holding_facts(src, w, party_ids)
    parts = [
        interaction_facts(src, w, party_ids),
        need_facts(src, w, party_ids),
        first,
        counts,
        now,
        before,
        network_facts(src, w, party_ids),
        referral_facts(src, w, party_ids),
    ]
    table = party.select(
        party_id=party.id,
        rm_id=party.rm_id,
        party_kind=party.kind,
        segment=party.segment,
        first_contact_on=party.first_contact_on,
        customer_since=party.customer_since,
        kyc_expires_on=party.kyc_expires_on,
    )
    keyed = [part.rename(**{f"party_id_{i}": "party_id"}) for i, part in enumerate(parts)]
    joined = table
    for i, part in enumerate(keyed):  # one flat chain of joins: SQLite's parser stays shallow
        joined = joined.left_join(part, table.party_id == part[f"party_id_{i}"])
    return _derive(joined, w)


def _first_contact(table: Any, w: Window) -> Any:
    recorded = ibis.ifelse(
        table.first_contact_on <= w.day, table.first_contact_on, ibis.null("date")
    )
    logged = table.first_contact_at.date()
    return ibis.cases(
        (recorded.isnull(), logged),
        (logged.isnull(), recorded),
        (logged < recorded, logged),
        else_=recorded,
    )


def _derive(table: Any, w: Window) -> Any:
    counts = [f.name for f in FACTS if f.name in table.columns and f.type == "integer"]
    filled = {name: table[name].fill_null(0) for name in counts}
    balance = table.balance.fill_null(0.0).round(2)
    before = table.balance_before.fill_null(0.0).round(2)
    first_opened = table.first_opened_on
    derived = table.mutate(
        **filled,
        days_since_first_contact=_days_between(w.day, _first_contact(table, w)),
        days_since_last_contact=_days_between(w.day, table.last_contact_at.date()),
        months_as_customer=_days_between(w.day, first_opened) // 30,
        total_balance=balance,
        balance_change_90d=(balance - before).round(2),
        vip_tier=_vip_tier(table.party_kind, balance),
        kyc_valid=(table.kyc_expires_on > w.day).fill_null(False),
        is_customer=(table.customer_since <= w.day).fill_null(False),
    )
    return derived.select("party_id", "rm_id", "party_kind", "segment", *[f.name for f in FACTS])
