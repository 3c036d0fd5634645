"""How close estimated wallets come to the truth: the figures docs/wallet.md records. Pure."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.stats import spearmanr  # type: ignore[import-untyped]  # no stubs in the lock


@dataclass(frozen=True)
class Accuracy:
    """``median_ape``: median of |estimate - truth| / truth; ``within_half``: share of parties
    estimated within +-50 % of the truth; ``spearman``: rank correlation of estimate and truth
    (does the estimate order parties as their true wallets do)."""

    parties: int
    median_ape: float
    within_half: float
    spearman: float


def accuracy(estimated: ArrayLike, truth: ArrayLike) -> Accuracy:
    """The figures over parties whose true wallet is above zero."""
    est, true = np.asarray(estimated, dtype=float), np.asarray(truth, dtype=float)
    kept = true > 0
    est, true = est[kept], true[kept]
    if len(true) < 2:
        raise ValueError("accuracy needs at least two parties with a wallet")
    errors = np.abs(est - true) / true
    rho = spearmanr(est, true).statistic
    return Accuracy(
        parties=len(true),
        median_ape=float(np.median(errors)),
        within_half=float(np.mean(errors <= 0.5)),
        spearman=float(rho),
    )
