"""Computing the facts of the catalogue as of a date, as portable Ibis expressions.

One definition runs on DuckDB and SQLite (and later PostgreSQL and Spark). Dates are turned
into literal bounds in Python, so no backend's date arithmetic runs inside the query. Only the
facts asked for are computed (an evaluation asks for those its playbook reads): each source
table is aggregated once, with just the columns needed, and joined onto the parties in one flat
chain of left joins; a party without rows gets 0 for its counts, not NULL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

import ibis

from bankladder.engine import fact_groups
from bankladder.engine.catalogue import FACTS
from bankladder.engine.fact_groups import Window, of_parties
from bankladder.engine.sources import Sources
from bankladder.ladder.model import DEFAULT_VIP, VipTiers
from bankladder.propensity.schemas import LIFT_BOUNDS

DERIVED_FROM: dict[str, tuple[str, ...]] = {
    "days_since_first_contact": ("first_contact_at",),
    "days_since_last_contact": ("last_contact_at",),
    "months_as_customer": ("first_opened_on",),
    "total_balance": ("balance",),
    "vip_tier": ("balance", "settlement_inflow_365d"),
    "contribution": ("balance", "settlement_inflow_365d"),
    "balance_change_90d": ("balance", "balance_before"),
    "aml_flagged": ("aml_flags_open",),
    "industry_targeted": ("industry_targets_matched",),
    "rm_specialised": ("specialisations_matched",),
}
"""Facts computed from raw aggregate columns rather than aggregated directly."""
IDENTITY = ("party_id", "rm_id", "party_kind", "segment")


def raw_columns(facts: Collection[str]) -> set[str]:
    """The aggregate columns the given facts need."""
    raw = set(facts)
    for fact in facts:
        raw.update(DERIVED_FROM.get(fact, ()))
    return raw


def compute_facts(
    src: Sources,
    as_of: dt.date,
    party_ids: Sequence[str] | None = None,
    facts: Collection[str] | None = None,
    vip: VipTiers = DEFAULT_VIP,
) -> Any:
    """One row per party (or per party of ``party_ids``): its identity columns and the facts
    asked for (default: every fact of the catalogue) as of ``as_of``. ``vip``: the ladder's
    VIP tiers (``Ladder.vip``), which ``vip_tier`` reads."""
    wanted = [f.name for f in FACTS if facts is None or f.name in facts]
    w = Window(as_of)
    raw = raw_columns(wanted)
    built = (group(src, w, party_ids, raw) for group in fact_groups.GROUPS)
    parts = [part for part in built if part is not None]
    party = of_parties(src.party, "id", party_ids)
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
    return _derive(joined, w, wanted, vip)


def _first_contact(table: Any, w: Window) -> Any:
    recorded = ibis.ifelse(
        table.first_contact_on <= w.day, table.first_contact_on, ibis.null("date")
    )
    if "first_contact_at" not in table.columns:
        return recorded
    logged = table.first_contact_at.date()
    return ibis.cases(
        (recorded.isnull(), logged),
        (logged.isnull(), recorded),
        (logged < recorded, logged),
        else_=recorded,
    )


def _days_between(day: Any, earlier: Any) -> Any:
    return day.delta(earlier, unit="day").cast("int64")


def _vip_tier(kind: Any, contribution: Any, vip: VipTiers) -> Any:
    """The highest tier whose minimum the contribution reaches (enterprises: x the factor)."""
    factor = ibis.ifelse(kind == "enterprise", vip.enterprise_factor, 1)
    tiers = vip.minimums(enterprise=False)
    branches = [(contribution >= factor * minimum, tier) for tier, minimum in tiers]
    return ibis.cases(*branches, else_=0)


def _contribution(balance: Any, table: Any) -> Any:
    """The total balance plus one average month of the last twelve months' settlement inflows:
    money the party keeps with us, and the flows it routes through us, a month's worth."""
    inflow = table.settlement_inflow_365d.fill_null(0.0)
    return (balance + inflow / 12).round(2)


def _clipped_lift(lift: Any) -> Any:
    """A model's lift within ``LIFT_BOUNDS``; NULL (no recent score) stays NULL."""
    low, high = LIFT_BOUNDS
    return ibis.cases((lift < low, low), (lift > high, high), else_=lift).cast("float64")


def _derivations(table: Any, w: Window, vip: VipTiers) -> dict[str, Any]:
    """How each derived fact is built from the joined row; called lazily, by name."""
    balance = table.balance.fill_null(0.0).round(2) if "balance" in table.columns else None
    return {
        "days_since_first_contact": lambda: _days_between(w.day, _first_contact(table, w)),
        "days_since_last_contact": lambda: _days_between(w.day, table.last_contact_at.date()),
        "months_as_customer": lambda: _days_between(w.day, table.first_opened_on) // 30,
        "total_balance": lambda: balance,
        "balance_change_90d": lambda: (
            balance - table.balance_before.fill_null(0.0).round(2)
        ).round(2),
        "vip_tier": lambda: _vip_tier(table.party_kind, _contribution(balance, table), vip),
        "contribution": lambda: _contribution(balance, table),
        "settlement_inflow_365d": lambda: table.settlement_inflow_365d.fill_null(0.0).round(2),
        "wallet": lambda: table.wallet.round(2),
        "share_of_wallet": lambda: table.share_of_wallet,
        "wallet_opportunity": lambda: table.wallet_opportunity.round(2),
        "kyc_valid": lambda: (table.kyc_expires_on > w.day).fill_null(False),
        "is_customer": lambda: (table.customer_since <= w.day).fill_null(False),
        "aml_flagged": lambda: (table.aml_flags_open > 0).fill_null(False),
        "industry_targeted": lambda: (table.industry_targets_matched > 0).fill_null(False),
        "rm_specialised": lambda: (table.specialisations_matched > 0).fill_null(False),
        "propensity_lift": lambda: _clipped_lift(table.propensity_lift),
    }


def _derive(table: Any, w: Window, wanted: list[str], vip: VipTiers) -> Any:
    derivations = _derivations(table, w, vip)
    values = {
        name: derivations[name]() if name in derivations else table[name].fill_null(0)
        for name in wanted
    }
    return table.select(*IDENTITY, **values)
