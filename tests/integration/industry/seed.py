"""Enterprises for the industry tests on the small bank of ``tests.workbench``, with their
known answers.

customers (enterprise, customer_since set): RM01: C13, C13, F52; RM02: F51; RM03: none.
prospects (enterprise, no customer_since):
- E-RM01-P1 C34 高新区 (assessed on rung 2), E-RM01-P2 C13 高新区, E-RM01-P3 F51 澄江区;
- E-RM02-P1 C13 高新区 (RM02, same branch BR01), E-RM03-P1 C13 高新区 (RM03, branch BR02);
- E-NONE-P1 C13 高新区 (in no RM's book).
The person P-RM01-1 carries C13 but is no enterprise: never counted nor listed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, insert, update

from bankladder.store.database import unit_of_work
from bankladder.store.models import Assessment, Party

SINCE = dt.date(2024, 1, 1)
CUSTOMERS = [
    ("E-RM01-C1", "RM01", "C13"),
    ("E-RM01-C2", "RM01", "C13"),
    ("E-RM01-C3", "RM01", "F52"),
    ("E-RM02-C1", "RM02", "F51"),
]
PROSPECTS = [
    ("E-RM01-P1", "RM01", "C34", "高新区"),
    ("E-RM01-P2", "RM01", "C13", "高新区"),
    ("E-RM01-P3", "RM01", "F51", "澄江区"),
    ("E-RM02-P1", "RM02", "C13", "高新区"),
    ("E-RM03-P1", "RM03", "C13", "高新区"),
    ("E-NONE-P1", None, "C13", "高新区"),
]


def seed_enterprises(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        session.execute(insert(Party), [*_customers(), *_prospects()])
        session.execute(
            update(Party).where(Party.id == "P-RM01-1").values(industry_code="C13", region="高新区")
        )
        session.execute(insert(Assessment), _assessments())


def _customers() -> list[dict[str, Any]]:
    return [
        {
            "id": party_id,
            "kind": "enterprise",
            "name": f"{party_id}有限公司",
            "rm_id": rm_id,
            "industry_code": code,
            "region": "高新区",
            "customer_since": SINCE,
        }
        for party_id, rm_id, code in CUSTOMERS
    ]


def _prospects() -> list[dict[str, Any]]:
    return [
        {
            "id": party_id,
            "kind": "enterprise",
            "name": f"{party_id}有限公司",
            "rm_id": rm_id,
            "industry_code": code,
            "region": region,
        }
        for party_id, rm_id, code, region in PROSPECTS
    ]


def _assessments() -> list[dict[str, Any]]:
    def one(day: dt.date, stage: str | None, rank: int) -> dict[str, Any]:
        return {
            "party_id": "E-RM01-P1",
            "as_of": day,
            "stage_id": stage,
            "stage_rank": rank,
            "score": float(rank),
            "evidence": {},
            "playbook": "default",
        }

    return [one(dt.date(2026, 5, 31), "acquaintance", 1), one(dt.date(2026, 6, 30), "discovery", 2)]
