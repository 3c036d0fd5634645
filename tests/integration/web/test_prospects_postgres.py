"""New party ids on PostgreSQL: two RMs adding a prospect at the same moment never share an
id. The second insert waits for the first transaction, does nothing on the clash (ON CONFLICT
DO NOTHING, no error that would abort the transaction), and takes the next number."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import insert

from bankladder.errors import StaleVersion
from bankladder.prospects import service
from bankladder.prospects.schemas import NewProspect
from bankladder.store.database import unit_of_work
from bankladder.store.models import Party
from bankladder.store.vocabulary import PartyKind, UserRole
from tests.workbench import START, small_bank, staff

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


def test_a_clash_with_a_concurrent_insert_takes_the_next_number(postgres_url: str) -> None:
    engine = small_bank(postgres_url)
    try:
        rm = staff(engine)[UserRole.RM].principal
        new = NewProspect("李新", PartyKind.PERSON, "13712345678")
        found: list[str] = []
        with unit_of_work(engine) as first:
            first.execute(
                insert(Party).values(
                    id="PN202606300001", kind=PartyKind.PERSON, name="王先", rm_id="RM01"
                )
            )
            first.flush()

            def second() -> None:
                with unit_of_work(engine) as session:
                    found.append(service.add_prospect(session, rm, new, START).id)

            racing = threading.Thread(target=second)
            racing.start()
            time.sleep(1.0)  # the second insert now waits on the first transaction's row
            assert found == []
        racing.join(timeout=30)
        assert found == ["PN202606300002"]
    finally:
        engine.dispose()


def test_an_edit_checks_and_raises_the_version_on_postgresql(postgres_url: str) -> None:
    engine = small_bank(postgres_url)
    try:
        rm = staff(engine)[UserRole.RM].principal
        with unit_of_work(engine) as session:
            changed = service.edit_prospect(session, rm, "P-RM01-1", 1, {"region": "南山"}, START)
        assert changed.version == 2
        with unit_of_work(engine) as session, pytest.raises(StaleVersion):
            service.edit_prospect(session, rm, "P-RM01-1", 1, {"region": "福田"}, START)
    finally:
        engine.dispose()
