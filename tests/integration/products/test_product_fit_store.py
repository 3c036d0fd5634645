"""Product fit read from a real store (SQLite and PostgreSQL): the known answers of
``seed.py``, masked by default, scoped to the principal's parties."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.errors import NotFound
from bankladder.products import service
from bankladder.products.schemas import Source
from bankladder.store.vocabulary import UserRole
from tests.integration.products.seed import (
    ENTERPRISE,
    ENTERPRISE_ORDER,
    IDLE_SHOWN,
    PERSON,
    PERSON_ORDER,
    seed_products,
)
from tests.workbench import small_bank

pytestmark = pytest.mark.integration
WANG = Principal(1, UserRole.RM, rm_id="RM01")
LI = Principal(2, UserRole.RM, rm_id="RM03")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = (
        f"sqlite:///{tmp_path / 'store.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    engine = small_bank(url)
    seed_products(engine)
    yield engine
    engine.dispose()


def test_an_enterprise_is_offered_what_its_gap_peers_idle_cash_and_need_call_for(
    store: Engine,
) -> None:
    with Session(store) as session:
        view = service.party_products(session, WANG, ENTERPRISE)
    assert [s.product_code for s in view.suggestions] == ENTERPRISE_ORDER
    assert view.held == ("DEP-BASIC", "DEP-CORP-TD")
    assert view.competitors == ("招商银行",)
    pool = view.suggestions[0]
    assert [r.source for r in pool.reasons] == [Source.WALLET, Source.IDLE_CASH]
    assert pool.reasons[1].text.en.startswith("CNY **** has stayed idle for 6 months")
    supply = next(s for s in view.suggestions if s.product_code == "LN-SUPPLY")
    assert [p.competitor_name.zh for p in supply.selling_points] == ["招商银行（股份制银行）"]
    peers = next(s for s in view.suggestions if s.product_code == "EB-CORP")
    assert peers.reasons[0].text.en == "Held by 75% of similar customers (30 of 40)"


def test_the_newest_wallet_estimate_is_read_with_its_amounts_masked(store: Engine) -> None:
    with Session(store) as session:
        view = service.party_products(session, WANG, ENTERPRISE)
    assert view.wallet is not None
    assert (view.wallet.as_of, view.wallet.share) == (dt.date(2026, 6, 30), 0.25)
    assert (view.wallet.opportunity, view.wallet.wallet) == ("****", "****")
    assert view.idle_cash is not None
    assert (view.idle_cash.amount, view.idle_cash.months) == ("****", 6)
    assert view.idle_cash.since == dt.date(2026, 1, 1)


def test_unmasked_the_idle_cash_is_the_lowest_month_end_of_the_basic_account(
    store: Engine,
) -> None:
    with Session(store) as session:
        view = service.party_products(session, WANG, ENTERPRISE, unmasked=True)
    assert view.idle_cash is not None
    assert view.idle_cash.amount == IDLE_SHOWN
    assert view.wallet is not None
    assert view.wallet.opportunity == "3,000,000.00"


def test_a_person_is_offered_what_answers_its_need_with_points_against_its_bank(
    store: Engine,
) -> None:
    with Session(store) as session:
        view = service.party_products(session, WANG, PERSON)
    assert [s.product_code for s in view.suggestions] == PERSON_ORDER
    assert view.name == "欧**"
    assert view.idle_cash is None
    assert view.wallet is None
    for suggestion in view.suggestions:
        assert suggestion.rung == 2
        assert [p.competitor for p in suggestion.selling_points] == ["中国工商银行"]
        assert suggestion.selling_points[0].competitor_name.en.endswith("(state-owned big bank)")


def test_a_party_out_of_scope_is_not_found_and_the_command_line_sees_it(store: Engine) -> None:
    with Session(store) as session:
        with pytest.raises(NotFound):
            service.party_products(session, LI, ENTERPRISE)
        assert service.party_products(session, None, ENTERPRISE).party_id == ENTERPRISE
        with pytest.raises(NotFound):
            service.party_products(session, None, "NOBODY")


def test_the_catalogue_holds_every_family_with_selling_points_against_named_kinds(
    store: Engine,
) -> None:
    with Session(store) as session:
        cards = service.catalogue(session)
    assert len(cards) == 22
    assert {c.family for c in cards} == {
        "deposit",
        "wealth",
        "loan",
        "card",
        "payroll",
        "cash_management",
        "ebanking",
        "insurance_agency",
    }
    families = list(dict.fromkeys(c.family for c in cards))
    assert families[:3] == ["deposit", "wealth", "loan"]  # the bank's order, not the alphabet
    assert all(len(c.selling_points) >= 2 for c in cards)
    loan = next(c for c in cards if c.code == "LN-BIZ")
    assert loan.prerequisites == ("DEP-BASIC",)
    assert {p.competitor for p in loan.selling_points} == {"国有大行", "互联网银行", "农商行"}
