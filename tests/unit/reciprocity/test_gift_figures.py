"""The auditor's gift figures by hand: per party, per RM, refused requests, share of limit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bankladder.reciprocity.gift_figures import GiftLine, per_party, per_rm, refused, share
from bankladder.store.vocabulary import BenefitStatus as S

pytestmark = pytest.mark.unit
DAY = dt.date(2026, 5, 1)


def line(n: int, party: str, rm: str | None, status: S, worth: str) -> GiftLine:
    return GiftLine(n, party, party, rm, "BR01", status, DAY, Decimal(worth), None)


LINES = [
    line(1, "P1", "RM01", S.GIVEN, "300"),
    line(2, "P1", "RM01", S.GIVEN, "150"),
    line(3, "P1", "RM01", S.REQUESTED, "200"),
    line(4, "P1", "RM01", S.REFUSED, "250"),
    line(5, "P2", "RM02", S.CANCELLED, "300"),
    line(6, "P2", "RM02", S.APPROVED, "120"),
    line(7, "P3", None, S.GIVEN, "80"),
]


def test_per_party_counts_given_and_the_share_of_the_limit_counts_live_gifts() -> None:
    rows = {p.party_id: p for p in per_party(LINES, Decimal(1000))}
    p1 = rows["P1"]
    assert (p1.given, p1.given_total, p1.pending_total, p1.refused) == (
        2,
        Decimal(450),
        Decimal(200),
        1,
    )
    assert p1.limit_used_pct == Decimal("65.0")
    assert (rows["P2"].given, rows["P2"].limit_used_pct) == (0, Decimal("12.0"))
    assert rows["P3"].limit_used_pct == Decimal("8.0")


def test_per_rm_and_the_refused_requests() -> None:
    rms = per_rm(LINES)
    assert [(r.rm_id, r.parties, r.given, r.given_total, r.refused) for r in rms] == [
        ("RM01", 1, 2, Decimal(450), 1),
        ("RM02", 1, 0, Decimal(0), 0),
        (None, 1, 1, Decimal(80), 0),
    ]
    assert [g.id for g in refused(LINES)] == [4]


def test_the_share_rounds_to_a_tenth() -> None:
    assert share(Decimal("333.33"), Decimal(1000)) == Decimal("33.3")
    assert share(Decimal("1000"), Decimal(1000)) == Decimal("100.0")
    assert share(Decimal("1"), Decimal(0)) == Decimal("100.0")
