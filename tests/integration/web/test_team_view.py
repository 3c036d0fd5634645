"""The team: each RM's funnel, open and overdue actions and recent stage moves, for a
manager (their branch) and an auditor (every RM); nobody else."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.integration.web.conftest import sign_in
from tests.integration.web.my_day_seed import seed

pytestmark = pytest.mark.integration


@pytest.fixture
def ids(bank: Engine) -> dict[str, int]:
    return seed(bank)


def members(client: TestClient) -> dict[str, Any]:
    answered = client.get("/api/v1/team")
    assert answered.status_code == 200
    return {m["rm_id"]: m for m in answered.json()["members"]}


def funnel(member: dict[str, Any]) -> dict[str | None, int]:
    return {row["stage_id"]: row["parties"] for row in member["funnel"] if row["parties"]}


def test_a_manager_sees_each_rm_of_the_branch_and_no_other(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "zhao")
    team = members(client)
    assert list(team) == ["RM01", "RM02"]
    assert (team["RM01"]["parties"], funnel(team["RM01"])) == (2, {None: 1, "acquaintance": 1})
    assert funnel(team["RM02"]) == {"discovery": 1}


def test_each_rm_s_open_and_overdue_actions_are_counted(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "zhao")
    team = members(client)
    assert (team["RM01"]["open_actions"], team["RM01"]["overdue_actions"]) == (3, 1)
    assert (team["RM02"]["open_actions"], team["RM02"]["overdue_actions"]) == (1, 0)


def test_the_recent_stage_moves_are_counted_and_the_latest_listed_with_names_masked(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "shen")
    answered = client.get("/api/v1/team").json()
    assert answered["moves_since"] == "2026-05-30"  # 30 days before the latest evaluation
    team = {m["rm_id"]: m for m in answered["members"]}
    assert (team["RM02"]["advances"], team["RM02"]["regressions"]) == (1, 0)  # April's is old
    assert (team["RM03"]["advances"], team["RM03"]["regressions"]) == (0, 1)
    [move] = team["RM02"]["latest_moves"]
    assert move == {
        "party_id": "P-RM02-1",
        "party_name": "客" + "*" * 9,
        "from_stage_id": "acquaintance",
        "to_stage_id": "discovery",
        "direction": "advanced",
        "changed_on": "2026-06-29",
    }
    assert "客户P-RM" not in client.get("/api/v1/team").text


def test_an_auditor_sees_every_rm(client: TestClient, ids: dict[str, int]) -> None:
    sign_in(client, "shen")
    assert list(members(client)) == ["RM01", "RM02", "RM03"]


def test_the_team_page_shows_the_same_in_words(client: TestClient, ids: dict[str, int]) -> None:
    sign_in(client, "zhao")
    page = client.get("/team")
    assert page.status_code == 200
    assert 'id="rm-RM01"' in page.text
    assert 'id="rm-RM03"' not in page.text
    assert "了解银行与客户经理 → 了解银行业务" in page.text  # RM02's party advanced
    assert 'href="/parties/P-RM02-1"' in page.text
    assert "客户P-RM" not in page.text
    assert '<a href="/team" aria-current="page">' in page.text


@pytest.mark.parametrize("username", ["wang", "root"])
def test_an_rm_or_an_admin_may_not_see_the_team(
    client: TestClient, ids: dict[str, int], username: str
) -> None:
    sign_in(client, username)
    assert client.get("/team").status_code == 403
    assert client.get("/api/v1/team").status_code == 403
