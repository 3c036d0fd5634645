"""A model's score where the RM works: My day and the 360 page show a scored party's chance to
move up and its reasons in words (money never quoted); an unscored party, or one whose score
is stale, shows nothing at all; the API returns the same figures."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert

from bankladder.store.database import unit_of_work
from bankladder.store.models import PropensityScore
from bankladder.store.vocabulary import UserLocale, UserRole
from tests.integration.web.conftest import sign_in
from tests.integration.web.my_day_seed import TODAY, seed
from tests.integration.web.party_seed import bearer
from tests.workbench import add_user

pytestmark = pytest.mark.integration

SCORED, STALE = "P-RM01-2", "P-RM01-1"
REASONS = [
    {"feature": "interactions_90d", "value": 5.0, "effect": 0.6},
    {"feature": "total_balance", "value": 123456.78, "effect": -0.2},  # money: never quoted
]


def _score(party: str, as_of: dt.date, probability: float, lift: float) -> dict:
    return {
        "party_id": party,
        "as_of": as_of,
        "target": "advance",
        "probability": probability,
        "lift": lift,
        "model_version": "v3",
        "reasons": REASONS,
    }


@pytest.fixture
def ids(bank: Engine) -> dict[str, int]:
    found = seed(bank)
    with unit_of_work(bank) as session:
        session.execute(
            insert(PropensityScore),
            [
                _score(SCORED, TODAY - dt.timedelta(days=1), 0.31, 2.5),
                _score(STALE, TODAY - dt.timedelta(days=91), 0.9, 4.0),  # says nothing now
                {**_score(STALE, TODAY, 0.8, 3.0), "target": "product:wealth"},  # not the ladder
            ],
        )
    return found


def test_my_day_shows_the_chance_and_the_top_reason_of_a_scored_party_only(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    page = client.get("/").text
    chance = "升阶可能性：31%，平均水平的 2.5 倍"
    line = f'{chance}<span class="top-reason"> · 近90天接触次数 5，提高了可能性'
    assert page.count(line) == 2  # the two actions of the scored party
    assert page.count('class="chance"') == 2  # none for the party with a stale score
    assert "123456" not in page
    assert "123,456" not in page


def test_my_day_reads_the_chance_in_english_for_an_english_user(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    add_user(bank, "smith", UserRole.RM, rm_id="RM01", locale=UserLocale.EN)
    sign_in(client, "smith")
    page = client.get("/").text
    assert "Chance to move up: 31%, 2.5 times the average" in page
    assert "Contacts in the last 90 days: 5, raises the chance" in page


def test_the_360_page_shows_the_chance_its_model_and_reasons_for_a_scored_party(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    page = client.get(f"/parties/{SCORED}").text
    assert 'id="chance"' in page
    assert "90天内升阶可能性" in page
    assert "<strong>31%</strong> <span>平均水平的 2.5 倍</span>" in page
    assert "模型 v3，评分日 2026-06-29" in page
    assert '<li class="raises">近90天接触次数 5，提高了可能性</li>' in page
    assert '<li class="lowers">在我行总余额，降低了可能性</li>' in page  # no amount
    assert "123456" not in page


def test_the_360_page_of_a_party_without_a_recent_score_has_no_chance_box(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "wang")
    page = client.get(f"/parties/{STALE}")
    assert page.status_code == 200
    assert 'id="chance"' not in page.text
    assert "party-chance" not in page.text


def test_the_api_returns_the_chance_of_each_action_and_of_the_party(
    client: TestClient, bank: Engine, ids: dict[str, int]
) -> None:
    headers = bearer(bank, "wang")
    actions = client.get("/api/v1/actions", headers=headers).json()["actions"]
    by_party = {a["party_id"]: a["chance"] for a in actions}
    assert by_party[STALE] is None
    assert by_party[SCORED] == {
        "probability": 0.31,
        "lift": 2.5,
        "model_version": "v3",
        "scored_on": "2026-06-29",
        "reasons": [
            {
                "feature": "interactions_90d",
                "effect": 0.6,
                "words": "近90天接触次数 5，提高了可能性",
            },
            {"feature": "total_balance", "effect": -0.2, "words": "在我行总余额，降低了可能性"},
        ],
    }
    party = client.get(f"/api/v1/parties/{SCORED}", headers=headers).json()
    assert party["chance"]["lift"] == 2.5
    assert party["chance"]["reasons"][0]["words"] == {
        "zh": "近90天接触次数 5，提高了可能性",
        "en": "Contacts in the last 90 days: 5, raises the chance",
    }
    assert client.get(f"/api/v1/parties/{STALE}", headers=headers).json()["chance"] is None
