"""``/api/v1/actions``: the same list as My day, one action with its ETag, and answers under
optimistic concurrency (If-Match: 428 without it, 412 when stale)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import Engine

from bankladder.accounts.service import issue_api_token
from bankladder.store.database import unit_of_work
from bankladder.store.vocabulary import ActionStatus, FeedbackOutcome
from tests.integration.web.conftest import csrf_token, sign_in
from tests.integration.web.my_day_seed import action_row, audit_rows, feedback_rows, seed
from tests.workbench import START

pytestmark = pytest.mark.integration


@pytest.fixture
def ids(bank: Engine) -> dict[str, int]:
    return seed(bank)


def bearer(bank: Engine, username: str) -> dict[str, str]:
    with unit_of_work(bank) as session:
        token = issue_api_token(session, username, "tests", START).token
    return {"Authorization": f"Bearer {token}"}


def answer(
    client: TestClient, action_id: int, body: dict[str, Any], if_match: str | None = '"1"'
) -> Response:
    headers = {"X-CSRF-Token": csrf_token(client)}
    if if_match is not None:
        headers["If-Match"] = if_match
    return client.post(f"/api/v1/actions/{action_id}/answer", json=body, headers=headers)


def test_the_list_is_my_day_s_ranked_actions_with_masked_names(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    page = client.get("/api/v1/actions").json()
    assert (page["total"], page["page"], page["page_size"]) == (3, 1, 50)
    assert [a["id"] for a in page["actions"]] == [ids["first"], ids["follow"], ids["woke"]]
    follow = page["actions"][1]
    assert follow["party_name"] == "客" + "*" * 9  # 客户P-RM01-1: the surname kept
    assert follow["reason"] == "原因follow"
    assert (follow["stage_id"], follow["target_stage_id"]) == ("acquaintance", "discovery")
    assert (follow["due_on"], follow["overdue"], follow["status"]) == ("2026-06-20", True, "open")
    assert "客户P-RM01" not in client.get("/api/v1/actions").text


def test_the_list_takes_my_day_s_filters(client: TestClient, ids: dict[str, int]) -> None:
    sign_in(client, "zhao")

    def listed(**query: str) -> list[int]:
        return [a["id"] for a in client.get("/api/v1/actions", params=query).json()["actions"]]

    assert listed() == [ids["first"], ids["follow"], ids["rm02"], ids["woke"]]
    assert listed(rm="RM02") == [ids["rm02"]]
    assert listed(stage="goodwill") == [ids["rm02"]]
    assert listed(kind="first_contact") == [ids["first"]]  # RM03's is out of the branch
    assert listed(overdue="true") == [ids["follow"]]


def test_an_api_token_reads_the_same_list(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    answered = client.get("/api/v1/actions", headers=bearer(bank, "wang"))
    assert [a["id"] for a in answered.json()["actions"]] == [
        ids["first"],
        ids["follow"],
        ids["woke"],
    ]


def test_one_action_carries_its_version_as_etag(client: TestClient, ids: dict[str, int]) -> None:
    sign_in(client, "wang")
    got = client.get(f"/api/v1/actions/{ids['done']}")  # any status, when in scope
    assert got.status_code == 200
    assert got.headers["etag"] == '"1"'
    assert (got.json()["status"], got.json()["kind"]) == ("done", "care_visit")


def test_another_scope_s_action_is_not_found(client: TestClient, ids: dict[str, int]) -> None:
    sign_in(client, "wang")
    assert client.get(f"/api/v1/actions/{ids['rm02']}").status_code == 404
    assert client.get("/api/v1/actions/999999").status_code == 404
    assert answer(client, ids["rm02"], {"answer": "done"}).status_code == 404
    assert answer(client, ids["rm03"], {"answer": "done"}, if_match=None).status_code == 404


def test_an_answer_needs_if_match(client: TestClient, bank: Engine, ids: dict[str, int]) -> None:
    sign_in(client, "wang")
    assert answer(client, ids["first"], {"answer": "done"}, if_match=None).status_code == 428
    assert action_row(bank, ids["first"]).status == ActionStatus.OPEN


def test_an_answer_to_an_older_version_is_refused(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    first = answer(client, ids["first"], {"answer": "snooze", "snooze_until": "2026-07-03"})
    assert first.status_code == 200
    assert first.headers["etag"] == '"2"'
    stale = answer(client, ids["first"], {"answer": "done"}, if_match='"1"')
    assert stale.status_code == 412
    assert answer(client, ids["first"], {"answer": "done"}, if_match='"x"').status_code == 412
    assert action_row(bank, ids["first"]).status == ActionStatus.SNOOZED
    assert answer(client, ids["first"], {"answer": "done"}, if_match='W/"2"').status_code == 200


def test_not_relevant_with_a_reason_dismisses_and_is_kept(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    sent = answer(client, ids["follow"], {"answer": "not_relevant", "reason": "客户已移居外地"})
    assert sent.status_code == 200
    assert (sent.json()["status"], sent.json()["version"]) == ("dismissed", 2)
    [kept] = feedback_rows(bank, ids["follow"])
    assert (kept.outcome, kept.reason) == (FeedbackOutcome.NOT_RELEVANT, "客户已移居外地")
    assert [e.event for e in audit_rows(bank, ids["follow"])] == ["action.answer"]


def test_an_answer_lacking_what_it_needs_is_refused(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    assert answer(client, ids["first"], {"answer": "not_relevant"}).status_code == 400
    too_far = {"answer": "snooze", "snooze_until": "2027-01-01"}
    assert answer(client, ids["first"], too_far).status_code == 400
    assert answer(client, ids["first"], {"answer": "later"}).status_code == 422
    assert feedback_rows(bank, ids["first"]) == []


def test_an_answer_may_not_set_other_fields(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    sneaky = {"answer": "done", "version": 9, "rm_id": "RM02"}
    assert answer(client, ids["first"], sneaky).status_code == 422
    assert action_row(bank, ids["first"]).version == 1


def test_a_closed_action_answers_409(client: TestClient, ids: dict[str, int]) -> None:
    sign_in(client, "wang")
    assert answer(client, ids["done"], {"answer": "done"}).status_code == 409


def test_an_auditor_reads_but_may_not_answer(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    headers = bearer(bank, "shen")
    assert client.get(f"/api/v1/actions/{ids['rm03']}", headers=headers).status_code == 200
    sent = client.post(
        f"/api/v1/actions/{ids['rm03']}/answer",
        json={"answer": "done"},
        headers={**headers, "If-Match": '"1"'},
    )
    assert sent.status_code == 403


def test_an_admin_reads_no_actions(client: TestClient, bank: Engine, ids: dict[str, int]) -> None:
    assert client.get("/api/v1/actions", headers=bearer(bank, "root")).status_code == 403


def test_an_api_token_answers_without_a_csrf_token(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    sent = client.post(
        f"/api/v1/actions/{ids['first']}/answer",
        json={"answer": "done"},
        headers={**bearer(bank, "wang"), "If-Match": '"1"'},
    )
    assert sent.status_code == 200
    assert action_row(bank, ids["first"]).status == ActionStatus.DONE
