"""Training on generated contacts whose true response probability is known.

The generating process: x1, x2 ~ N(0, 1), job uniform over five values one of which is the
marker "unknown", and P(yes) = sigmoid(-2 + 1.5 x1 - 1.0 x2 + 0.8 [job == retired]). No model
can rank better than the true probabilities, so the Bayes-optimal AUC on the held-out rows is
the AUC of those probabilities; the model must come within a stated band below it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest

from bankladder.errors import InvalidInput
from bankladder.propensity import metrics
from bankladder.propensity import report as reports
from bankladder.propensity.outcomes import OutcomeSpec, read_outcomes
from bankladder.propensity.training import evaluate, guarded_training

pytestmark = pytest.mark.integration

JOBS = ("admin", "retired", "student", "services", "unknown")


def contacts(rows: int, seed: int, *, leak: bool = False) -> tuple[pd.DataFrame, np.ndarray]:
    """The file's rows (oldest first, one a day... then hours) and the true probabilities."""
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=rows), rng.normal(size=rows)
    job = rng.choice(JOBS, size=rows)
    logit = -2 + 1.5 * x1 - 1.0 * x2 + 0.8 * (job == "retired")
    truth = 1 / (1 + np.exp(-logit))
    said_yes = rng.random(rows) < truth
    frame = pd.DataFrame(
        {
            "contacted_at": pd.date_range("2021-01-01", periods=rows, freq="h").astype(str),
            "x1": x1.round(4),
            "x2": x2.round(4),
            "job": job,
            "y": np.where(said_yes, "yes", "no"),
        }
    )
    if leak:  # a call is long when it sells: known only once the call is over
        frame["duration"] = np.where(
            said_yes, rng.integers(300, 900, rows), rng.integers(0, 320, rows)
        )
    return frame, truth


def written(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, np.ndarray]:
    frame, truth = contacts(50_000, seed=7)
    return written(frame, tmp_path_factory.mktemp("large") / "contacts.csv"), truth


def test_unknown_is_missing_and_job_is_categorical(large: tuple[Path, np.ndarray]) -> None:
    path, _ = large
    frame = pd.read_csv(path)
    data = read_outcomes(path, OutcomeSpec("y", time="contacted_at"))
    job = data.features["job"]
    assert isinstance(job.dtype, pd.CategoricalDtype)
    assert "unknown" not in set(job.cat.categories)
    assert int(job.isna().sum()) == int((frame["job"] == "unknown").sum()) > 0
    assert data.features["x1"].dtype == np.float64
    assert int(data.label.sum()) == int((frame["y"] == "yes").sum())


def test_recovers_the_known_signal_within_the_band(large: tuple[Path, np.ndarray]) -> None:
    """k-fold (no time given): out-of-fold AUC within [optimal - 0.02, optimal + 0.01]; the
    +0.01 allows for sampling luck, anything beyond would be impossible without a leak."""
    path, truth = large
    data = read_outcomes(path, OutcomeSpec("y", exclude=("contacted_at",)))
    model, evaluation, verdict = guarded_training(data)
    assert evaluation.scheme.kind == "kfold"
    assert len(evaluation.label) == 50_000  # every row predicted once, out of fold
    optimal = metrics.auc(data.label, truth)  # rows in file order, as the labels
    found = metrics.auc(evaluation.label, evaluation.raw)
    order = np.concatenate([f.test for f in evaluation.scheme.folds])
    assert metrics.auc(evaluation.label, truth[order]) == pytest.approx(optimal)
    assert optimal - 0.02 <= found <= optimal + 0.01
    assert {name for name, _ in model.importance[:2]} == {"x1", "x2"}  # the strongest effects
    assert not any(s.blocking for s in verdict.suspects)


def test_calibrated_probabilities_match_observed_rates(large: tuple[Path, np.ndarray]) -> None:
    """Ten bins of 5,000 out-of-fold rows: the standard error of a bin's rate is at most
    sqrt(0.25 / 5000) = 0.007, so 0.03 is over four standard errors."""
    path, _ = large
    data = read_outcomes(path, OutcomeSpec("y", exclude=("contacted_at",)))
    evaluation = evaluate(data)
    table = metrics.calibration(evaluation.label, evaluation.probability)
    assert len(table) == 10
    for row in table:
        assert abs(row.observed_rate - row.mean_predicted) < 0.03


def test_time_split_trains_on_older_rows_than_it_tests(tmp_path: Path) -> None:
    frame, _ = contacts(4_000, seed=3)
    shuffled = frame.sample(frac=1, random_state=1)  # the file's order is not the time order
    data = read_outcomes(
        written(shuffled, tmp_path / "c.csv"), OutcomeSpec("y", time="contacted_at")
    )
    evaluation = evaluate(data)
    assert evaluation.scheme.kind == "time"
    (fold,) = evaluation.scheme.folds
    assert data.order is not None
    assert data.order[fold.train].max() < data.order[fold.test].min()
    assert len(fold.test) == 800  # the newest 20% (hours are distinct, no ties at the cut)
    assert len(evaluation.backtest_auc) == 3


def test_ordered_uses_the_row_order(tmp_path: Path) -> None:
    frame, _ = contacts(2_000, seed=4)
    data = read_outcomes(
        written(frame, tmp_path / "c.csv"),
        OutcomeSpec("y", ordered=True, exclude=("contacted_at",)),
    )
    (fold,) = evaluate(data).scheme.folds
    assert fold.train.max() < fold.test.min()
    assert len(fold.test) == 400


def test_planted_leak_is_named_and_strict_refuses(tmp_path: Path) -> None:
    frame, _ = contacts(5_000, seed=5, leak=True)
    path = written(frame, tmp_path / "leaky.csv")
    data = read_outcomes(path, OutcomeSpec("y", time="contacted_at"))
    model, evaluation, verdict = guarded_training(data)
    named = {s.column for s in verdict.suspects if s.blocking}
    assert "duration" in named
    assert {"x1", "x2", "job"}.isdisjoint(named)
    report = reports.build(data, evaluation, model, verdict)
    columns = [s["column"] for s in reports.to_json(report)["leakage"]["suspects"]]
    assert "duration" in columns
    with pytest.raises(InvalidInput, match="duration"):
        guarded_training(data, strict=True)
    clean = read_outcomes(path, OutcomeSpec("y", time="contacted_at", exclude=("duration",)))
    guarded_training(clean, strict=True)  # without the leak, --strict trains


def test_saved_model_is_text_and_metadata(tmp_path: Path) -> None:
    frame, _ = contacts(2_000, seed=6)
    data = read_outcomes(written(frame, tmp_path / "c.csv"), OutcomeSpec("y", ordered=True))
    model, evaluation, verdict = guarded_training(data)
    reports.save(model, reports.build(data, evaluation, model, verdict), tmp_path / "m")
    assert (tmp_path / "m" / "model.txt").read_text().startswith("tree")
    meta = pd.read_json(tmp_path / "m" / "model.json", typ="series")
    assert meta["rows"] == 2_000
    assert len(meta["data_sha256"]) == 64
