"""A reason that names a party's balance shows it masked on My day, in the actions API and in
the command line's worklist: balances are personal data (C2); the bank's target stays."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert

from bankladder.config import Settings
from bankladder.evaluation.ladders import ladder_for
from bankladder.store.database import unit_of_work
from bankladder.store.models import Action, Assessment
from bankladder.worklist.service import worklist
from tests.integration.web.conftest import sign_in
from tests.integration.web.test_requests_are_protected import token_of

pytestmark = pytest.mark.integration

TODAY = dt.date(2026, 6, 30)
BALANCE, GAP = "37,655", "12,345"


@pytest.fixture
def grow_balance(bank: Engine) -> None:
    with unit_of_work(bank) as session:
        session.execute(
            insert(Action).values(
                party_id="P-RM01-1",
                rm_id="RM01",
                kind="grow_balance",
                criterion_id="balance_threshold",
                target_stage="resource_mining",
                reason_zh=f"在我行资产还差 {GAP} 元达到 50,000 元（目前 {BALANCE} 元）",
                reason_en=f"{GAP} CNY more in balances to reach 50,000 CNY (now {BALANCE} CNY)",
                priority=5.0,
                due_on=TODAY,
                status="open",
                proposed_on=TODAY,
                updated_on=TODAY,
            )
        )
        session.execute(
            insert(Assessment).values(
                party_id="P-RM01-1",
                as_of=TODAY,
                stage_id="goodwill",
                stage_rank=3,
                score=3.5,
                evidence={},
                playbook="default",
            )
        )


@pytest.mark.usefixtures("grow_balance")
def test_my_day_and_the_api_mask_the_balance_a_reason_names(
    client: TestClient, bank: Engine
) -> None:
    sign_in(client, "wang")
    page = client.get("/").text
    assert "50,000" in page  # the bank's target is not personal
    api = client.get(
        "/api/v1/actions", headers={"Authorization": f"Bearer {token_of(bank, 'wang')}"}
    )
    for shown in (page, api.text):
        assert BALANCE not in shown
        assert GAP not in shown


@pytest.mark.usefixtures("grow_balance")
def test_the_command_line_worklist_masks_it_too(bank: Engine) -> None:
    ladder = ladder_for(Settings(), "young")
    with unit_of_work(bank) as session:
        entries = worklist(session, ladder, "RM01", 10)
    reasons = " ".join(e.reason.zh + e.reason.en for e in entries)
    assert "50,000" in reasons
    assert BALANCE not in reasons
    assert GAP not in reasons
