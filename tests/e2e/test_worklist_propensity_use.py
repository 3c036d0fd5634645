"""``bankladder worklist`` with a model's scores in the store: a scored party's actions weigh
its lift after ``evaluate``, and each line carries the chance and its reasons in words."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import insert

from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import PropensityScore
from tests.e2e.conftest import Outcome
from tests.support import StoreBuilder, at, d

pytestmark = pytest.mark.e2e

Cli = Callable[..., Outcome]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Two parties of RM01 alike in every fact; only P2 has a (recent) score."""
    b = StoreBuilder()
    for party in ("P1", "P2"):
        b.party(party, first_contact_on=d("2026-03-01"))
        b.contact(party, "event", at("2026-05-10"))
    path = tmp_path / "bank.db"
    b.build(path).dispose()
    return path


def _score(db: Path) -> None:
    engine = connect(f"sqlite:///{db}")
    with unit_of_work(engine) as session:
        session.execute(
            insert(PropensityScore),
            [
                {
                    "party_id": "P2",
                    "as_of": d("2026-06-20"),
                    "target": "advance",
                    "probability": 0.4,
                    "lift": 4.0,
                    "model_version": "v2",
                    "reasons": [{"feature": "interactions_90d", "value": 1.0, "effect": 0.7}],
                }
            ],
        )
    engine.dispose()


def _entries(cli: Cli, db: Path) -> list[dict]:
    assert cli(f"evaluate --db {db} --as-of 2026-06-30").code == 0
    result = cli(f"worklist --db {db} --rm RM01 --format json --limit 50")
    assert result.code == 0, result.err
    return list(json.loads(result.out))


def test_a_scored_party_ranks_higher_by_its_lift_and_says_why(cli: Cli, db: Path) -> None:
    before = {(e["party_id"], e["action"]): e["priority"] for e in _entries(cli, db)}
    _score(db)
    entries = _entries(cli, db)
    after = {(e["party_id"], e["action"]): e["priority"] for e in entries}
    assert after.keys() == before.keys()
    for (party, action), priority in before.items():
        expected = priority * 4.0 if party == "P2" else priority
        assert after[(party, action)] == pytest.approx(expected, abs=1e-3)
    assert entries[0]["party_id"] == "P2"
    scored = next(e["chance"] for e in entries if e["party_id"] == "P2")
    assert scored["probability"] == 0.4
    assert scored["model_version"] == "v2"
    assert scored["scored_on"] == "2026-06-20"
    assert scored["reasons"][0]["words"]["zh-CN"] == "近90天接触次数 1，提高了可能性"
    assert all(e["chance"] is None for e in entries if e["party_id"] == "P1")


def test_the_table_says_the_chance_in_the_users_language(cli: Cli, db: Path) -> None:
    _score(db)
    cli(f"evaluate --db {db} --as-of 2026-06-30")
    table = cli(f"worklist --db {db} --rm RM01 --locale en --limit 50").out
    assert "40%, 4.0 times the average" in " ".join(table.split())


def test_a_bank_without_scores_sees_no_chance_column(cli: Cli, db: Path) -> None:
    cli(f"evaluate --db {db} --as-of 2026-06-30")
    table = cli(f"worklist --db {db} --rm RM01 --locale en --limit 50").out
    assert "Chance" not in table
