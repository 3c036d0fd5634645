"""The nightly run scores every party with the active ``advance`` model as of each date, after
the wallets and before the evaluation (whose priority reads the fresh lift); without an active
model it scores nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from bankladder.ladder.model import Ladder
from bankladder.nightly import service as nightly
from bankladder.propensity import registry
from bankladder.propensity import report as reports
from bankladder.propensity.history import store_outcomes
from bankladder.propensity.training import guarded_training
from bankladder.store.database import unit_of_work
from bankladder.store.models import PropensityScore
from tests.integration.propensity.test_scoring import MONTH_ENDS, PARTIES, planted_bank
from tests.support import StoreBuilder

pytestmark = pytest.mark.integration

NOW = dt.datetime(2026, 8, 1, 9)
DATES = [dt.date(2026, 7, 31), dt.date(2026, 8, 31)]


@pytest.fixture
def store(tmp_path: Path) -> Engine:
    b = StoreBuilder()
    planted_bank(b)
    return b.build(tmp_path / "store.db")


def _activated(store: Engine, ladder: Ladder, folder: Path) -> None:
    outcomes = store_outcomes(store, ladder, "advance", MONTH_ENDS, threads=1)
    model, evaluation, verdict = guarded_training(outcomes)
    report = reports.build(outcomes, evaluation, model, verdict)
    kept = registry.register(folder, "advance", model, report, NOW)
    registry.activate(folder, "advance", kept.version, NOW)


def _scored(store: Engine) -> dict[dt.date, int]:
    query = select(PropensityScore.as_of, func.count()).group_by(PropensityScore.as_of)
    with unit_of_work(store) as session:
        return dict(session.execute(query).tuples().all())


def test_the_night_scores_each_date_before_evaluating_it(
    store: Engine, young_ladder: Ladder, tmp_path: Path
) -> None:
    folder = tmp_path / "models"
    _activated(store, young_ladder, folder)
    steps: list[str] = []
    done = nightly.run(store, young_ladder, DATES, network=False, models=folder,
                       on_step=steps.append, threads=1)  # fmt: skip
    assert steps == ["wallet", "wallet", "scores", "scores", "evaluation", "evaluation"]
    assert len(steps) == nightly.steps(DATES, network=False, scores=True)
    assert [run.as_of for run in done.scores] == DATES
    assert {run.model_version for run in done.scores} == {"v1"}
    assert _scored(store) == dict.fromkeys(DATES, PARTIES)


def test_without_an_active_model_nothing_is_scored(
    store: Engine, young_ladder: Ladder, tmp_path: Path
) -> None:
    done = nightly.run(store, young_ladder, DATES[:1], network=False,
                       models=tmp_path / "empty", threads=1)  # fmt: skip
    assert done.scores == []
    assert _scored(store) == {}
