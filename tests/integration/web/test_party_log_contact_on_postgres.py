"""On a PostgreSQL store the same: the contact is logged, then the party is re-evaluated in
place with the batch's rules and stands on the next rung at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from bankladder.config import Settings
from bankladder.store.database import unit_of_work
from bankladder.store.models import Assessment, AuditEvent
from bankladder.web.app import create_app
from tests.integration.web.conftest import csrf_token, sign_in
from tests.integration.web.party_seed import seed_book
from tests.workbench import ACCOUNT_EVENTS, START, Clock, small_bank, staff

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture
def bank(postgres_url: str) -> Iterator[Engine]:
    engine = small_bank(postgres_url)
    staff(engine)
    seed_book(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def client(bank: Engine) -> Iterator[TestClient]:
    app = create_app(Settings(), store=bank, clock=Clock())
    with TestClient(app, base_url="https://workbench.test", follow_redirects=False) as client:
        yield client


def test_a_visit_moves_the_party_up_on_a_postgresql_store(client: TestClient, bank: Engine) -> None:
    sign_in(client, "wang")
    form = {
        "kind": "visit",
        "occurred_at": START.strftime("%Y-%m-%dT%H:%M"),
        "outcome": "positive",
        "csrf_token": csrf_token(client),
    }
    saved = client.post("/parties/P-RM01-2/interactions", data=form)
    assert saved.status_code == 303
    with unit_of_work(bank) as session:
        stage = session.scalar(
            select(Assessment.stage_id)
            .where(Assessment.party_id == "P-RM01-2")
            .order_by(Assessment.as_of.desc())
            .limit(1)
        )
        events = session.scalars(
            select(AuditEvent.event).where(  # not the set-up: accounts, the first evaluation
                AuditEvent.event.not_in((*ACCOUNT_EVENTS, "evaluation.run"))
            )
        ).all()
    assert stage == "discovery"
    assert events == ["interaction.log"]
    assert "提升至“了解银行业务”" in client.get(saved.headers["location"]).text
