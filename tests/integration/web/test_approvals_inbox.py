"""The approvals inbox: a checker sees the loans in credit review, price concessions and gifts
of their scope they may decide now, never what they made themselves; roles that do not decide
are refused the page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert

from bankladder.accounts.schemas import Account
from bankladder.store.database import unit_of_work
from bankladder.store.models import (
    Benefit,
    LoanApplication,
    LoanMove,
    PriceConcession,
    Product,
)
from bankladder.store.vocabulary import UserRole
from tests.integration.web.conftest import sign_in

pytestmark = pytest.mark.integration

AT = dt.datetime(2026, 6, 29, 10, 0)


def _concession(party: str, rm: str, maker: int, requested: float) -> dict[str, Any]:
    return {
        "party_id": party,
        "product_code": "LOAN01",
        "kind": "loan_rate",
        "standard": 4.35,
        "requested": requested,
        "justification": "结算量大，年日均存款稳定",
        "status": "requested",
        "required_role": "manager" if requested >= 4.05 else "approver",
        "rm_id": rm,
        "maker_id": maker,
        "requested_at": AT,
    }


@pytest.fixture
def waiting(bank: Engine, users: dict[UserRole, Account]) -> None:
    """RM01's P-RM01-1: a loan in credit review (wang submitted it), a 15 bp concession by
    wang, a 60 bp one by wang (beyond a manager), a 10 bp one by zhao himself, a gift of 200
    requested by wang. RM03's P-RM03-1 (the other branch): a 15 bp concession by wang."""
    wang, zhao = users[UserRole.RM].id, users[UserRole.MANAGER].id
    with unit_of_work(bank) as session:
        session.execute(
            insert(Product),
            [
                {
                    "code": "LOAN01",
                    "name_zh": "流动资金贷款",
                    "name_en": "Working capital loan",
                    "family": "loan",
                    "sla_working_days": 2,
                }
            ],
        )
        session.execute(
            insert(LoanApplication),
            [
                {
                    "id": "LA1",
                    "party_id": "P-RM01-1",
                    "product_code": "LOAN01",
                    "amount": 800_000,
                    "rm_id": "RM01",
                    "status": "credit_review",
                    "received_at": AT,
                    "status_at": AT + dt.timedelta(hours=2),
                }
            ],
        )
        moves = [(None, "received", 0), ("received", "documents_complete", 1)]
        moves.append(("documents_complete", "credit_review", 2))
        session.execute(
            insert(LoanMove),
            [
                {
                    "application_id": "LA1",
                    "from_status": before,
                    "to_status": after,
                    "at": AT + dt.timedelta(hours=hours),
                    "user_id": wang,
                }
                for before, after, hours in moves
            ],
        )
        session.execute(
            insert(PriceConcession),
            [
                _concession("P-RM01-1", "RM01", wang, 4.20),
                _concession("P-RM01-1", "RM01", wang, 3.75),
                _concession("P-RM01-1", "RM01", zhao, 4.25),
                _concession("P-RM03-1", "RM03", wang, 4.20),
            ],
        )
        gift = {"party_id": "P-RM01-1", "given_on": AT.date(), "kind": "gift", "worth": 200}
        session.execute(
            insert(Benefit), [{**gift, "rm_id": "RM01", "status": "requested", "maker_id": wang}]
        )


def _waiting(client: TestClient) -> list[tuple[str, str]]:
    return sorted((w["kind"], w["summary"]) for w in client.get("/api/v1/approvals").json())


def test_a_manager_sees_what_they_may_decide_in_their_branch_and_not_their_own(
    client: TestClient, waiting: None
) -> None:
    sign_in(client, "zhao")
    page = client.get("/approvals")
    assert page.status_code == 200
    assert "授信审查中的贷款 (1)" in page.text
    assert "价格优惠申请 (1)" in page.text  # 15 bp of P-RM01-1: not 60 bp, not his own, not BR02
    assert 'href="/loans/LA1"' in page.text
    assert _waiting(client) == [
        ("concession", "流动资金贷款 15 bp"),
        ("gift", "gift"),
        ("loan", "流动资金贷款"),
    ]


def test_the_head_office_sees_every_branch_and_the_larger_concessions(
    client: TestClient, waiting: None
) -> None:
    sign_in(client, "qian")
    kinds = [kind for kind, _summary in _waiting(client)]
    assert kinds.count("concession") == 4  # both branches, 60 bp too, and zhao's own
    assert "loan" in kinds


@pytest.mark.parametrize("user", ["wang", "shen", "root"])
def test_roles_that_do_not_decide_have_no_inbox(
    client: TestClient, waiting: None, user: str
) -> None:
    sign_in(client, user)
    assert client.get("/approvals").status_code == 403
    assert client.get("/api/v1/approvals").status_code == 403
    assert 'href="/approvals"' not in client.get("/").text
