"""Where the VIP tiers' thresholds come from: one place, so the ledger and the engine agree.

Until the playbook carries its own ``vip:`` section, the engine's catalogue holds them: a
person needs the minimum of a tier, an enterprise ``ENTERPRISE_VIP_FACTOR`` times as much.
"""

from __future__ import annotations

from bankladder.engine.catalogue import ENTERPRISE_VIP_FACTOR, VIP_THRESHOLDS
from bankladder.reciprocity.ledger import Thresholds


def vip_thresholds() -> tuple[Thresholds, float]:
    """(tier, a person's minimum contribution in CNY) from the highest tier, and the
    enterprise factor."""
    return tuple((tier, float(minimum)) for tier, minimum in VIP_THRESHOLDS), float(
        ENTERPRISE_VIP_FACTOR
    )
