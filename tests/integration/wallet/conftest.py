"""A small bank whose wallets are worked out by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.support import StoreBuilder


def small_bank(b: StoreBuilder) -> None:
    """Three mass-segment persons born in 1990 (age 36), one prospect of the same age, a
    person with a loan, and two firms with turnovers."""
    for day, pid, amount in ((1, "A", "1000.00"), (2, "B", "2000.00"), (3, "C", "3000.00")):
        b.party(pid, segment="mass", region="东城区", id_number=f"1101011990010{day}123X")
        b.holding(pid, "DEP", "2025-01-01", balances={"2026-05-31": "1.00", "2026-06-30": amount})
    b.party("N", segment="mass", region="东城区", id_number="110101199001011234")
    b.holding("C", "WM", "2026-01-01", closed="2026-06-30", balances={"2026-03-31": "99999"})
    b.holding("A", "LOAN", "2026-01-01", balances={"2026-06-30": "50000.00"})
    b.holding("B", "CARD", "2026-07-01")  # opened after the date
    for pid, loan, turnover in (("E1", "100000.00", "1000000"), ("E2", "300000.00", "2000000")):
        b.party(
            pid,
            kind="enterprise",
            segment="sme",
            industry_code="C13",
            size_band="small",
            annual_turnover=Decimal(turnover),
        )
        b.holding(pid, "LOAN", "2026-01-01", balances={"2026-06-30": loan})


@pytest.fixture
def store(store_path: Path) -> Engine:
    b = StoreBuilder()
    small_bank(b)
    return b.build(store_path)
