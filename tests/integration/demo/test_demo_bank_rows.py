"""The demo bank's rows are well formed, consistent with each other and plausible."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text

from bankladder.demo import DemoSummary
from bankladder.demo.identity import MOBILE_PATTERN, is_credit_code, is_resident_id
from bankladder.store.models import (
    BalanceSnapshot,
    Bank,
    Holding,
    Interaction,
    Need,
    Party,
    Product,
    Referral,
    Relationship,
    RelationshipManager,
)
from tests.integration.demo.ladder_rules import AS_OF, PARTIES

pytestmark = pytest.mark.integration


def _all(engine: Engine, *columns: Any) -> list[Any]:
    """Every row of the selected columns, as plain tuples."""
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(select(*columns))]


def test_every_foreign_key_resolves(demo_store: Engine) -> None:
    with demo_store.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        orphans = connection.execute(
            select(func.count()).select_from(Holding).outerjoin(Party).where(Party.id.is_(None))
        ).scalar_one()
    assert orphans == 0


def test_summary_counts_the_rows_in_the_store(
    demo_store: Engine, demo_summary: DemoSummary
) -> None:
    tables = {
        "parties": Party,
        "holdings": Holding,
        "balances": BalanceSnapshot,
        "interactions": Interaction,
        "needs": Need,
        "referrals": Referral,
        "relationships": Relationship,
        "rms": RelationshipManager,
        "products": Product,
    }
    with demo_store.connect() as connection:
        for name, model in tables.items():
            count = connection.execute(select(func.count()).select_from(model)).scalar_one()
            assert demo_summary.counts()[name] == count, name
        bank = connection.execute(select(Bank.name, Bank.profile)).one()
    assert tuple(bank) == (demo_summary.bank_name, "young")
    assert demo_summary.parties == PARTIES


def test_identity_numbers_pass_their_checksums(demo_store: Engine) -> None:
    rows = _all(demo_store, Party.kind, Party.id_number, Party.mobile)
    for kind, id_number, mobile in rows:
        assert isinstance(id_number, str)
        assert is_resident_id(id_number) if kind == "person" else is_credit_code(id_number)
        assert mobile is None or MOBILE_PATTERN.fullmatch(str(mobile))
    assert len({r[1] for r in rows}) == len(rows)


def test_party_ids_and_shares(demo_store: Engine) -> None:
    rows = _all(demo_store, Party.id, Party.kind, Party.customer_since, Party.segment)
    assert all(re.fullmatch(r"P\d{8}", str(r[0])) for r in rows)
    persons = sum(1 for r in rows if r[1] == "person") / len(rows)
    prospects = sum(1 for r in rows if r[2] is None) / len(rows)
    assert persons == pytest.approx(0.7, abs=0.04)
    assert prospects == pytest.approx(0.4, abs=0.05)
    segments = {(r[1], r[3]) for r in rows}
    assert {s for k, s in segments if k == "person"} == {"mass", "affluent", "private"}
    assert {s for k, s in segments if k == "enterprise"} == {"micro", "sme", "corporate"}


def test_enterprises_span_at_least_ten_industries(demo_store: Engine) -> None:
    codes = [c for (c,) in _all(demo_store, Party.industry_code) if c is not None]
    sections = {str(c)[0] for c in codes}
    assert len(set(codes)) >= 10
    assert len(sections) >= 10


def test_each_rm_has_a_book_of_similar_size(demo_store: Engine) -> None:
    books = Counter(rm for (rm,) in _all(demo_store, Party.rm_id))
    rms = [rm for (rm,) in _all(demo_store, RelationshipManager.id)]
    assert len(rms) == 30
    assert all(re.fullmatch(r"RM0[1-5]0[1-6]", str(rm)) for rm in rms)
    assert set(books) == set(rms)
    assert max(books.values()) < 2 * min(books.values())


def test_customers_since_their_first_holding(demo_store: Engine) -> None:
    with demo_store.connect() as connection:
        earliest = select(Holding.party_id, func.min(Holding.opened_on))
        first_opened = dict(connection.execute(earliest.group_by(Holding.party_id)).tuples().all())
    for party_id, since in _all(demo_store, Party.id, Party.customer_since):
        assert first_opened.get(party_id) == since


def test_first_contact_is_the_earliest_interaction(demo_store: Engine) -> None:
    with demo_store.connect() as connection:
        earliest = select(Interaction.party_id, func.min(Interaction.occurred_at))
        first = dict(connection.execute(earliest.group_by(Interaction.party_id)).tuples().all())
        for party_id, contact_on in connection.execute(select(Party.id, Party.first_contact_on)):
            at = first.get(party_id)
            assert (at.date() if at else None) == contact_on


def test_interactions_happen_in_working_hours_before_as_of(demo_store: Engine) -> None:
    rows = _all(demo_store, Interaction.kind, Interaction.occurred_at, Interaction.resolved_at)
    kinds = Counter(r[0] for r in rows)
    assert set(kinds) == {"visit", "call", "message", "event", "care", "service", "complaint"}
    for kind, at, resolved in rows:
        assert isinstance(at, dt.datetime)
        assert at.weekday() < 5
        assert 9 <= at.hour < 17
        assert at.date() < AS_OF
        assert resolved is None or (
            kind == "complaint" and isinstance(resolved, dt.datetime) and resolved > at
        )


def test_balances_are_month_end_snapshots_in_fen(demo_store: Engine) -> None:
    rows = _all(demo_store, BalanceSnapshot.snapshot_on, BalanceSnapshot.amount)
    for on, amount in rows:
        assert isinstance(on, dt.date)
        assert isinstance(amount, Decimal)
        assert on == AS_OF or (on + dt.timedelta(days=1)).day == 1
        assert amount >= 0
        assert amount == amount.quantize(Decimal("0.01"))


def test_accounts_are_unique_and_sixteen_to_nineteen_digits(demo_store: Engine) -> None:
    accounts = [a for (a,) in _all(demo_store, Holding.account_no)]
    assert all(re.fullmatch(r"\d{16,19}", str(a)) for a in accounts)
    assert len(set(accounts)) == len(accounts)


def test_needs_dates_follow_their_status(demo_store: Engine) -> None:
    rows = _all(
        demo_store,
        Need.nature,
        Need.competitor_bank,
        Need.status,
        Need.identified_on,
        Need.presented_on,
        Need.closed_on,
    )
    for nature, competitor, status, identified, presented, closed in rows:
        assert (competitor is not None) == (nature == "existing")
        assert (presented is None) == (status == "identified")
        assert (closed is None) == (status in ("identified", "presented"))
        dates = [d for d in (identified, presented, closed) if d is not None]
        assert dates == sorted(dates)
        assert max(dates) <= AS_OF


def test_referrals_convert_only_into_customers(demo_store: Engine) -> None:
    since = dict(_all(demo_store, Party.id, Party.customer_since))
    rows = _all(
        demo_store,
        Referral.referee_id,
        Referral.referred_on,
        Referral.status,
        Referral.converted_on,
    )
    assert {r[2] for r in rows} >= {"converted", "introduced"}
    for referee, referred, status, converted in rows:
        if status == "converted":
            assert since[referee] is not None
            assert since[referee] >= referred
            assert converted == since[referee]
        else:
            assert converted is None


def test_relationships_link_two_different_parties(demo_store: Engine) -> None:
    rows = _all(demo_store, Relationship.from_party_id, Relationship.to_party_id, Relationship.kind)
    assert all(a != b for a, b, _ in rows)
    assert {k for _, _, k in rows} == {
        "supplier_of",
        "buyer_of",
        "family",
        "employer_of",
        "shareholder_of",
    }
