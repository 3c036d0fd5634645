"""The validation figures on made-up estimates with known answers."""

from __future__ import annotations

import pytest

from bankladder.wallet.accuracy import accuracy


def test_the_figures_of_a_perfect_and_of_an_imperfect_estimate() -> None:
    perfect = accuracy([1, 2, 3], [1, 2, 3])
    assert (perfect.median_ape, perfect.within_half, perfect.spearman) == (0.0, 1.0, 1.0)
    # errors 100 %, 50 %, 0 %, 25 %; ranks reversed for the first two
    found = accuracy([200, 150, 300, 500], [100, 100.0001, 300, 400])
    assert found.median_ape == pytest.approx(0.375, abs=1e-4)
    assert found.within_half == 0.75
    assert found.spearman == pytest.approx(0.8)


def test_parties_without_a_true_wallet_are_left_out() -> None:
    assert accuracy([5, 1, 2], [0, 1, 2]).parties == 2
    with pytest.raises(ValueError, match="two parties"):
        accuracy([1], [1])
