"""Evaluating a store: assessments, transitions and actions kept right over time."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, Integer, delete, insert, select, text, update

from bankladder.evaluation.service import evaluate_store, reevaluate_party
from bankladder.ladder.model import Ladder
from bankladder.store.database import connect, connect_for_upgrade, unit_of_work, upgrade
from bankladder.store.models import Action, Assessment, AuditHead, Base, Interaction, Transition
from bankladder.store.vocabulary import ActionStatus
from bankladder.worklist.service import funnel
from tests.support import StoreBuilder, at, d

pytestmark = pytest.mark.integration

D1, D2 = d("2026-05-31"), d("2026-06-30")


def _town(b: StoreBuilder) -> None:
    """A small book: one party on each of the first rungs, one in trouble, one untouched."""
    b.party("NEW")  # never contacted: not yet on the ladder
    b.party("MET", first_contact_on=d("2026-01-05"))
    b.contact("MET", "visit", at("2026-01-05"))
    b.contact("MET", "event", at("2026-03-01"))
    b.party("TALK", first_contact_on=d("2025-12-01"))
    for day in ("2025-12-01", "2026-05-20", "2026-05-28", "2026-06-20"):
        b.contact("TALK", "visit", at(day))
    b.contact("TALK", "event", at("2026-02-01"))
    b.need("TALK", "existing", "2026-05-20", competitor_bank="工商银行")
    b.party("HURT", first_contact_on=d("2025-06-01"), customer_since=d("2025-07-01"))
    for day in ("2025-06-01", "2026-05-01", "2026-05-15"):
        b.contact("HURT", "visit", at(day))
    b.contact("HURT", "event", at("2026-01-10"))
    b.contact("HURT", "care", at("2026-04-01"))
    b.contact("HURT", "complaint", at("2026-06-10"))  # opened between D1 and D2, unresolved
    b.need("HURT", "latent", "2025-06-01")
    b.holding("HURT", "DEP", "2025-07-01", balances={"2026-04-30": "8000.00"})


@pytest.fixture
def store(store_path: Path) -> Engine:
    b = StoreBuilder()
    _town(b)
    return b.build(store_path)


def _stages(store: Engine, day: dt.date) -> dict[str, int]:
    with unit_of_work(store) as s:
        rows = s.execute(
            select(Assessment.party_id, Assessment.stage_rank).where(Assessment.as_of == day)
        )
        return dict(rows.tuples().all())


def _actions(store: Engine) -> list[Any]:
    with unit_of_work(store) as s:
        query = select(
            Action.id, Action.party_id, Action.criterion_id, Action.status, Action.due_on
        )
        return list(s.execute(query.order_by(Action.id)))


def test_each_party_is_placed_on_the_rung_its_evidence_supports(
    store: Engine, young_ladder: Ladder
) -> None:
    evaluate_store(store, young_ladder, D1)
    assert _stages(store, D1) == {"NEW": 0, "MET": 1, "TALK": 2, "HURT": 3}


def test_a_complaint_left_open_moves_the_party_down_and_is_recorded_as_a_regression(
    store: Engine, young_ladder: Ladder
) -> None:
    evaluate_store(store, young_ladder, D1)
    evaluate_store(store, young_ladder, D2)
    with unit_of_work(store) as s:
        moves = {
            t.party_id: t for t in s.scalars(select(Transition).where(Transition.changed_on == D2))
        }
    assert set(moves) == {"HURT"}
    assert (moves["HURT"].from_stage, moves["HURT"].to_stage, moves["HURT"].direction) == (
        "goodwill",
        "discovery",
        "regressed",
    )


def test_evaluating_the_same_date_again_changes_nothing(
    store: Engine, young_ladder: Ladder
) -> None:
    evaluate_store(store, young_ladder, D2)
    first = _actions(store)
    with unit_of_work(store) as s:
        assessments = list(
            s.execute(select(Assessment.party_id, Assessment.evidence, Assessment.score))
        )
    evaluate_store(store, young_ladder, D2)
    assert _actions(store) == first
    with unit_of_work(store) as s:
        again = list(s.execute(select(Assessment.party_id, Assessment.evidence, Assessment.score)))
    assert sorted(again) == sorted(assessments)


def test_re_evaluation_refreshes_live_actions_and_resolves_the_ones_no_longer_needed(
    store: Engine, young_ladder: Ladder
) -> None:
    evaluate_store(store, young_ladder, D1)
    before = {(a.party_id, a.criterion_id): a for a in _actions(store)}
    snoozed = before[("NEW", "first_contact")].id
    with unit_of_work(store) as s:
        s.execute(update(Action).where(Action.id == snoozed).values(status=ActionStatus.SNOOZED))
        s.execute(
            insert(Interaction),
            [
                {
                    "party_id": "NEW",
                    "rm_id": "RM01",
                    "kind": "event",
                    "occurred_at": at("2026-06-01"),
                }
            ],
        )
    evaluate_store(store, young_ladder, D2)
    after = {a.id: a for a in _actions(store)}
    assert after[snoozed].status == ActionStatus.RESOLVED  # he came to an event: contact made
    live = [
        (a.party_id, a.criterion_id)
        for a in after.values()
        if a.status in (ActionStatus.OPEN, ActionStatus.SNOOZED)
    ]
    assert len(live) == len(set(live))  # never two live actions for one criterion
    kept = before[("TALK", "first_product")]
    assert after[kept.id].status == ActionStatus.OPEN
    assert after[kept.id].due_on == kept.due_on  # the due date set when first proposed stands


def test_evaluating_an_earlier_date_again_reproduces_its_results(
    store: Engine, young_ladder: Ladder
) -> None:
    evaluate_store(store, young_ladder, D1)
    with unit_of_work(store) as s:
        first = sorted(
            s.execute(
                select(
                    Assessment.party_id, Assessment.stage_id, Assessment.score, Assessment.evidence
                ).where(Assessment.as_of == D1)
            )
        )
    evaluate_store(store, young_ladder, D2)
    evaluate_store(store, young_ladder, D1)
    with unit_of_work(store) as s:
        again = sorted(
            s.execute(
                select(
                    Assessment.party_id, Assessment.stage_id, Assessment.score, Assessment.evidence
                ).where(Assessment.as_of == D1)
            )
        )
    assert again == first


def _copy(source: Path, target: Path) -> Engine:
    """A consistent copy of a live SQLite store (WAL included), through SQLite's backup API."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return connect(f"sqlite:///{target}")


def _sorted(rows: Any) -> list[Any]:
    return sorted(rows, key=repr)


def _snapshot(store: Engine) -> dict[str, list[Any]]:
    with unit_of_work(store) as s:
        return {
            "assessments": _sorted(
                s.execute(
                    select(
                        Assessment.party_id,
                        Assessment.as_of,
                        Assessment.stage_id,
                        Assessment.stage_rank,
                        Assessment.score,
                        Assessment.evidence,
                    )
                )
            ),
            "transitions": _sorted(
                s.execute(
                    select(
                        Transition.party_id,
                        Transition.from_stage,
                        Transition.to_stage,
                        Transition.direction,
                        Transition.changed_on,
                    )
                )
            ),
            "actions": _sorted(
                s.execute(
                    select(
                        Action.party_id,
                        Action.criterion_id,
                        Action.kind,
                        Action.reason_zh,
                        Action.reason_en,
                        Action.priority,
                        Action.due_on,
                        Action.status,
                    )
                )
            ),
        }


def test_duckdb_and_sqlite_leave_identical_results_in_the_store(
    store_path: Path, store: Engine, young_ladder: Ladder, tmp_path: Path
) -> None:
    other = _copy(store_path, tmp_path / "copy.db")
    for day in (D1, D2):
        evaluate_store(store, young_ladder, day, engine="duckdb")
        evaluate_store(other, young_ladder, day, engine="sqlite")
    assert _snapshot(store) == _snapshot(other)


def test_one_party_re_evaluated_after_a_visit_gets_the_batch_result(
    store_path: Path, store: Engine, young_ladder: Ladder, tmp_path: Path
) -> None:
    evaluate_store(store, young_ladder, D2)
    with unit_of_work(store) as s:
        s.execute(
            insert(Interaction),
            [
                {
                    "party_id": "MET",
                    "rm_id": "RM01",
                    "kind": "visit",
                    "occurred_at": at("2026-06-29"),
                },
                {
                    "party_id": "MET",
                    "rm_id": "RM01",
                    "kind": "call",
                    "occurred_at": at("2026-06-30"),
                },
            ],
        )
    batch = _copy(store_path, tmp_path / "batch.db")
    run = reevaluate_party(store, young_ladder, "MET", D2)
    assert run.parties == 1
    evaluate_store(batch, young_ladder, D2)
    assert _snapshot(store) == _snapshot(batch)
    assert _stages(store, D2)["MET"] == 1  # two contacts, but no need recorded yet: still rung 1


def test_the_funnel_counts_every_party_after_one_party_is_re_evaluated_the_next_day(
    store: Engine, young_ladder: Ladder
) -> None:
    evaluate_store(store, young_ladder, D1)
    reevaluate_party(store, young_ladder, "NEW", D2)
    with unit_of_work(store) as s:
        rows = funnel(s, young_ladder)
    assert sum(row.count for row in rows) == 4
    assert {row.rank: row.count for row in rows if row.count} == {0: 1, 1: 1, 2: 1, 3: 1}


@pytest.fixture
def postgres_town(store: Engine, postgres_url: str) -> Iterator[Engine]:
    """The same book on a fresh, migrated PostgreSQL store."""
    server = connect_for_upgrade(postgres_url)
    upgrade(server)
    with store.connect() as source, server.begin() as target:
        target.execute(delete(AuditHead))  # the migration wrote the trail's head: the copy's wins
        for table in Base.metadata.sorted_tables:
            rows = [dict(r) for r in source.execute(select(table)).mappings()]
            if rows:
                target.execute(insert(table), rows)
        for table in Base.metadata.sorted_tables:  # copied ids do not move the sequences
            if "id" in table.c and isinstance(table.c.id.type, Integer):
                target.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT max(id) FROM {table.name}))"
                    )
                )
    yield server
    server.dispose()


@pytest.mark.postgres
def test_in_place_on_postgresql_and_duckdb_on_sqlite_leave_identical_results(
    store: Engine, postgres_town: Engine, young_ladder: Ladder
) -> None:
    for day in (D1, D2):
        assert evaluate_store(postgres_town, young_ladder, day).engine == "postgres"
        evaluate_store(store, young_ladder, day, engine="duckdb")
    assert _snapshot(postgres_town) == _snapshot(store)
    evaluate_store(postgres_town, young_ladder, D2, engine="duckdb")  # copied from PostgreSQL
    assert _snapshot(postgres_town) == _snapshot(store)


@pytest.mark.postgres
def test_one_party_is_re_evaluated_in_place_on_postgresql(
    store: Engine, postgres_town: Engine, young_ladder: Ladder
) -> None:
    evaluate_store(postgres_town, young_ladder, D2)
    evaluate_store(store, young_ladder, D2)
    visit = {"party_id": "MET", "rm_id": "RM01", "kind": "visit", "occurred_at": at("2026-06-29")}
    for engine in (postgres_town, store):
        with unit_of_work(engine) as s:
            s.execute(insert(Interaction), [visit])
    assert reevaluate_party(postgres_town, young_ladder, "MET", D2).engine == "postgres"
    reevaluate_party(store, young_ladder, "MET", D2)
    assert _snapshot(postgres_town) == _snapshot(store)
