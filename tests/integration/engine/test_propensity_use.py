"""A model's scores in the worklist's priority, on every backend: a party's actions weigh its
lift (the newest score of the worklist's target, at most 90 days old, kept within 0.2-5) times
what they weighed before; a party without such a score ranks exactly as before.

The scores are seeded into ``propensity_score`` directly, as a scoring run writes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from bankladder.engine.evaluate import evaluate
from bankladder.engine.facts import compute_facts
from bankladder.engine.sources import Sources
from bankladder.ladder.model import Ladder
from bankladder.propensity.schemas import HORIZON_DAYS, WORKLIST_TARGET, product_target
from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import PropensityScore
from tests.support import StoreBuilder, at, d

pytestmark = pytest.mark.integration

AS_OF = d("2026-06-30")
PARTIES = ("UP", "EDGE", "OLD", "NEWEST", "OTHER", "HIGH", "LOW", "NONE")
EXPECTED_LIFT = {
    "UP": 2.0,
    "EDGE": 0.5,  # exactly 90 days old: still read
    "OLD": None,  # 91 days old: says nothing
    "NEWEST": 1.5,  # the newest of two (the one after D is not known yet)
    "OTHER": None,  # a score of another target
    "HIGH": 5.0,  # 12 kept to the upper bound
    "LOW": 0.2,  # 0.05 kept to the lower bound
    "NONE": None,
}


def _score(party: str, days_before: int, lift: float, target: str = WORKLIST_TARGET) -> dict:
    return {
        "party_id": party,
        "as_of": AS_OF - dt.timedelta(days=days_before),
        "target": target,
        "probability": min(0.99, 0.1 * lift),
        "lift": lift,
        "model_version": "v1",
        "reasons": [],
    }


SCORES = [
    _score("UP", 10, 2.0),
    _score("EDGE", HORIZON_DAYS, 0.5),
    _score("OLD", HORIZON_DAYS + 1, 3.0),
    _score("NEWEST", 30, 4.0),
    _score("NEWEST", 5, 1.5),
    _score("NEWEST", -1, 3.0),
    _score("OTHER", 5, 3.0, target=product_target("wealth")),
    _score("HIGH", 1, 12.0),
    _score("LOW", 0, 0.05),
]


def _same_parties(store_path: Path) -> None:
    """Eight parties alike in every fact: the same actions at the same priority, bar the lift."""
    b = StoreBuilder()
    for party in PARTIES:
        b.party(party, first_contact_on=d("2026-01-10"))
        b.contact(party, "visit", at("2026-05-01"))
    b.build(store_path).dispose()


def _seed_scores(store_path: Path) -> None:
    engine = connect(f"sqlite:///{store_path}")
    with unit_of_work(engine) as session:
        session.execute(insert(PropensityScore), SCORES)
    engine.dispose()


def _priorities(backend: Any, ladder: Ladder) -> dict[tuple[str, str], float]:
    actions = evaluate(backend, ladder, AS_OF).actions.to_pylist()
    return {(a["party_id"], a["criterion_id"]): a["priority"] for a in actions}


def test_the_lift_is_the_newest_fresh_score_of_the_worklist_target_within_bounds(
    store_path: Path, backend_of: Callable[[Path], Any]
) -> None:
    _same_parties(store_path)
    _seed_scores(store_path)
    facts = compute_facts(Sources.on(backend_of(store_path)), AS_OF, facts={"propensity_lift"})
    lifts = {row["party_id"]: row["propensity_lift"] for row in facts.to_pyarrow().to_pylist()}
    assert lifts == pytest.approx(EXPECTED_LIFT)


def test_priorities_move_by_the_lift_and_unscored_parties_keep_theirs(
    store_path: Path, backend_of: Callable[[Path], Any], young_ladder: Ladder
) -> None:
    _same_parties(store_path)
    before = _priorities(backend_of(store_path), young_ladder)
    _seed_scores(store_path)
    after = _priorities(backend_of(store_path), young_ladder)
    assert before.keys() == after.keys()
    assert {party for party, _ in before} == set(PARTIES)
    for key, priority in before.items():
        lift = EXPECTED_LIFT[key[0]]
        if lift is None:
            assert after[key] == priority, key  # to the last digit
        else:  # both are rounded to 4 decimals
            assert after[key] == pytest.approx(priority * lift, abs=1e-3), key
    assert after[("HIGH", next(c for p, c in before if p == "HIGH"))] > max(
        value for (party, _), value in after.items() if party != "HIGH"
    )


def test_one_party_re_evaluated_in_place_weighs_the_same_lift_as_the_batch(
    store_path: Path, backend_of: Callable[[Path], Any], young_ladder: Ladder
) -> None:
    """What a workbench does after a logged contact (SQLite and PostgreSQL run one party from
    SQL compiled once): the party's actions carry the priorities of the whole run."""
    _same_parties(store_path)
    _seed_scores(store_path)
    backend = backend_of(store_path)
    whole = _priorities(backend, young_ladder)
    for party in ("UP", "HIGH", "OLD"):
        alone = evaluate(backend, young_ladder, AS_OF, [party]).actions.to_pylist()
        assert alone
        assert {(a["party_id"], a["criterion_id"]): a["priority"] for a in alone} == {
            key: value for key, value in whole.items() if key[0] == party
        }
