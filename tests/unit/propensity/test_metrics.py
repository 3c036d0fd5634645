"""AUC, ALIFT, gains and calibration on cases small enough to work out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from bankladder.errors import InvalidInput
from bankladder.propensity.metrics import (
    alift,
    auc,
    brier,
    calibration,
    expected_calibration_error,
    gains,
    rank_auc,
)

pytestmark = pytest.mark.unit

# Four parties, two positives (p = 0.5).
LABELS = [1, 1, 0, 0]


def test_a_perfect_ordering_scores_auc_one_and_alift_one_minus_half_the_positive_rate() -> None:
    # Every positive outranks every negative: 4 of 4 pairs won, AUC = 1.
    # Gains corners (contacted, found): (0,0) (.25,.5) (.5,1) (.75,1) (1,1); trapezoids:
    # .25*(0+.5)/2 + .25*(.5+1)/2 + .25*1 + .25*1 = .0625 + .1875 + .25 + .25 = .75 = 1 - .5/2.
    assert auc(LABELS, [4, 3, 2, 1]) == 1.0
    assert alift(LABELS, [4, 3, 2, 1]) == pytest.approx(0.75)


def test_a_reversed_ordering_scores_auc_zero_and_alift_half_the_positive_rate() -> None:
    # No pair won, AUC = 0. Corners: (0,0) (.25,0) (.5,0) (.75,.5) (1,1);
    # area = 0 + 0 + .25*(0+.5)/2 + .25*(.5+1)/2 = .0625 + .1875 = .25 = p/2.
    assert auc(LABELS, [1, 2, 3, 4]) == 0.0
    assert alift(LABELS, [1, 2, 3, 4]) == pytest.approx(0.25)


def test_a_symmetric_ordering_is_exactly_random() -> None:
    # Positives at ranks 1 and 4 of 4: the first beats both negatives, the last beats none:
    # 2 of 4 pairs, AUC = .5. Corners: (0,0) (.25,.5) (.5,.5) (.75,.5) (1,1);
    # area = .0625 + .125 + .125 + .1875 = .5.
    labels, scores = [1, 0, 0, 1], [4, 3, 2, 1]
    assert auc(labels, scores) == 0.5
    assert rank_auc(labels, scores) == 0.5
    assert alift(labels, scores) == 0.5


def test_tied_scores_count_half_and_are_contacted_as_one_group() -> None:
    # Positives score 3, 2, 1; negatives 2, 2, 1 (p = .5).
    # Pairs: pos 3 beats all three negatives (3); pos 2 ties two 2s (.5 + .5) and beats the 1 (1);
    # pos 1 loses to both 2s and ties the 1 (.5). AUC = (3 + 2 + .5) / 9 = 11/18.
    # Groups best first: {3: 1 pos}, {2: 1 pos, 2 neg}, {1: 1 pos, 1 neg}; corners (0,0)
    # (1/6,1/3) (4/6,2/3) (1,1); area = 1/36 + 9/36 + 10/36 = 5/9 (= p/2 + (1-p) AUC).
    labels, scores = [1, 1, 0, 0, 1, 0], [3, 2, 2, 2, 1, 1]
    assert auc(labels, scores) == pytest.approx(11 / 18)
    assert rank_auc(labels, scores) == pytest.approx(11 / 18)
    assert alift(labels, scores) == pytest.approx(5 / 9)
    # The order of the rows within a tie (or anywhere) changes nothing.
    order = [5, 2, 4, 0, 3, 1]
    shuffled = ([labels[i] for i in order], [scores[i] for i in order])
    assert alift(*shuffled) == pytest.approx(5 / 9)


def test_one_score_for_everyone_is_random() -> None:
    # One tie group: the gains curve is the diagonal, every pair is half a win.
    assert auc(LABELS, [7, 7, 7, 7]) == 0.5
    assert alift(LABELS, [7, 7, 7, 7]) == pytest.approx(0.5)


def test_the_fast_auc_agrees_with_scikit_learn_and_alift_follows_from_auc() -> None:
    # Two independent computations of the same quantity; and the identity
    # ALIFT = p/2 + (1 - p) AUC, which holds for the gains curve by construction of both areas.
    rng = np.random.default_rng(7)
    labels = rng.integers(0, 2, 5000)
    scores = rng.integers(0, 30, 5000) + labels * rng.integers(0, 5, 5000)  # many ties
    p = labels.mean()
    assert rank_auc(labels, scores) == pytest.approx(auc(labels, scores), abs=1e-12)
    assert alift(labels, scores) == pytest.approx(p / 2 + (1 - p) * auc(labels, scores))


def test_gains_at_quarters_of_a_perfect_ordering() -> None:
    # From the perfect corners above: found .5 at .25 (lift 2), 1 at .5 (lift 2),
    # 1 at .75 (lift 4/3), 1 at 1 (lift 1).
    curve = gains(LABELS, [4, 3, 2, 1], points=4)
    assert [(g.contacted, g.found) for g in curve] == [(0.25, 0.5), (0.5, 1), (0.75, 1), (1, 1)]
    assert [g.lift for g in curve] == pytest.approx([2, 2, 4 / 3, 1])


def test_an_outcome_of_one_value_only_is_refused() -> None:
    with pytest.raises(InvalidInput, match="one value only"):
        auc([0, 0, 0], [0.1, 0.2, 0.3])
    with pytest.raises(InvalidInput, match="one value only"):
        alift([1, 1], [0.1, 0.2])


def test_an_outcome_that_is_not_zero_or_one_is_refused() -> None:
    with pytest.raises(InvalidInput, match="0 and 1 only"):
        auc([0, 1, 2], [0.1, 0.2, 0.3])
    with pytest.raises(InvalidInput, match="0 and 1 only"):
        auc(np.array(["yes", "no"]), [0.1, 0.2])
    with pytest.raises(InvalidInput, match="2 scores for 3 outcomes"):
        auc([0, 1, 1], [0.1, 0.2])


# Eight parties; the lower half all negative, the upper half all positive.
PROBABILITIES = [0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9]
OUTCOMES = [0, 0, 0, 0, 1, 1, 1, 1]


def test_calibration_bins_hold_equal_counts_lowest_first() -> None:
    # Bin 1: .1 .2 .3 .4 -> mean 1.0/4 = .25, observed 0/4; bin 2: .6 .7 .8 .9 -> mean .75, 4/4.
    # Rows given in shuffled order: the bins follow the probabilities, not the rows.
    order = [6, 0, 3, 7, 1, 5, 2, 4]
    table = calibration([OUTCOMES[i] for i in order], [PROBABILITIES[i] for i in order], bins=2)
    assert [(b.count, b.lowest, b.highest) for b in table] == [(4, 0.1, 0.4), (4, 0.6, 0.9)]
    assert [b.mean_predicted for b in table] == pytest.approx([0.25, 0.75])
    assert [b.observed_rate for b in table] == [0.0, 1.0]
    # Each bin is off by .25, so the count-weighted mean is .25.
    assert expected_calibration_error(table) == pytest.approx(0.25)


def test_bins_that_do_not_divide_the_rows_differ_by_one_at_most() -> None:
    # 8 rows in 3 bins: 3, 3, 2; 8 rows in 20 bins: one row each.
    assert [b.count for b in calibration(OUTCOMES, PROBABILITIES, bins=3)] == [3, 3, 2]
    assert len(calibration(OUTCOMES, PROBABILITIES, bins=20)) == 8


def test_brier_score() -> None:
    # Squared misses: .01 .04 .09 .16 (negatives) and .16 .09 .04 .01 (positives): .6 / 8 = .075.
    assert brier(OUTCOMES, PROBABILITIES) == pytest.approx(0.075)
    assert brier([0, 1], [0.0, 1.0]) == 0.0
    assert brier([0, 1, 1, 0], [0.5] * 4) == 0.25


def test_a_probability_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"outside 0\.\.1"):
        brier([0, 1], [0.2, 1.2])
