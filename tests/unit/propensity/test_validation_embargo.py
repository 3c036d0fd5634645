"""The store's rows learn an outcome 90 days after their month-end: a training row whose
window reaches into the tested period must not train the model that is tested there."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from bankladder.errors import InvalidInput
from bankladder.propensity.history import HORIZON_NS
from bankladder.propensity.validation import scheme_for

pytestmark = pytest.mark.unit

MONTH_ENDS = [dt.date(2025, 12, 31), dt.date(2026, 1, 31), dt.date(2026, 2, 28)]
MONTH_ENDS += [dt.date(2026, 3, 31), dt.date(2026, 4, 30)]


def _rows(per_month: int = 20) -> tuple[np.ndarray, np.ndarray]:
    epoch = dt.datetime(1970, 1, 1)
    times = [
        int((dt.datetime.combine(m, dt.time()) - epoch).total_seconds()) * 10**9 for m in MONTH_ENDS
    ]
    order = np.repeat(np.array(times, dtype=np.int64), per_month)
    label = np.tile(np.array([0, 1], dtype=np.int8), len(order) // 2)
    return label, order


def _months(order: np.ndarray, rows: np.ndarray) -> set[dt.date]:
    return {
        (dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=int(t) // 1000)).date()
        for t in order[rows]
    }


def test_training_month_ends_end_their_90_days_before_the_tested_one() -> None:
    label, order = _rows()
    (split,) = scheme_for(label, order, HORIZON_NS).folds
    assert _months(order, split.test) == {dt.date(2026, 4, 30)}
    # 2026-01-31 + 90 days = 2026-05-01, after the tested month-end: left out; 2025-12-31 is 90
    # days before 2026-03-31 and 120 before 2026-04-30: kept.
    assert _months(order, split.train) == {dt.date(2025, 12, 31)}


def test_without_a_horizon_every_older_row_trains() -> None:
    label, order = _rows()
    (split,) = scheme_for(label, order).folds
    assert _months(order, split.train) == set(MONTH_ENDS[:-1])


def test_the_back_test_folds_are_embargoed_too() -> None:
    label, order = _rows()
    for fold in scheme_for(label, order, HORIZON_NS).backtest:
        if len(fold.train):
            assert order[fold.train].max() + HORIZON_NS <= order[fold.test].min()


def test_too_few_month_ends_for_the_horizon_are_refused_in_words() -> None:
    label, order = _rows()
    keep = np.isin(order, np.unique(order)[:2])
    with pytest.raises(InvalidInput, match="older than the tested ones by the outcome's horizon"):
        scheme_for(label[keep], order[keep], HORIZON_NS)
