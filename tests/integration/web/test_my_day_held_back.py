"""My day and guard rails: a step a guard rail holds back leaves the list to do, is counted and
listed apart with why, cannot be marked done (it may be snoozed); the API says the same."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from bankladder.store.database import unit_of_work
from bankladder.store.models import Action
from bankladder.store.vocabulary import ActionStatus
from tests.integration.web.conftest import sign_in
from tests.integration.web.my_day_seed import seed
from tests.integration.web.test_actions_api_routes import answer as post_answer
from tests.integration.web.test_my_day_answers import action_row, answer
from tests.integration.web.test_my_day_page import listed

pytestmark = pytest.mark.integration

WHY_ZH = "客户有未结案的反洗钱预警：暂停一切营销，待合规部门结案后再恢复。"
WHY_EN = "An anti-money-laundering alert on the party is open: all marketing is on hold."


@pytest.fixture
def ids(bank: Engine) -> dict[str, int]:
    """The seed of My day, with the follow-up of P-RM01-1 held back by an AML alert."""
    found = seed(bank)
    with unit_of_work(bank) as session:
        session.execute(
            update(Action)
            .where(Action.id == found["follow"])
            .values(blocked_by="aml", blocked_zh=WHY_ZH, blocked_en=WHY_EN)
        )
    return found


def test_a_held_step_leaves_the_list_to_do_and_is_counted_apart(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    page = client.get("/")
    assert listed(page.text) == [ids["first"], ids["woke"]]
    assert "1 项行动受合规规则限制" in page.text
    held = client.get("/?held=1")
    assert listed(held.text) == [ids["follow"]]
    assert WHY_ZH in held.text
    assert 'value="done"' not in held.text  # no Done button on a held step
    assert "返回待办行动（2）" in held.text


def test_a_held_step_cannot_be_marked_done_but_may_be_snoozed(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    refused = answer(client, ids["follow"], answer="done", back="held=1")
    assert refused.status_code == 400
    assert "受合规规则限制，暂不能标记为已完成" in refused.text
    assert action_row(bank, ids["follow"]).status == ActionStatus.OPEN
    snoozed = answer(client, ids["follow"], answer="snooze", snooze_until="2026-07-10")
    assert snoozed.status_code == 303
    assert action_row(bank, ids["follow"]).status == ActionStatus.SNOOZED


def test_the_api_lists_held_steps_with_why_and_refuses_done(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    todo = client.get("/api/v1/actions").json()
    assert [a["id"] for a in todo["actions"]] == [ids["first"], ids["woke"]]
    assert todo["other_total"] == 1
    held = client.get("/api/v1/actions", params={"held": "true"}).json()
    [step] = held["actions"]
    assert (step["id"], step["blocked_by"], step["held_back"]) == (ids["follow"], "aml", WHY_ZH)
    done = post_answer(client, ids["follow"], {"answer": "done"}, '"1"')
    assert done.status_code == 409
    assert "guard rail (aml)" in done.text
