"""The network's inputs as SQL that DuckDB and Spark SQL both run, over views named as the
store's tables: ``party``, ``relationship``, ``referral``, ``assessment`` (or an extract's
``previous_stage``, same columns) and ``wallet_estimate``. One text for both engines, so both
read the same parties, edges, introducers and potentials.
"""

from __future__ import annotations

import datetime as dt

from bankladder.network.graph import KINDS

INTRODUCER_RANK = 5
"""Parties whose latest rung is at least this (win-win and above) are asked for introductions."""
WALLET_DIGITS = 9
"""A wallet of 10^9 CNY (or more) is worth a potential of 1; below, its order of magnitude."""
BAND_POTENTIAL = {"large": 1.0, "medium": 0.7, "small": 0.4, "micro": 0.2}
OTHER_POTENTIAL = 0.3
"""A party with neither a wallet estimate nor a size band: a modest, unknown worth."""

POTENTIAL_SQL = (
    "CASE WHEN w.wallet > 0 THEN "
    f"least(1.0, log10(1 + CAST(w.wallet AS DOUBLE)) / {WALLET_DIGITS}.0) "
    + " ".join(
        f"WHEN p.size_band = '{band}' THEN {value}" for band, value in BAND_POTENTIAL.items()
    )
    + f" ELSE {OTHER_POTENTIAL} END"
)
"""A prospect's potential in [0, 1]: from its estimated wallet when there is one (log10 of the
wallet / 9, so 100k CNY = 0.56, 10M = 0.78, 1bn = 1), else from its size band (enterprises),
else ``OTHER_POTENTIAL``."""

KIND_CODE_SQL = (
    "CASE e.kind "
    + " ".join(f"WHEN '{kind}' THEN {code}" for code, kind in enumerate(KINDS))
    + " END"
)


def latest_sql(table: str, value: str, as_of: dt.date) -> str:
    """Each party's ``value`` at its latest row on or before ``as_of``."""
    return (
        f"SELECT party_id, max_by({value}, as_of) AS {value} FROM {table} "  # noqa: S608
        f"WHERE as_of <= DATE '{as_of.isoformat()}' GROUP BY party_id"
    )


def parties_sql(as_of: dt.date, *, stages: str, size_band: bool) -> str:
    """One row per party: id, RM, customer as of the date, latest rung, potential."""
    band = "p.size_band" if size_band else "CAST(NULL AS STRING)"
    # every piece is this module's own text or a date's ISO form: nothing from outside
    return (
        "SELECT p.id, p.rm_id, "  # noqa: S608
        f"(p.customer_since IS NOT NULL AND p.customer_since <= DATE '{as_of.isoformat()}') "
        "AS customer, coalesce(s.stage_rank, 0) AS stage_rank, "
        f"{POTENTIAL_SQL.replace('p.size_band', band)} AS potential "
        "FROM party p "
        f"LEFT JOIN ({latest_sql(stages, 'stage_rank', as_of)}) s ON s.party_id = p.id "
        f"LEFT JOIN ({latest_sql('wallet_estimate', 'wallet', as_of)}) w ON w.party_id = p.id"
    )


def edges_sql(*, referrals: bool) -> str:
    """Every stored edge as (from_id, to_id, kind): relationships as they are, referrals as
    referrer -> referee of kind ``referred``."""
    relationships = "SELECT from_party_id AS from_id, to_party_id AS to_id, kind FROM relationship"
    if not referrals:
        return relationships
    return (
        f"{relationships} UNION ALL "  # noqa: S608
        "SELECT referrer_id AS from_id, referee_id AS to_id, 'referred' AS kind FROM referral"
    )
