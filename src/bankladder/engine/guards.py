"""Guard rails on proposed actions, as portable Ibis expressions.

Each action carries ``blocked_by``: the first guard rail (``ladder.policies.Guard``, in order:
an open AML alert, a customer's expired KYC, contact fatigue) that holds back an action of its
purpose, or NULL when it is free. A customer whose KYC has expired (or was never recorded) also
gets the compliance step ``refresh_kyc``, which nothing holds back. The evaluation feature puts
the reason in words next to each (``evaluation/guards.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ibis

from bankladder.engine.ranking import priority
from bankladder.ladder.model import Ladder
from bankladder.ladder.policies import Guard, Guards, Purpose

FACTS_USED = ("is_customer", "kyc_valid", "aml_flagged", "contacts_7d")
"""Facts the guard rails read, whatever the playbook's criteria read."""
REFRESH_KYC = "refresh_kyc"
"""The kind and the criterion id of the compliance step for an expired KYC."""
REFRESH_KYC_WEIGHT = 2.0  # a duty, weighed as an open complaint


def kyc_expired(row: Any) -> Any:
    """A customer whose KYC is not valid on the day (expired, or not on file)."""
    return row.is_customer & ~row.kyc_valid


def conditions(row: Any, guards: Guards) -> dict[Guard, Any]:
    """Each guard rail's condition on a placed party's facts (NULL facts hold nothing back)."""
    return {
        Guard.AML: row.aml_flagged.fill_null(False),
        Guard.KYC: kyc_expired(row).fill_null(False),
        Guard.CONTACT_FATIGUE: (row.contacts_7d >= guards.contacts_per_week).fill_null(False),
    }


def blocked_by(row: Any, purpose: Purpose, guards: Guards) -> Any:
    """The guard rail holding back an action of ``purpose`` for this party, NULL when none."""
    held = [
        (condition, ibis.literal(guard.value))
        for guard, condition in conditions(row, guards).items()
        if guards.holds_back(guard, purpose)
    ]
    return ibis.cases(*held, else_=ibis.null("string")) if held else ibis.null("string")


def refresh_kyc(placed: Any, ladder: Ladder, as_of: dt.date) -> Any:
    """The ``refresh_kyc`` step of every customer whose KYC has expired, shaped as the
    playbook's actions (aimed at the rung the party stands on, or the first)."""
    rows = placed.filter(kyc_expired(placed).fill_null(False))
    null = ibis.null("float64")
    first = ladder.stages[0].id
    return rows.select(
        party_id=rows.party_id,
        rm_id=rows.rm_id,
        criterion_id=ibis.literal(REFRESH_KYC),
        action_kind=ibis.literal(REFRESH_KYC),
        target_stage=rows.stage_id.fill_null(first),
        measured=null,
        target=null,
        gap=null,
        priority=priority(rows, weight=REFRESH_KYC_WEIGHT, target_rank=1),
        due_on=ibis.literal(as_of + dt.timedelta(days=ladder.guards.refresh_kyc_due_days)),
        blocked_by=ibis.null("string"),
    )
