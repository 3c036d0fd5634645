"""Training a propensity model: LightGBM on the typed outcomes, calibrated on held-out rows.

The model: LightGBM gradient-boosted trees (``lightgbm.train``), categorical columns declared
through their pandas ``category`` dtype, missing values left missing (LightGBM sends them down
whichever side of a split fits best), a fixed seed, ``deterministic`` and two threads, so the
same file gives the same model. Each fit holds back an inner tenth of its training rows (the
newest tenth when the time order is known, else a stratified random tenth): boosting stops when
the log-loss on it has not improved for ``PATIENCE`` rounds (at most ``MAX_ROUNDS``), and the
probabilities are calibrated on it.

Calibration: isotonic regression when the held-back rows hold at least ``ISOTONIC_MIN_EACH``
positives and negatives (it assumes only that a higher score means a higher probability, and has
enough outcomes per step), else Platt scaling (a logistic curve on the score's log-odds, two
parameters, stable on few outcomes). Either is stored as plain arrays, never pickled.

Nothing is pickled: the model is LightGBM's own text format plus this module's dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import lightgbm as lgb
import numpy as np
import numpy.typing as npt
import pandas as pd  # type: ignore[import-untyped]
from scipy.special import expit  # type: ignore[import-untyped]
from sklearn.isotonic import IsotonicRegression  # type: ignore[import-untyped]
from sklearn.model_selection import train_test_split  # type: ignore[import-untyped]

from bankladder.propensity import leakage
from bankladder.propensity.metrics import auc
from bankladder.propensity.outcomes import Outcomes
from bankladder.propensity.validation import SEED, Scheme, scheme_for

MAX_ROUNDS = 500
PATIENCE = 30
INNER_SHARE = 0.1
ISOTONIC_MIN_EACH = 200
BACKTEST_MAX_ROWS = 300_000
"""Above this many rows the expanding-window back-test (three more fits) is skipped."""

PARAMETERS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_data_in_leaf": 20,
    "seed": SEED,
    "deterministic": True,
    "force_col_wise": True,
    "num_threads": 2,
    "verbose": -1,
}

Floats = npt.NDArray[np.float64]
Labels = npt.NDArray[np.int8]


@dataclass(frozen=True)
class Feature:
    """A model input: its name, numeric or categorical, and the categories in code order."""

    name: str
    kind: Literal["numeric", "categorical"]
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Calibration:
    """Raw score -> probability. Isotonic: ``x`` and ``y`` are the step knots (interpolated,
    clipped at the ends); Platt: ``x`` is ``(slope, intercept)`` on the score's log-odds."""

    method: Literal["isotonic", "platt"]
    x: tuple[float, ...]
    y: tuple[float, ...] = ()

    def apply(self, raw: Floats) -> Floats:
        """Calibrated probabilities for raw LightGBM probabilities."""
        if self.method == "isotonic":
            return np.interp(raw, self.x, self.y)
        slope, intercept = self.x
        return np.asarray(expit(slope * log_odds(raw) + intercept), dtype=np.float64)


@dataclass(frozen=True)
class Fitted:
    """One LightGBM fit with its calibration."""

    booster: lgb.Booster
    calibration: Calibration

    def raw(self, features: pd.DataFrame) -> Floats:
        return np.asarray(self.booster.predict(features), dtype=np.float64)


@dataclass(frozen=True)
class TrainedModel:
    """Everything needed to score with the model again and to say where it came from."""

    booster: str
    features: tuple[Feature, ...]
    calibration: Calibration
    parameters: dict[str, Any]
    rounds: int
    importance: tuple[tuple[str, float], ...]
    data_sha256: str
    rows: int
    label_column: str
    positive: str


@dataclass(frozen=True)
class Evaluation:
    """Held-out predictions: out-of-fold (k-fold) or on the newest rows (time split)."""

    scheme: Scheme
    label: Labels
    raw: Floats
    probability: Floats
    backtest_auc: tuple[float, ...] = field(default=())


def log_odds(p: Floats) -> Floats:
    clipped = np.clip(p, 1e-9, 1 - 1e-9)
    return np.asarray(np.log(clipped / (1 - clipped)), dtype=np.float64)


def describe(features: pd.DataFrame) -> tuple[Feature, ...]:
    """Each column's kind, and its categories in the order LightGBM codes them."""
    return tuple(
        Feature(str(n), "categorical", tuple(str(c) for c in col.cat.categories))
        if isinstance(col.dtype, pd.CategoricalDtype)
        else Feature(str(n), "numeric")
        for n, col in features.items()
    )


def inner_split(
    label: Labels, order: npt.NDArray[np.int64] | None
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Positions to fit on and to stop and calibrate on: the newest tenth, or a stratified one."""
    positions = np.arange(len(label), dtype=np.int64)
    if order is not None:
        ranked = positions[np.argsort(order, kind="stable")]
        cut = round(len(ranked) * (1 - INNER_SHARE))
        return ranked[:cut], ranked[cut:]
    fit, hold = train_test_split(
        positions, test_size=INNER_SHARE, random_state=SEED, stratify=label
    )
    return np.sort(fit), np.sort(hold)


def fit(features: pd.DataFrame, label: Labels, order: npt.NDArray[np.int64] | None) -> Fitted:
    """Boost on nine tenths, stop early and calibrate on the held-back tenth."""
    fit_rows, hold_rows = inner_split(label, order)
    train_set = lgb.Dataset(features.iloc[fit_rows], label=label[fit_rows], free_raw_data=True)
    hold_x, hold_y = features.iloc[hold_rows], label[hold_rows]
    hold_set = lgb.Dataset(hold_x, label=hold_y, reference=train_set)
    booster = lgb.train(
        PARAMETERS, train_set, num_boost_round=MAX_ROUNDS, valid_sets=[hold_set],
        callbacks=[lgb.early_stopping(PATIENCE, verbose=False)],
    )  # fmt: skip
    booster.free_dataset()
    raw = np.asarray(booster.predict(hold_x, num_iteration=booster.best_iteration), float)
    best = booster.model_to_string(num_iteration=booster.best_iteration)
    return Fitted(lgb.Booster(model_str=best), calibrate(raw, hold_y))


def calibrate(raw: Floats, label: Labels) -> Calibration:
    """Isotonic with enough outcomes of each kind, else Platt (see the module's docstring)."""
    positives = int(label.sum())
    if min(positives, len(label) - positives) >= ISOTONIC_MIN_EACH:
        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, label)
        return Calibration("isotonic", tuple(iso.X_thresholds_), tuple(iso.y_thresholds_))
    return Calibration("platt", platt(log_odds(raw), label.astype(np.float64)))


def platt(score: Floats, label: Floats, steps: int = 50) -> tuple[float, float]:
    """Slope and intercept of a logistic curve fitted by Newton's method, on Platt's smoothed
    targets ((N+ + 1) / (N+ + 2) for a positive, 1 / (N- + 2) for a negative), which keep the
    fit finite when the scores separate the outcomes perfectly."""
    positives = float(label.sum())
    negatives = len(label) - positives
    target = np.where(label > 0, (positives + 1) / (positives + 2), 1 / (negatives + 2))
    w = np.array([1.0, 0.0])
    design = np.column_stack([score, np.ones_like(score)])
    for _ in range(steps):
        p = expit(design @ w)
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + 1e-6 * np.eye(2)
        step = np.linalg.solve(hessian, design.T @ (p - target))
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return float(w[0]), float(w[1])


def evaluate(outcomes: Outcomes) -> Evaluation:
    """Predict every held-out row with a model that never saw it, as the scheme says."""
    scheme = scheme_for(outcomes.label, outcomes.order, outcomes.horizon)
    x, y, order = outcomes.features, outcomes.label, outcomes.order
    test_rows = np.concatenate([f.test for f in scheme.folds])
    raw = np.empty(len(y))
    probability = np.empty(len(y))
    for fold in scheme.folds:
        model = fit(x.iloc[fold.train], y[fold.train], None if order is None else order[fold.train])
        raw[fold.test] = model.raw(x.iloc[fold.test])
        probability[fold.test] = model.calibration.apply(raw[fold.test])
    return Evaluation(
        scheme, y[test_rows], raw[test_rows], probability[test_rows], backtest(outcomes, scheme)
    )


def backtest(outcomes: Outcomes, scheme: Scheme) -> tuple[float, ...]:
    """The AUC of each expanding-window fold; skipped on large files (three more fits)."""
    if len(outcomes.label) > BACKTEST_MAX_ROWS or outcomes.order is None:
        return ()
    x, y, order = outcomes.features, outcomes.label, outcomes.order
    result = []
    for fold in scheme.backtest:
        if len(set(y[fold.test].tolist())) < 2 or len(set(y[fold.train].tolist())) < 2:
            continue
        model = fit(x.iloc[fold.train], y[fold.train], order[fold.train])
        result.append(auc(y[fold.test], model.raw(x.iloc[fold.test])))
    return tuple(result)


def train(outcomes: Outcomes) -> TrainedModel:
    """The model to keep: fitted on every row (with its inner tenth held back as above)."""
    model = fit(outcomes.features, outcomes.label, outcomes.order)
    gain = model.booster.feature_importance(importance_type="gain")
    names = model.booster.feature_name()
    ranked = sorted(zip(names, (float(g) for g in gain), strict=True), key=lambda t: -t[1])
    return TrainedModel(
        booster=model.booster.model_to_string(),
        features=describe(outcomes.features),
        calibration=model.calibration,
        parameters={**PARAMETERS, "max_rounds": MAX_ROUNDS, "early_stopping": PATIENCE},
        rounds=model.booster.current_iteration(),
        importance=tuple(ranked),
        data_sha256=outcomes.sha256,
        rows=len(outcomes.label),
        label_column=outcomes.label_column,
        positive=outcomes.positive,
    )


def guarded_training(
    outcomes: Outcomes, *, strict: bool = False
) -> tuple[TrainedModel, Evaluation, leakage.Verdict]:
    """The leakage guard, the validation and the final fit, in that order.

    With ``strict`` a blocking suspect refuses before any fit, and a validation AUC too good to
    be true refuses before the final fit.
    """
    label = pd.Series(outcomes.label, name=outcomes.label_column)
    verdict = leakage.guard(outcomes.features, label)
    leakage.refuse_if_strict(verdict, strict)
    evaluation = evaluate(outcomes)
    verdict = leakage.with_model_auc(verdict, auc(evaluation.label, evaluation.raw))
    leakage.refuse_if_strict(verdict, strict)
    return train(outcomes), evaluation, verdict
