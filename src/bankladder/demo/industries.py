"""The demo bank's industry focus: the GB/T 4754-2017 industries it aims at (among those its
enterprises are in, ``names.INDUSTRIES``) and the two its RMs each specialise in, the same
for the same RM number in every branch, so each branch covers every target."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert

from bankladder.demo.population import RelationshipManagerCard
from bankladder.store.models import RmSpecialisation, TargetIndustry

TARGETS = (
    ("C13", 1, "城郊食品加工园区集聚，链条长、结算量大"),
    ("C34", 1, "高新区装备制造企业，设备贷款和供应链融资需求旺"),
    ("F51", 2, "批发商贸客户多，存款沉淀和结算需求大"),
    ("G54", 2, "滨江物流园，运输企业周转资金需求频繁"),
    ("I65", 3, "东湖科技孵化园，科技型小微企业成长快"),
)
"""(code, priority, why the bank aims at it)."""

SPECIALITIES = (
    ("C13", "C14"),
    ("C34", "C38"),
    ("F51", "F52"),
    ("G54", "F51"),
    ("I65", "M73"),
    ("E47", "H62"),
)
"""The industries of each branch's first, second, ... RM."""


def load(connection: Connection, rms: list[RelationshipManagerCard]) -> None:
    """Insert the demo bank's target industries and its RMs' specialisations."""
    targets = [{"code": c, "priority": p, "note": note} for c, p, note in TARGETS]
    connection.execute(insert(TargetIndustry), targets)
    connection.execute(insert(RmSpecialisation), specialisation_rows(rms))


def specialisation_rows(rms: list[RelationshipManagerCard]) -> list[dict[str, Any]]:
    return [
        {"rm_id": rm.id, "industry_code": code}
        for rm in rms
        for code in SPECIALITIES[(int(rm.id[-2:]) - 1) % len(SPECIALITIES)]
    ]
