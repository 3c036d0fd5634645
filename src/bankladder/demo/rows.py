"""Rows of the store's tables, built from the demo bank's plans."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from bankladder.demo.catalogue import CATALOGUE
from bankladder.demo.holdings import HoldingPlan
from bankladder.demo.journeys import Journey
from bankladder.demo.names import BANK_NAME, BANK_PROFILE, BRANCHES, CITY
from bankladder.demo.population import Persona, RelationshipManagerCard

Row = dict[str, Any]
KYC_EXPIRED_SHARE = 0.05


def bank_rows() -> list[Row]:
    return [{"name": BANK_NAME, "profile": BANK_PROFILE}]


def branch_rows() -> list[Row]:
    return [{"id": b.id, "name": b.name, "city": CITY} for b in BRANCHES]


def rm_rows(rms: list[RelationshipManagerCard]) -> list[Row]:
    return [{"id": rm.id, "name": rm.name, "branch_id": rm.branch_id, "active": True} for rm in rms]


def product_rows() -> list[Row]:
    return [
        {
            "code": p.code,
            "name_zh": p.name_zh,
            "name_en": p.name_en,
            "family": p.family.value,
            "target_segments": list(p.target_segments),
            "target_industries": list(p.target_industries),
            "selling_points_zh": p.selling_points_zh,
            "selling_points_en": p.selling_points_en,
            "need_kinds": list(p.need_kinds),
            "prerequisites": list(p.prerequisites),
        }
        for p in CATALOGUE
    ]


def selling_point_rows() -> list[Row]:
    """Each product's selling points against a kind of competitor, in both languages."""
    return [
        {"product_code": p.code, "competitor": s.competitor, "point_zh": s.zh, "point_en": s.en}
        for p in CATALOGUE
        for s in p.points
    ]


def party_row(persona: Persona, journey: Journey, as_of: dt.date, rng: random.Random) -> Row:
    return {
        "id": persona.id,
        "kind": persona.kind,
        "name": persona.name,
        "id_number": persona.id_number,
        "mobile": persona.mobile,
        "segment": persona.segment,
        "industry_code": persona.industry_code,
        "region": persona.district.name,
        "rm_id": persona.rm_id,
        "prospect_group": persona.prospect_group,
        "first_contact_on": journey.first_contact_on,
        "customer_since": journey.customer_since,
        "kyc_expires_on": _kyc_expiry(journey, as_of, rng),
        "size_band": persona.wallet.size_band if persona.wallet else None,
        "annual_turnover": persona.wallet.annual_turnover if persona.wallet else None,
    }


def _kyc_expiry(journey: Journey, as_of: dt.date, rng: random.Random) -> dt.date | None:
    """Customers' identity checks expire some time ahead; a few have lapsed already."""
    if journey.customer_since is None:
        return None
    if rng.random() < KYC_EXPIRED_SHARE:
        return as_of - dt.timedelta(days=rng.randint(1, 300))
    return as_of + dt.timedelta(days=rng.randint(30, 1800))


def holding_rows(persona: Persona, plans: Sequence[HoldingPlan]) -> list[Row]:
    return [
        {
            "party_id": persona.id,
            "product_code": p.product.code,
            "account_no": p.account_no,
            "opened_on": p.opened_on,
            "closed_on": p.closed_on,
        }
        for p in plans
    ]
