"""``network run`` on a real SQLite file and on PostgreSQL: the prospects and intermediary
scores replaced, introductions in the worklist, and the engine's actions and the network's
never resolving each other's.

The book (D = 2026-06-30): E1 (enterprise, rung 5, RM02's) supplies C1 (a customer); P3 (a
prospect, person, in no book) holds shares in C1; E1 referred P3; P4 (a prospect enterprise,
RM01's) employs E1; P5 (a prospect person, RM02's) is family of P4; C1 buys from P5.
Prospects of E1: P4 (1 hop, 0.5 x medium 0.7 = 0.35), P3 (1 hop by the referral, 0.8 x 0.3 =
0.24), P5 (2 hops via C1, 0.7 x 0.7 = 0.49 x 0.3 = 0.147).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, insert, select

from bankladder.evaluation.service import evaluate_store
from bankladder.ladder.model import Ladder
from bankladder.network.compute import run
from bankladder.store.database import unit_of_work
from bankladder.store.models import (
    Action,
    Assessment,
    IntermediaryScore,
    NetworkProspect,
    Relationship,
)
from tests.support import StoreBuilder, d

pytestmark = pytest.mark.integration

D = dt.date(2026, 6, 30)


def _book() -> StoreBuilder:
    bank = StoreBuilder()
    bank.party("E1", kind="enterprise", rm="RM02", customer_since=d("2020-01-01"))
    bank.party("C1", kind="enterprise", customer_since=d("2021-01-01"))
    bank.party("P3", rm=None)  # in no RM's book
    bank.party("P4", kind="enterprise", size_band="medium")  # in RM01's book
    bank.party("P5", rm="RM02")  # in E1's RM's book
    bank.supplies("E1", "C1")
    bank.add_relationship("P3", "C1", "shareholder_of", None)
    bank.add_relationship("P4", "E1", "employer_of", None)
    bank.add_relationship("P5", "P4", "family", None)
    bank.add_relationship("C1", "P5", "buyer_of", None)
    bank.referral("E1", "P3", "2026-01-10")
    return bank


def _store(url: str) -> Engine:
    """The book, with E1 at rung 5 and C1 at rung 3 the day before D."""
    store = _book().build_at(url)
    with unit_of_work(store) as session:
        session.execute(
            insert(Assessment),
            [
                {
                    "party_id": party,
                    "as_of": D - dt.timedelta(days=1),
                    "stage_id": None,
                    "stage_rank": rank,
                    "score": 0.0,
                    "evidence": {},
                    "playbook": "test",
                }
                for party, rank in {"E1": 5, "C1": 3}.items()
            ],
        )
    return store


def _prospects(store: Engine) -> list[tuple[Any, ...]]:
    with unit_of_work(store) as session:
        rows = session.execute(
            select(
                NetworkProspect.party_id,
                NetworkProspect.prospect_id,
                NetworkProspect.hops,
                NetworkProspect.via_id,
                NetworkProspect.path,
                NetworkProspect.rank,
            ).order_by(NetworkProspect.party_id, NetworkProspect.rank)
        )
        return [tuple(row) for row in rows]


def _actions(store: Engine) -> dict[str, tuple[str, str]]:
    with unit_of_work(store) as session:
        rows = session.execute(select(Action.criterion_id, Action.status, Action.reason_en))
        return {row.criterion_id: (str(row.status), row.reason_en) for row in rows}


def _check_run(store: Engine, ladder: Ladder) -> None:
    summary = run(store, ladder, D)
    assert (summary.introducers, summary.prospects, summary.actions_proposed) == (1, 3, 3)
    assert _prospects(store) == [
        ("E1", "P4", 1, None, [{"from_id": "P4", "to_id": "E1", "kind": "employer_of"}], 1),
        ("E1", "P3", 1, None, [{"from_id": "E1", "to_id": "P3", "kind": "referred"}], 2),
        (
            "E1",
            "P5",
            2,
            "C1",
            [
                {"from_id": "E1", "to_id": "C1", "kind": "supplier_of"},
                {"from_id": "C1", "to_id": "P5", "kind": "buyer_of"},
            ],
            3,
        ),
    ]
    with unit_of_work(store) as session:
        score = session.execute(select(IntermediaryScore)).scalars().one()
        assert (score.party_id, score.reach, score.rank) == ("E1", 3, 1)
        action = session.scalars(select(Action).where(Action.criterion_id == "introduce:P5")).one()
        assert (action.party_id, action.rm_id, action.kind) == (
            "E1",
            "RM02",
            "ask_for_introduction",
        )
        assert action.target_stage == "intermediary"
        assert action.due_on == D + dt.timedelta(days=14)
        assert action.reason_en == (
            "Ask 客户E1 to introduce you to 客***: 客户E1 supplies 客户C1; 客户C1 buys from 客***"
        )
        assert action.reason_zh == (
            "请 客户E1 介绍您认识 客***：客户E1 是 客户C1 的供应商；客户C1 向 客*** 采购"
        )
        assert 0 < action.priority < 20
        others = {
            a.criterion_id: a.reason_en
            for a in session.scalars(select(Action).where(Action.criterion_id != "introduce:P5"))
        }
        # parties outside RM02's book and not customers are not identified
        assert others == {
            "introduce:P3": "Ask 客户E1 to introduce you to a person: 客户E1 referred a person",
            "introduce:P4": (
                "Ask 客户E1 to introduce you to an enterprise: 客户E1 works for an enterprise"
            ),
        }

    # an engine action of E1 and the next run: the edges to P5 are gone
    with unit_of_work(store) as session:
        gone = (Relationship.to_party_id == "P5") | (Relationship.from_party_id == "P5")
        session.execute(delete(Relationship).where(gone))
        session.execute(
            insert(Action),
            [
                {
                    "party_id": "E1",
                    "rm_id": "RM02",
                    "kind": "visit",
                    "criterion_id": "engine_step",
                    "target_stage": "intermediary",
                    "reason_zh": "z",
                    "reason_en": "e",
                    "priority": 3.0,
                    "due_on": D,
                    "status": "open",
                    "proposed_on": D,
                    "updated_on": D,
                }
            ],
        )
    again = run(store, ladder, D)
    assert (again.prospects, again.actions_proposed, again.actions_resolved) == (2, 2, 1)
    assert [row[1] for row in _prospects(store)] == ["P4", "P3"]  # replaced, not added to
    actions = _actions(store)
    assert actions["introduce:P5"][0] == "resolved"
    assert actions["introduce:P4"][0] == actions["introduce:P3"][0] == "open"
    assert actions["engine_step"][0] == "open"  # a network run leaves the engine's alone


def test_a_run_on_sqlite(tmp_path: Path, young_ladder: Ladder) -> None:
    _check_run(_store(f"sqlite:///{tmp_path / 'store.db'}"), young_ladder)


@pytest.mark.postgres
def test_a_run_on_postgres(postgres_url: str, young_ladder: Ladder) -> None:
    store = _store(postgres_url)
    try:
        _check_run(store, young_ladder)
    finally:
        store.dispose()


def test_an_evaluation_leaves_the_introductions_alone(tmp_path: Path, young_ladder: Ladder) -> None:
    store = _store(f"sqlite:///{tmp_path / 'store.db'}")
    run(store, young_ladder, D)
    evaluate_store(store, young_ladder, D)
    assert {status for status, _ in _actions_of(store, "introduce:").values()} == {"open"}


def _actions_of(store: Engine, prefix: str) -> dict[str, tuple[str, str]]:
    return {k: v for k, v in _actions(store).items() if k.startswith(prefix)}
