"""The demo bank carries the catalogue into the store (products with their needs and
prerequisites, selling points), and product fit holds its promises on every customer of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bankladder.demo import build_demo_bank
from bankladder.demo.rows import selling_point_rows
from bankladder.products import service
from bankladder.store.database import connect, upgrade
from bankladder.store.models import Holding, Party, SellingPoint

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = connect(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    upgrade(engine)
    with engine.begin() as connection:
        build_demo_bank(connection, parties=200, seed=11, as_of=dt.date(2026, 6, 30))
    yield engine
    engine.dispose()


def test_the_demo_loads_every_selling_point(demo: Engine) -> None:
    with demo.connect() as connection:
        count = connection.execute(select(func.count()).select_from(SellingPoint)).scalar_one()
    assert count == len(selling_point_rows()) >= 44


def test_no_customer_is_offered_a_product_it_holds_or_cannot_take_yet(demo: Engine) -> None:
    with Session(demo) as session:
        cards = {c.code: c for c in service.catalogue(session)}
        customers = session.scalars(select(Party.id).where(Party.customer_since.is_not(None)))
        offered = 0
        for party_id in customers.all():
            held = set(
                session.scalars(
                    select(Holding.product_code).where(
                        Holding.party_id == party_id, Holding.closed_on.is_(None)
                    )
                )
            )
            for suggestion in service.party_products(session, None, party_id).suggestions:
                card = cards[suggestion.product_code]
                assert card.code not in held
                assert not card.prerequisites or held & set(card.prerequisites)
                offered += 1
    assert offered > 0
