"""``bankladder concessions list``: the store's requests, newest first, as its operator sees
them: the size and the deciding role shown, the prices never; filtered by status; JSON; a
wrong status said in words."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from bankladder.concessions import service
from bankladder.config import Settings
from bankladder.store.database import unit_of_work
from bankladder.store.vocabulary import ConcessionDecisionKind, UserRole
from tests.e2e.conftest import Outcome
from tests.integration.concessions.seed import NOW, PARTY, WHY, loan_rate, seed
from tests.workbench import small_bank

pytestmark = pytest.mark.e2e
Cli = Callable[..., Outcome]
PRICES = ("4.35", "4.2", "3.35")


@pytest.fixture
def store(tmp_path: Path) -> str:
    path = tmp_path / "store.db"
    engine = small_bank(f"sqlite:///{path}")
    users = seed(engine)
    rm, manager = users[UserRole.RM].principal, users[UserRole.MANAGER].principal
    with unit_of_work(engine) as session:
        small = service.request_concession(session, Settings(), rm, PARTY, loan_rate("4.20"), NOW)
        service.request_concession(session, Settings(), rm, PARTY, loan_rate("3.35"), NOW)
        approve = ConcessionDecisionKind.APPROVE
        service.decide(session, Settings(), manager, small.id, 1, approve, None, NOW)
    engine.dispose()
    return str(path)


def test_the_requests_are_listed_with_their_size_and_the_prices_masked(
    cli: Cli, store: str
) -> None:
    shown = cli("concessions list --locale en --db", store)
    assert shown.code == 0, shown.err
    assert "15 bp" in shown.out
    assert "100 bp" in shown.out
    assert "approver" in shown.out
    assert "客户P-RM01-1" not in shown.out  # a person's name is masked
    for price in (*PRICES, WHY):
        assert price not in shown.out


def test_json_lists_one_status_and_keeps_the_prices_masked(cli: Cli, store: str) -> None:
    shown = cli("concessions list --status approved --format json --db", store)
    assert shown.code == 0, shown.err
    [approved] = json.loads(shown.out)
    assert (approved["status"], approved["size"], approved["required_role"]) == (
        "approved",
        "15 bp",
        "manager",
    )
    assert (approved["standard"], approved["requested"], approved["justification"]) == (
        "****",
        "****",
        None,
    )


def test_a_wrong_status_is_said_in_words(cli: Cli, store: str) -> None:
    shown = cli("concessions list --status pending --db", store)
    assert shown.code != 0
    assert "--status" in shown.err
    assert "requested" in shown.err
    assert "Traceback" not in shown.err
