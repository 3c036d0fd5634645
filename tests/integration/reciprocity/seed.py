"""A hand-made ledger on the small bank of ``tests.workbench``, with its known answers.

P-RM01-1 (a person, RM01's book), as of 2026-06-30 (the window: 2025-07-01 .. 2026-06-30):
- holdings: a deposit opened 2024 (300,000 a year ago, 400,000 now), a wealth product opened
  2025-09 (50,000 now), a deposit closed 2026-03 (100,000 a year ago): balance 450,000 now,
  400,000 a year ago, change +50,000; 2 products held now;
- settlements: 100,000 in each month 2025-07 .. 2026-06 (1,200,000), 2025-06 and 2026-07 fall
  outside: contribution 450,000 + 100,000 = 550,000: VIP tier 2 (tier 1 on balance alone);
- referrals: 2 made in the window (one converted), one before it;
- favours: an introduction to P-RM03-1 (another branch), a price concession worth 12,000
  with a note, a VIP service worth 800 on the day itself; a knowledge session a year and a
  day before falls outside: 3 favours worth 12,800;
- assessed on rung 5 (win-win) on 2026-06-01; a later assessment (rung 6) lies after the date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, insert, update

from bankladder.store.database import unit_of_work
from bankladder.store.models import (
    Assessment,
    BalanceSnapshot,
    Benefit,
    Holding,
    Party,
    Product,
    Referral,
    Settlement,
)

AS_OF = dt.date(2026, 6, 30)
PARTY = "P-RM01-1"
ENTERPRISE = "P-RM01-2"
NOTE = "存款利率上浮0.2%"
D = dt.date


def seed_ledger(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        session.execute(update(Party).where(Party.id == ENTERPRISE).values(kind="enterprise"))
        session.execute(insert(Product), _products())
        session.execute(insert(Holding), _holdings())
        session.execute(insert(BalanceSnapshot), _balances())
        session.execute(insert(Settlement), _settlements())
        session.execute(insert(Referral), _referrals())
        session.execute(insert(Benefit), _benefits())
        session.execute(insert(Assessment), _assessments())


def _products() -> list[dict[str, Any]]:
    return [
        {"code": "DEP1", "name_zh": "活期存款", "name_en": "Current deposit", "family": "deposit"},
        {"code": "WM1", "name_zh": "理财", "name_en": "Wealth", "family": "wealth"},
    ]


def _holdings() -> list[dict[str, Any]]:
    return [
        {"id": 1, "party_id": PARTY, "product_code": "DEP1", "opened_on": D(2024, 1, 1)},
        {"id": 2, "party_id": PARTY, "product_code": "WM1", "opened_on": D(2025, 9, 1)},
        {
            "id": 3,
            "party_id": PARTY,
            "product_code": "DEP1",
            "opened_on": D(2024, 1, 1),
            "closed_on": D(2026, 3, 1),
        },
    ]


def _balances() -> list[dict[str, Any]]:
    rows = [
        (1, D(2025, 6, 30), "300000"),
        (1, D(2026, 5, 31), "350000"),
        (1, D(2026, 6, 30), "400000"),
        (1, D(2026, 7, 31), "999999"),  # after the date
        (2, D(2026, 6, 30), "50000"),
        (3, D(2025, 6, 30), "100000"),
        (3, D(2026, 2, 28), "100000"),
    ]
    return [{"holding_id": h, "snapshot_on": on, "amount": Decimal(a)} for h, on, a in rows]


def _settlements() -> list[dict[str, Any]]:
    months = [D(2025 + (6 + i) // 12, (6 + i) % 12 + 1, 1) for i in range(-1, 13)]
    return [
        {
            "party_id": PARTY,
            "month": month,
            "inflow": Decimal("100000"),
            "outflow": Decimal("90000"),
            "transactions": 40,
        }
        for month in months  # 2025-06 .. 2026-07: the first and the last fall outside
    ]


def _referrals() -> list[dict[str, Any]]:
    return [
        {
            "referrer_id": PARTY,
            "referee_id": ENTERPRISE,
            "referred_on": D(2026, 1, 10),
            "status": "converted",
            "converted_on": D(2026, 3, 1),
        },
        {
            "referrer_id": PARTY,
            "referee_id": "P-RM03-1",
            "referred_on": D(2026, 2, 1),
            "status": "introduced",
        },
        {
            "referrer_id": PARTY,
            "referee_id": "P-RM02-1",
            "referred_on": D(2025, 3, 1),
            "status": "converted",
            "converted_on": D(2025, 5, 1),
        },
    ]


def _benefits() -> list[dict[str, Any]]:
    base = {"party_id": PARTY, "rm_id": "RM01", "worth": None, "note": None}
    return [
        base | {"given_on": D(2026, 5, 1), "kind": "introduction", "counterpart_id": "P-RM03-1"},
        base
        | {"given_on": D(2026, 4, 1), "kind": "price_concession", "worth": Decimal("12000")}
        | {"note": NOTE, "counterpart_id": None},
        base
        | {"given_on": AS_OF, "kind": "vip_service", "worth": Decimal("800")}
        | {"counterpart_id": None},
        base | {"given_on": D(2025, 6, 30), "kind": "knowledge", "counterpart_id": None},
    ]


def _assessments() -> list[dict[str, Any]]:
    base = {"party_id": PARTY, "score": 5.0, "evidence": {}, "playbook": "default"}
    return [
        base | {"as_of": D(2026, 6, 1), "stage_id": "win_win", "stage_rank": 5},
        base | {"as_of": D(2026, 7, 15), "stage_id": "intermediary", "stage_rank": 6},
    ]
