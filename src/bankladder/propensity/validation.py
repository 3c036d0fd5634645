"""How a model is tested on data it has not seen: a time split or stratified k-fold.

When the file says when each contact happened (``--time``) or that its rows are in time order
(``--ordered``), the model is trained on the oldest 80% and tested on the newest 20%: that is
how it will be used (trained on the past, scoring the future), and a random split would let
the model learn from contacts made after the ones it is tested on. An expanding-window
back-test (three folds: train on the oldest quarter, test on the next; then on half...) shows
whether the result holds over time. When a row's outcome is only known some time after it (the
store's rows: did the party move up within 90 days of the month-end), a training row whose
outcome window reaches past the first tested time is left out of that fit (an embargo):
otherwise the model would learn from outcomes that happened during the tested period. Without
a time, stratified 5-fold cross-validation with a
fixed seed: every row is predicted once by a model that did not see it (out-of-fold).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]

from bankladder.errors import InvalidInput

SEED = 20260
TEST_SHARE = 0.2
FOLDS = 5
BACKTEST_FOLDS = 3

Indices = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Fold:
    """Positions of the rows a model is trained on and of the rows it is tested on."""

    train: Indices
    test: Indices


@dataclass(frozen=True)
class Scheme:
    """The validation used: its kind and its folds (one for a time split, ``FOLDS`` else)."""

    kind: Literal["time", "kfold"]
    folds: tuple[Fold, ...]
    backtest: tuple[Fold, ...] = ()


def scheme_for(
    label: npt.NDArray[np.int8], order: npt.NDArray[np.int64] | None, horizon: int = 0
) -> Scheme:
    """A time split (with its back-test) when the order is known, else stratified k-fold;
    ``horizon``: how long after its time a row's outcome is known (0: at once)."""
    if order is None:
        return Scheme("kfold", stratified_folds(label))
    sorted_rows = np.argsort(order, kind="stable").astype(np.int64)
    split = embargoed(time_split(sorted_rows, order), order, horizon)
    if not len(split.train):
        raise InvalidInput(
            "no training rows are older than the tested ones by the outcome's horizon",
            where="--months", fix="Train on more month-ends.",
        )  # fmt: skip
    backtest = tuple(embargoed(f, order, horizon) for f in expanding_folds(sorted_rows))
    return Scheme("time", (split,), backtest)


def embargoed(fold: Fold, order: npt.NDArray[np.int64], horizon: int) -> Fold:
    """The fold without the training rows whose outcome window (time + ``horizon``) ends after
    the first tested time."""
    if horizon <= 0 or not len(fold.test):
        return fold
    first_tested = order[fold.test].min()
    return Fold(fold.train[order[fold.train] + horizon <= first_tested], fold.test)


def time_split(sorted_rows: Indices, order: npt.NDArray[np.int64]) -> Fold:
    """Train on the oldest rows, test on the newest ``TEST_SHARE``; rows at the boundary's time
    all go to the test side, so every training row is strictly older than every test row."""
    cut = round(len(sorted_rows) * (1 - TEST_SHARE))
    times = order[sorted_rows]
    cut = int(np.searchsorted(times, times[min(cut, len(times) - 1)], side="left"))
    if cut == 0:
        raise InvalidInput(
            "the rows share too few distinct times to train on older rows and test on newer",
            where="--time", fix="Use --ordered if the rows are in time order, or leave out --time.",
        )  # fmt: skip
    return Fold(sorted_rows[:cut], sorted_rows[cut:])


def expanding_folds(sorted_rows: Indices, folds: int = BACKTEST_FOLDS) -> tuple[Fold, ...]:
    """Split the time-ordered rows into ``folds + 1`` blocks; fold i trains on blocks 0..i and
    tests on block i + 1."""
    blocks = np.array_split(sorted_rows, folds + 1)
    return tuple(Fold(np.concatenate(blocks[: i + 1]), blocks[i + 1]) for i in range(folds))


def stratified_folds(label: npt.NDArray[np.int8], folds: int = FOLDS) -> tuple[Fold, ...]:
    """Stratified k-fold with a fixed seed: each fold keeps the file's positive rate."""
    smallest = int(min(label.sum(), len(label) - label.sum()))
    if smallest < folds:
        raise InvalidInput(
            f"the rarer outcome occurs {smallest} times; {folds}-fold validation needs at "
            f"least {folds}", where="--label", fix="Train on a file with more outcomes.",
        )  # fmt: skip
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    positions = np.zeros(len(label))
    return tuple(
        Fold(train.astype(np.int64), test.astype(np.int64))
        for train, test in splitter.split(positions, label)
    )
