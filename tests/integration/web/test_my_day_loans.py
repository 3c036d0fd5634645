"""My day puts the loans of the user's scope that breached or near their SLA on top, each
with why, linked to the application; another book's loans stay out."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert

from bankladder.accounts.schemas import Account
from bankladder.store.database import unit_of_work
from bankladder.store.models import LoanApplication, Product
from bankladder.store.vocabulary import UserRole
from tests.integration.web.conftest import sign_in

pytestmark = pytest.mark.integration


@pytest.fixture
def loans(bank: Engine, users: dict[UserRole, Account]) -> None:
    """LA1 (RM01's book) received a week before the clock's today with an SLA of 2 working
    days: breached. LA2 (RM03's, another branch): breached too, but not wang's to see. LA3
    (RM01's) received this morning: on track."""
    product = {"code": "LOAN01", "name_zh": "流动资金贷款", "name_en": "Working capital loan"}
    received = {"LA1": dt.datetime(2026, 6, 23, 10), "LA2": dt.datetime(2026, 6, 23, 10)}
    received["LA3"] = dt.datetime(2026, 6, 30, 8)
    parties = {"LA1": "P-RM01-1", "LA2": "P-RM03-1", "LA3": "P-RM01-2"}
    with unit_of_work(bank) as session:
        session.execute(insert(Product), [{**product, "family": "loan", "sla_working_days": 2}])
        session.execute(
            insert(LoanApplication),
            [
                {
                    "id": application,
                    "party_id": parties[application],
                    "product_code": "LOAN01",
                    "amount": 500_000,
                    "rm_id": parties[application][2:6],
                    "status": "credit_review",
                    "received_at": at,
                    "status_at": at,
                }
                for application, at in received.items()
            ],
        )


def test_my_day_shows_the_breached_loans_of_the_book_on_top(
    client: TestClient, loans: None
) -> None:
    sign_in(client, "wang")
    page = client.get("/").text
    assert "临近或超出时限的贷款" in page
    assert 'href="/loans/LA1"' in page
    assert 'href="/loans/LA2"' not in page  # another branch's book
    assert 'href="/loans/LA3"' not in page  # on track
    assert page.index("临近或超出时限的贷款") < page.index('class="actions"')


def test_no_loan_section_without_loans_at_risk(client: TestClient, users: object) -> None:
    sign_in(client, "wang")
    assert "临近或超出时限的贷款" not in client.get("/").text
