"""The per-source aggregates behind the facts, one group per source table.

Each group maps the names of its raw columns to Ibis aggregate expressions and is computed in
one pass over its table, keeping only the columns asked for; a group nobody asks for is not
computed at all. Conditional counts use ``count(where=...)`` (``COUNT(*) FILTER (WHERE ...)``
on every backend), which DuckDB adds up far faster than summed casts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

import ibis

from bankladder.engine.sources import Sources
from bankladder.propensity.schemas import HORIZON_DAYS, WORKLIST_TARGET

SUPPLY_CHAIN = ("supplier_of", "buyer_of")
OUTREACH = ("visit", "call", "message", "care")
"""Contacts the bank makes (what contact fatigue counts); events, service and complaints are
the party's own visits."""
BALANCE_LOOKBACK_DAYS = 90


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

    def days_before(self, days: int) -> Any:
        return ibis.literal(self.as_of - dt.timedelta(days=days))


Scope = Sequence[str] | None


def of_parties(table: Any, column: str, party_ids: Scope) -> Any:
    return table if party_ids is None else table.filter(table[column].isin(list(party_ids)))


def _aggregate(table: Any, key: Any, columns: dict[str, Any], wanted: Collection[str]) -> Any:
    chosen = {name: expr for name, expr in columns.items() if name in wanted}
    return table.group_by(party_id=key).aggregate(**chosen) if chosen else None


def interactions(src: Sources, w: Window, party_ids: Scope, wanted: Collection[str]) -> Any:
    it = of_parties(src.interaction, "party_id", party_ids)
    it = it.filter(it.occurred_at < w.end)
    kind, at = it.kind, it.occurred_at
    unresolved = it.resolved_at.isnull() | (it.resolved_at >= w.end)
    columns = {
        "contacts_total": it.count(),
        "interactions_30d": it.count(where=at >= w.since(30)),
        "interactions_90d": it.count(where=at >= w.since(90)),
        "visits_90d": it.count(where=(kind == "visit") & (at >= w.since(90))),
        "calls_90d": it.count(where=(kind == "call") & (at >= w.since(90))),
        "events_attended_365d": it.count(where=(kind == "event") & (at >= w.since(365))),
        "care_events_180d": it.count(where=(kind == "care") & (at >= w.since(180))),
        "service_events_180d": it.count(where=(kind == "service") & (at >= w.since(180))),
        "complaints_180d": it.count(where=(kind == "complaint") & (at >= w.since(180))),
        "complaints_open": it.count(where=(kind == "complaint") & unresolved),
        "contacts_7d": it.count(where=kind.isin(OUTREACH) & (at >= w.since(7))),
        "first_contact_at": at.min(),
        "last_contact_at": at.max(),
    }
    return _aggregate(it, it.party_id, columns, wanted)


def needs(src: Sources, w: Window, party_ids: Scope, wanted: Collection[str]) -> Any:
    nd = of_parties(src.need, "party_id", party_ids)
    nd = nd.filter(nd.identified_on <= w.day)
    columns = {
        "needs_existing": nd.count(where=nd.nature == "existing"),
        "needs_latent": nd.count(where=nd.nature == "latent"),
        "needs_identified": nd.count(),
        "needs_presented": nd.count(where=nd.presented_on <= w.day),
        "needs_won": nd.count(where=(nd.status == "won") & (nd.closed_on <= w.day)),
        "competitor_banks_noted": nd.competitor_bank.nunique(),
    }
    return _aggregate(nd, nd.party_id, columns, wanted)


def _held_on(holding: Any, day: Any) -> Any:
    return (holding.opened_on <= day) & (holding.closed_on.isnull() | (holding.closed_on > day))


@ibis.udf.agg.builtin(name="arg_max")  # type: ignore[untyped-decorator]
def _duckdb_arg_max(arg: float, key: dt.date) -> float:  # type: ignore[empty-body]
    """DuckDB's ``arg_max``: the value of ``arg`` on the row with the greatest ``key``."""


def _latest_amounts(src: Sources, holding: Any, days: dict[str, Any], scoped: bool) -> Any:
    """Per holding, the amount of its latest snapshot on or before each of ``days``.

    DuckDB does it in one pass with ``arg_max``; elsewhere one pass finds the latest dates and
    a join picks their amounts. The conformance tests hold both to the same results."""
    snaps = src.balance
    if scoped:
        snaps = snaps.filter(snaps.holding_id.isin(holding.id))
    if src.dialect == "duckdb":
        amount, on = snaps.amount.cast("float64"), snaps.snapshot_on
        return snaps.group_by("holding_id").aggregate(
            **{name: _duckdb_arg_max(amount, on, where=on <= day) for name, day in days.items()}
        )
    latest = snaps.group_by("holding_id").aggregate(
        **{
            f"{name}_on": snaps.snapshot_on.max(where=snaps.snapshot_on <= day)
            for name, day in days.items()
        }
    )
    joined = snaps.join(latest, snaps.holding_id == latest.holding_id)
    amount = joined.amount.cast("float64")
    return joined.group_by("holding_id").aggregate(
        **{name: amount.sum(where=joined.snapshot_on == joined[f"{name}_on"]) for name in days}
    )


def holdings(src: Sources, w: Window, party_ids: Scope, wanted: Collection[str]) -> Any:
    """Products held, product families, first opening and balances, in one pass over holdings."""
    holding = of_parties(src.holding, "party_id", party_ids)
    holding = holding.filter(holding.opened_on <= w.day)
    before = w.days_before(BALANCE_LOOKBACK_DAYS)
    days = {
        name: day
        for name, day in (("balance", w.day), ("balance_before", before))
        if name in wanted
    }
    if days:
        amounts = _latest_amounts(src, holding, days, scoped=party_ids is not None)
        holding = holding.left_join(amounts, holding.id == amounts.holding_id)
    if "product_families_held" in wanted:
        holding = holding.left_join(src.product, holding.product_code == src.product.code)
    held_now, held_before = _held_on(holding, w.day), _held_on(holding, before)
    columns: dict[str, Callable[[], Any]] = {
        "products_held": lambda: holding.count(where=held_now),
        "first_opened_on": lambda: holding.opened_on.min(),
        "balance": lambda: holding.balance.sum(where=held_now),
        "balance_before": lambda: holding.balance_before.sum(where=held_before),
    }
    if "product_families_held" not in wanted:
        built = {name: make() for name, make in columns.items() if name in wanted}
        return _aggregate(holding, holding.party_id, built, wanted)
    return _by_family(holding, held_now, columns, wanted)


def _by_family(
    holding: Any, held_now: Any, columns: dict[str, Callable[[], Any]], wanted: Collection[str]
) -> Any:
    """The holdings aggregate with ``product_families_held``, in two plain passes: per party and
    family, then per party (a family counts when one of its products is held now).

    Same results as one pass with ``COUNT(DISTINCT family) FILTER (...)``, which DuckDB plans as
    a materialised CTE, a second group-by and a join back: at 10M parties that cost a quarter
    of the facts query (bench/scale_probe.py). Sums of sums are sums (the balances are rounded
    to cents afterwards); a NULL family (a product code missing from ``product``) is no family.
    """
    parts = {n: make() for n, make in columns.items() if n in wanted and n != "products_held"}
    per_family = holding.group_by(party_id=holding.party_id, family=holding.family).aggregate(
        held_now=holding.count(where=held_now), **parts
    )
    merged: dict[str, Callable[[], Any]] = {
        "products_held": lambda: per_family.held_now.sum().cast("int64"),
        "product_families_held": lambda: per_family.count(
            where=(per_family.held_now > 0) & per_family.family.notnull()
        ),
        "first_opened_on": lambda: per_family.first_opened_on.min(),
        "balance": lambda: per_family.balance.sum(),
        "balance_before": lambda: per_family.balance_before.sum(),
    }
    built = {name: make() for name, make in merged.items() if name in wanted}
    return _aggregate(per_family, per_family.party_id, built, wanted)


def network(src: Sources, w: Window, party_ids: Scope, wanted: Collection[str]) -> Any:
    rel = src.relationship
    rel = rel.filter(rel.kind.isin(SUPPLY_CHAIN) & (rel.since.isnull() | (rel.since <= w.day)))
    edges = rel.select(party_id=rel.from_party_id, partner_id=rel.to_party_id).union(
        rel.select(party_id=rel.to_party_id, partner_id=rel.from_party_id)
    )
    edges = of_parties(edges, "party_id", party_ids)
    customers = src.party.filter(src.party.customer_since <= w.day).select(partner=src.party.id)
    flagged = edges.left_join(customers, edges.partner_id == customers.partner)
    columns = {
        "supply_chain_links": flagged.partner_id.nunique(),
        "partners_on_books": flagged.partner.nunique(),
    }
    return _aggregate(flagged, flagged.party_id, columns, wanted)


def referrals(src: Sources, w: Window, party_ids: Scope, wanted: Collection[str]) -> Any:
    rf = of_parties(src.referral, "referrer_id", party_ids)
    rf = rf.filter(rf.referred_on <= w.day)
    columns = {
        "referrals_made": rf.count(),
        "referrals_converted": rf.count(
            where=(rf.status == "converted") & (rf.converted_on <= w.day)
        ),
    }
    return _aggregate(rf, rf.referrer_id, columns, wanted)


def wallets(src: Sources, w: Window, party_ids: Scope, wanted: Collection[str]) -> Any:
    """The newest wallet estimate on or before D: the latest date per party, then its row."""
    columns = ("wallet", "share_of_wallet", "wallet_opportunity")
    if not set(columns) & set(wanted):
        return None
    we = of_parties(src.wallet_estimate, "party_id", party_ids)
    we = we.filter(we.as_of <= w.day)
    latest = we.group_by(latest_id=we.party_id).aggregate(latest_on=we.as_of.max())
    rows = we.join(latest, (we.party_id == latest.latest_id) & (we.as_of == latest.latest_on))
    values = {
        "wallet": rows.wallet.cast("float64").max(),
        "share_of_wallet": rows.share.cast("float64").max(),
        "wallet_opportunity": rows.opportunity.cast("float64").max(),
    }
    return _aggregate(rows, rows.party_id, values, wanted)


def settlements(src: Sources, w: Window, party_ids: Scope, wanted: Collection[str]) -> Any:
    """Settlement inflows of the months whose first day lies in (D-365, D]: twelve months."""
    st = of_parties(src.settlement, "party_id", party_ids)
    st = st.filter((st.month > w.days_before(365)) & (st.month <= w.day))
    columns = {"settlement_inflow_365d": st.inflow.cast("float64").sum()}
    return _aggregate(st, st.party_id, columns, wanted)


def benefits(src: Sources, w: Window, party_ids: Scope, wanted: Collection[str]) -> Any:
    bf = of_parties(src.benefit, "party_id", party_ids)
    given = (bf.given_on > w.days_before(365)) & (bf.given_on <= w.day) & (bf.status == "given")
    bf = bf.filter(given)
    return _aggregate(bf, bf.party_id, {"benefits_given_365d": bf.count()}, wanted)


def aml_flags(src: Sources, w: Window, party_ids: Scope, wanted: Collection[str]) -> Any:
    """AML alerts open on D: raised on or before it, not cleared by then."""
    fl = of_parties(src.aml_flag, "party_id", party_ids)
    fl = fl.filter((fl.raised_on <= w.day) & (fl.cleared_on.isnull() | (fl.cleared_on > w.day)))
    return _aggregate(fl, fl.party_id, {"aml_flags_open": fl.count()}, wanted)


def _coded(src: Sources, party_ids: Scope) -> Any:
    party = of_parties(src.party, "id", party_ids)
    party = party.filter(party.industry_code.notnull())
    return party.select(coded_id=party.id, code=party.industry_code, coded_rm=party.rm_id)


def _covers(prefix: Any, code: Any) -> Any:
    """A GB/T 4754 code ``prefix`` (a section ``C`` or a division ``C13``) covers ``code``."""
    return prefix == code.substr(0, prefix.length())


def industry_targets(src: Sources, w: Window, party_ids: Scope, wanted: Collection[str]) -> Any:
    """How many of the bank's target industries (in force on D) cover the party's industry."""
    if "industry_targets_matched" not in wanted:
        return None
    party, target = _coded(src, party_ids), src.target_industry
    target = target.filter(target.since.isnull() | (target.since <= w.day))
    hits = party.join(target, _covers(target.code, party.code))
    columns = {"industry_targets_matched": hits.count()}
    return _aggregate(hits, hits.coded_id, columns, wanted)


def rm_specialisations(src: Sources, w: Window, party_ids: Scope, wanted: Collection[str]) -> Any:
    """How many specialisations of the party's RM cover the party's industry."""
    if "specialisations_matched" not in wanted:
        return None
    party, special = _coded(src, party_ids), src.rm_specialisation
    on = (special.rm_id == party.coded_rm) & _covers(special.industry_code, party.code)
    hits = party.join(special, on)
    columns = {"specialisations_matched": hits.count()}
    return _aggregate(hits, hits.coded_id, columns, wanted)


def propensity_scores(src: Sources, w: Window, party_ids: Scope, wanted: Collection[str]) -> Any:
    """The lift of the party's newest score of the worklist's target (``WORKLIST_TARGET``) on
    or before D, unless it is more than ``HORIZON_DAYS`` days old: a score says how likely a
    move is within that horizon, so an older one says nothing about today (NULL, no score)."""
    if "propensity_lift" not in wanted:
        return None
    ps = of_parties(src.propensity_score, "party_id", party_ids)
    fresh = (ps.as_of <= w.day) & (ps.as_of >= w.days_before(HORIZON_DAYS))
    ps = ps.filter((ps.target == WORKLIST_TARGET) & fresh)
    latest = ps.group_by(latest_id=ps.party_id).aggregate(latest_on=ps.as_of.max())
    rows = ps.join(latest, (ps.party_id == latest.latest_id) & (ps.as_of == latest.latest_on))
    columns = {"propensity_lift": rows.lift.cast("float64").max()}  # one row per party and day
    return _aggregate(rows, rows.party_id, columns, wanted)


GROUPS = (
    interactions,
    needs,
    holdings,
    network,
    referrals,
    wallets,
    settlements,
    benefits,
    aml_flags,
    industry_targets,
    rm_specialisations,
    propensity_scores,
)
