"""Each party's chance to move up, as the active model last scored it: what My day, the 360
page and the API show beside the actions.

A score is read as the priority reads it (``engine/fact_groups.py: propensity_scores``): the
newest of the worklist's target on or before the day, at most ``HORIZON_DAYS`` days old. A
party with none shows nothing. The callers pass only parties already in the user's scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from bankladder.propensity.reasons import Chance, chance
from bankladder.propensity.schemas import HORIZON_DAYS, WORKLIST_TARGET, Reason
from bankladder.store.models import PropensityScore


def latest_chances(
    session: Session, party_ids: Collection[str], today: dt.date
) -> dict[str, Chance]:
    """Party id -> its chance in words, for the parties of ``party_ids`` with a recent score."""
    if not party_ids:
        return {}
    oldest = today - dt.timedelta(days=HORIZON_DAYS)
    rows = session.execute(
        select(PropensityScore)
        .where(
            PropensityScore.party_id.in_(sorted(party_ids)),
            PropensityScore.target == WORKLIST_TARGET,
            PropensityScore.as_of <= today,
            PropensityScore.as_of >= oldest,
        )
        .order_by(PropensityScore.party_id, PropensityScore.as_of.desc())
    ).scalars()
    found: dict[str, Chance] = {}
    for row in rows:
        if row.party_id not in found:  # the newest comes first
            found[row.party_id] = _shown(row)
    return found


def _shown(row: PropensityScore) -> Chance:
    reasons = [Reason.from_json(item) for item in row.reasons or [] if "feature" in item]
    return chance(row.probability, row.lift, row.model_version, row.as_of, reasons)
