"""Credit quota arithmetic with known answers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bankladder.loans.quota import Allocation, Approval, allocation_refusal, quota_lines

pytestmark = pytest.mark.unit

D = Decimal
ALLOCATIONS = [
    Allocation(2026, "BR01", None, D("10000000")),
    Allocation(2026, "BR01", "RM01", D("6000000")),
    Allocation(2026, "BR01", "RM02", D("3000000")),
    Allocation(2025, "BR01", None, D("99")),  # another year
]
APPROVALS = [
    Approval("BR01", "RM01", D("2500000"), dt.date(2026, 3, 1)),
    Approval("BR01", "RM01", D("4000000"), dt.date(2026, 11, 30)),
    Approval("BR01", "RM02", D("500000"), dt.date(2026, 1, 1)),
    Approval("BR01", "RM02", D("700000"), dt.date(2025, 12, 31)),  # last year's
    Approval("BR02", "RM03", D("100000"), dt.date(2026, 5, 5)),  # a branch without a quota
]


def test_allocated_used_and_available_per_branch_and_rm() -> None:
    lines = {(q.branch_id, q.rm_id): q for q in quota_lines(2026, ALLOCATIONS, APPROVALS)}
    assert list(lines) == [
        ("BR01", None),
        ("BR01", "RM01"),
        ("BR01", "RM02"),
        ("BR02", None),
        ("BR02", "RM03"),
    ]
    branch = lines[("BR01", None)]
    assert (branch.allocated, branch.used, branch.available) == (
        D(10000000),
        D(7000000),
        D(3000000),
    )
    rm01 = lines[("BR01", "RM01")]
    assert (rm01.used, rm01.available) == (D(6500000), D(-500000))  # overdrawn
    assert lines[("BR01", "RM02")].available == D(2500000)
    assert lines[("BR02", None)].available == D(-100000)


def test_rm_allocations_never_exceed_the_branchs() -> None:
    rms = {"RM01": D(6000000), "RM02": D(3000000)}
    assert allocation_refusal(D(10000000), rms, "RM02", D(4000000)) is None  # 10M exactly
    refused = allocation_refusal(D(10000000), rms, "RM02", D("4000000.01"))
    assert refused is not None
    assert "10,000,000.00" in refused.zh
    assert "RM" in refused.en
    assert allocation_refusal(D(10000000), rms, None, D(8999999)) is not None  # branch cut
    assert allocation_refusal(D(10000000), rms, None, D(9000000)) is None
    assert allocation_refusal(None, {}, "RM01", D(1)) is not None  # no branch quota yet
    assert allocation_refusal(D(1), {}, None, D(-1)) is not None
