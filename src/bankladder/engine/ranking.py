"""Priority of a proposed action: value potential x urgency x propensity x the action's weight.

- value potential: a band of the party's total balance (1 under 10k CNY, 2 under 100k,
  3 under 1M, 4 under 10M, 5 above), x1.5 for an enterprise, times (1 + rank of the rung
  aimed at / 10) so steps higher up the ladder weigh a little more;
- urgency: 1 + days since the last contact / 180, capped at 2 (never contacted counts as 2):
  the longer a party has been left alone, the more pressing the step;
- propensity: the lift of the party's newest score of a model of the bank's own outcomes (how
  many times the average party's chance of moving up a rung within 90 days it has: the fact
  ``propensity_lift``, kept within 0.2-5 and read only when at most 90 days old); 1.0 when the
  party has no such score, so an unscored party ranks as it did before any model;
- weight: set per action in the playbook (e.g. 2.0 for resolving a complaint).
"""

from __future__ import annotations

from typing import Any

import ibis

FACTS_USED = ("total_balance", "days_since_last_contact", "propensity_lift")
"""Facts the priority reads, whatever the playbook's criteria read."""
BALANCE_BANDS: tuple[tuple[int, int], ...] = (
    (10_000, 1),
    (100_000, 2),
    (1_000_000, 3),
    (10_000_000, 4),
)
TOP_BAND = 5
ENTERPRISE_VALUE_FACTOR = 1.5
QUIET_DAYS_CAP = 180


def value_potential(row: Any, target_rank: int) -> Any:
    band = ibis.cases(
        *[(row.total_balance < limit, band) for limit, band in BALANCE_BANDS], else_=TOP_BAND
    ).cast("float64")
    kind = ibis.ifelse(row.party_kind == "enterprise", ENTERPRISE_VALUE_FACTOR, 1.0)
    return band * kind * (1 + target_rank / 10)


def urgency(row: Any) -> Any:
    quiet = row.days_since_last_contact
    capped = ibis.cases(
        (quiet.isnull(), QUIET_DAYS_CAP), (quiet > QUIET_DAYS_CAP, QUIET_DAYS_CAP), else_=quiet
    )
    return 1 + capped.cast("float64") / QUIET_DAYS_CAP


def propensity(row: Any) -> Any:
    """The party's clipped lift, or 1.0 (as likely as anyone) without a recent score."""
    return row.propensity_lift.cast("float64").fill_null(1.0)


def priority(row: Any, *, weight: float, target_rank: int) -> Any:
    score = value_potential(row, target_rank) * urgency(row) * propensity(row) * weight
    return score.round(4)
