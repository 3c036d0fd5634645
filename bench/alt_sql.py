"""The engine against a hand-written DuckDB facts query, measured in the same process.

    uv run python bench/alt_sql.py --data bench/out/1m --runs 3

``engine``: ``bankladder.engine.evaluate.evaluate`` as shipped. ``hand facts``: every step of
``evaluate`` unchanged (``place``, the sorted Arrow placements, ``propose_actions`` over them,
``rank_within_books``), on top of a hand-written DuckDB facts query instead of
``compute_facts``. The query states the whole catalogue and is narrowed to the facts
``evaluate`` asks for, in the engine's column order. DuckDB prunes the plain aggregates nobody
reads but still computes the distinct counts (``competitor_banks_noted``, ``supply_chain_links``),
so the hand query does a little more work than it needs to.

The engine now does what this query was written to show (``COUNT(*) FILTER``, ``arg_max`` for
balances, one aggregate over ``holding``, one join per source table), so what is left between
the two is how the same plan is phrased: the balance cut-off as a ``WHERE`` (hand) or a
``FILTER`` on ``arg_max`` (engine), the amount cast before or after ``arg_max``, ``COALESCE`` /
``ROUND`` repeated in each derived fact, and the sub-selects Ibis nests.

Runs alternate (engine, hand facts) in one process, so the ratio is measured under the same
load; the outputs are compared (placements and actions must be identical).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import ibis
import pyarrow as pa

from bankladder.engine import ranking
from bankladder.engine.actions import propose_actions, rank_within_books
from bankladder.engine.catalogue import ENTERPRISE_VIP_FACTOR, FACTS, VIP_THRESHOLDS
from bankladder.engine.evaluate import Evaluation, evaluate
from bankladder.engine.rules import place
from bankladder.ladder.model import Ladder
from common import AS_OF, cpu_seconds, default_ladder, duckdb_on, load_average, warm_imports

FACTS_SQL = """
WITH it AS (
  SELECT party_id,
    count(*) AS contacts_total,
    count(*) FILTER (WHERE occurred_at >= {s30}) AS interactions_30d,
    count(*) FILTER (WHERE occurred_at >= {s90}) AS interactions_90d,
    count(*) FILTER (WHERE kind = 'visit' AND occurred_at >= {s90}) AS visits_90d,
    count(*) FILTER (WHERE kind = 'call' AND occurred_at >= {s90}) AS calls_90d,
    count(*) FILTER (WHERE kind = 'event' AND occurred_at >= {s365}) AS events_attended_365d,
    count(*) FILTER (WHERE kind = 'care' AND occurred_at >= {s180}) AS care_events_180d,
    count(*) FILTER (WHERE kind = 'service' AND occurred_at >= {s180}) AS service_events_180d,
    count(*) FILTER (WHERE kind = 'complaint' AND occurred_at >= {s180}) AS complaints_180d,
    count(*) FILTER (WHERE kind = 'complaint' AND (resolved_at IS NULL OR resolved_at >= {end}))
      AS complaints_open,
    min(occurred_at) AS first_contact_at,
    max(occurred_at) AS last_contact_at
  FROM interaction WHERE occurred_at < {end} GROUP BY party_id
), nd AS (
  SELECT party_id,
    count(*) FILTER (WHERE nature = 'existing') AS needs_existing,
    count(*) FILTER (WHERE nature = 'latent') AS needs_latent,
    count(*) AS needs_identified,
    count(*) FILTER (WHERE presented_on <= {day}) AS needs_presented,
    count(*) FILTER (WHERE status = 'won' AND closed_on <= {day}) AS needs_won,
    count(DISTINCT competitor_bank) AS competitor_banks_noted
  FROM need WHERE identified_on <= {day} GROUP BY party_id
), bal AS (
  SELECT holding_id,
    arg_max(amount, snapshot_on) AS now_amount,
    arg_max(amount, snapshot_on) FILTER (WHERE snapshot_on <= {before}) AS before_amount
  FROM balance WHERE snapshot_on <= {day} GROUP BY holding_id
), hd AS (
  SELECT h.party_id,
    min(h.opened_on) AS first_opened_on,
    count(p.code) FILTER (WHERE h.closed_on IS NULL OR h.closed_on > {day}) AS products_held,
    count(DISTINCT p.family) FILTER (WHERE h.closed_on IS NULL OR h.closed_on > {day})
      AS product_families_held,
    sum(b.now_amount::DOUBLE) FILTER (WHERE h.closed_on IS NULL OR h.closed_on > {day})
      AS balance,
    sum(b.before_amount::DOUBLE) FILTER (
      WHERE h.opened_on <= {before} AND (h.closed_on IS NULL OR h.closed_on > {before})
    ) AS balance_before
  FROM holding h
  LEFT JOIN product p ON p.code = h.product_code
  LEFT JOIN bal b ON b.holding_id = h.id
  WHERE h.opened_on <= {day} GROUP BY h.party_id
), edge AS (
  SELECT from_party_id AS party_id, to_party_id AS partner_id FROM relationship
  WHERE kind IN ('supplier_of', 'buyer_of') AND (since IS NULL OR since <= {day})
  UNION ALL
  SELECT to_party_id, from_party_id FROM relationship
  WHERE kind IN ('supplier_of', 'buyer_of') AND (since IS NULL OR since <= {day})
), nw AS (
  SELECT e.party_id,
    count(DISTINCT e.partner_id) AS supply_chain_links,
    count(DISTINCT c.id) AS partners_on_books
  FROM edge e LEFT JOIN party c ON c.id = e.partner_id AND c.customer_since <= {day}
  GROUP BY e.party_id
), rf AS (
  SELECT referrer_id AS party_id,
    count(*) AS referrals_made,
    count(*) FILTER (WHERE status = 'converted' AND converted_on <= {day}) AS referrals_converted
  FROM referral WHERE referred_on <= {day} GROUP BY referrer_id
), joined AS (
  SELECT p.id AS party_id, p.rm_id, p.kind AS party_kind, p.segment,
    p.first_contact_on, p.customer_since, p.kyc_expires_on,
    it.* EXCLUDE (party_id), nd.* EXCLUDE (party_id), hd.* EXCLUDE (party_id),
    nw.* EXCLUDE (party_id), rf.* EXCLUDE (party_id),
    round(coalesce(hd.balance, 0.0), 2) AS total_balance,
    least(
      CASE WHEN p.first_contact_on <= {day} THEN p.first_contact_on END,
      it.first_contact_at::DATE
    ) AS first_contact
  FROM party p
  LEFT JOIN it ON it.party_id = p.id
  LEFT JOIN nd ON nd.party_id = p.id
  LEFT JOIN hd ON hd.party_id = p.id
  LEFT JOIN nw ON nw.party_id = p.id
  LEFT JOIN rf ON rf.party_id = p.id
)
SELECT party_id, rm_id, party_kind, segment,
  date_diff('day', first_contact, {day}) AS days_since_first_contact,
  date_diff('day', last_contact_at::DATE, {day}) AS days_since_last_contact,
  {counts},
  date_diff('day', first_opened_on, {day}) // 30 AS months_as_customer,
  total_balance,
  round(total_balance - round(coalesce(balance_before, 0.0), 2), 2) AS balance_change_90d,
  {vip_tier} AS vip_tier,
  coalesce(referrals_made, 0) AS referrals_made,
  coalesce(referrals_converted, 0) AS referrals_converted,
  coalesce(supply_chain_links, 0) AS supply_chain_links,
  coalesce(partners_on_books, 0) AS partners_on_books,
  coalesce(kyc_expires_on > {day}, false) AS kyc_valid,
  coalesce(customer_since <= {day}, false) AS is_customer
FROM joined
"""
COUNTS = (
    *("contacts_total", "interactions_30d", "interactions_90d", "visits_90d", "calls_90d"),
    *("events_attended_365d", "care_events_180d", "service_events_180d", "complaints_180d"),
    *("complaints_open", "needs_existing", "needs_latent", "needs_identified", "needs_presented"),
    *("needs_won", "competitor_banks_noted", "products_held", "product_families_held"),
)


def _timestamp(day: dt.date) -> str:
    return f"TIMESTAMP '{day.isoformat()} 00:00:00'"


def _vip_tier() -> str:
    factor = f"(CASE WHEN party_kind = 'enterprise' THEN {ENTERPRISE_VIP_FACTOR} ELSE 1 END)"
    whens = " ".join(
        f"WHEN total_balance >= {factor} * {least} THEN {tier}" for tier, least in VIP_THRESHOLDS
    )
    return f"CAST(CASE {whens} ELSE 0 END AS TINYINT)"


def facts_sql(day: dt.date) -> str:
    """The hand-written facts query as of ``day`` (same definitions as ``engine/facts.py``)."""

    def since(days: int) -> str:
        return _timestamp(day - dt.timedelta(days=days - 1))

    return FACTS_SQL.format(
        day=f"DATE '{day.isoformat()}'",
        before=f"DATE '{(day - dt.timedelta(days=90)).isoformat()}'",
        end=_timestamp(day + dt.timedelta(days=1)),
        s30=since(30),
        s90=since(90),
        s180=since(180),
        s365=since(365),
        counts=",\n  ".join(f"coalesce({name}, 0) AS {name}" for name in COUNTS),
        vip_tier=_vip_tier(),
    )


def hand_view(con: Any, day: dt.date, facts: Collection[str]) -> Any:
    """The hand-written facts as an Ibis table with the engine's columns: identity, then
    ``facts`` in catalogue order (what ``compute_facts(..., facts=...)`` returns)."""
    wanted = [f.name for f in FACTS if f.name in facts]
    listed = ", ".join(("party_id", "rm_id", "party_kind", "segment", *wanted))
    # con.sql() fails on Ibis 12.0.0 + DuckDB 2.0.1 (it calls the removed fetch_arrow_table)
    con.raw_sql(
        f"CREATE OR REPLACE TEMP VIEW hand_facts AS SELECT {listed} FROM ({facts_sql(day)})"
    )
    return con.table("hand_facts")


def hand_facts(con: Any, ladder: Ladder, day: dt.date) -> Evaluation:
    """``evaluate`` with the hand-written facts; every other step exactly as in the engine."""
    needed = ladder.facts_used() | set(ranking.FACTS_USED)
    facts = hand_view(con, day, needed)
    placements = con.to_pyarrow(place(facts, ladder).order_by("party_id"))
    proposed = propose_actions(ibis.memtable(placements), ladder, day)
    actions = rank_within_books(con.to_pyarrow(proposed))
    return Evaluation(as_of=day, ladder=ladder, placements=placements, actions=actions)


Variant = Callable[[Any, Ladder, dt.date], Evaluation]
VARIANTS: dict[str, Variant] = {"engine": evaluate, "hand facts": hand_facts}


def timed(variant: Variant, data: Path, ladder: Ladder) -> tuple[float, float, Evaluation]:
    """(wall seconds, CPU seconds, result) of register + one variant."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = variant(duckdb_on(data), ladder, AS_OF)
    return time.perf_counter() - wall, cpu_seconds() - cpu, result


def same(a: pa.Table, b: pa.Table) -> bool:
    return bool(a.schema == b.schema and a.equals(b))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    warm_imports()
    ladder = default_ladder()
    walls: dict[str, list[float]] = {name: [] for name in VARIANTS}
    cpus: dict[str, list[float]] = {name: [] for name in VARIANTS}
    results: dict[str, Evaluation] = {}
    for run in range(1, args.runs + 1):
        cells = []
        for name, variant in VARIANTS.items():
            wall, cpu, results[name] = timed(variant, args.data, ladder)
            walls[name].append(wall)
            cpus[name].append(cpu)
            cells.append(f"{name} {wall:.2f} s wall / {cpu:.2f} s CPU")
        print(f"run {run} (load {load_average():.1f}): " + ", ".join(cells))
    engine = results["engine"]
    for name in VARIANTS:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        ratio = statistics.median(e / v for e, v in zip(walls["engine"], walls[name], strict=True))
        rate = engine.placements.num_rows / wall
        print(
            f"median {name}: {wall:.2f} s wall, {cpu:.2f} s CPU, {rate:,.0f} parties/s, "
            f"engine/{name} {ratio:.2f}x"
        )
        alike = same(results[name].placements, engine.placements)
        alike = alike and same(results[name].actions, engine.actions)
        print(f"  placements and actions identical to the engine: {alike}")


if __name__ == "__main__":
    main()
