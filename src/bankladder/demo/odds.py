"""Weighted draws, fast enough for hundreds of thousands of rows."""

from __future__ import annotations

import bisect
import random
from collections.abc import Mapping
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Odds(Generic[T]):
    """Outcomes with their relative weights; ``draw`` picks one."""

    def __init__(self, weights: Mapping[T, float]) -> None:
        self.outcomes = tuple(weights)
        self.cumulative = tuple(accumulate(weights.values()))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random) -> T:
        return self.outcomes[bisect.bisect(self.cumulative, rng.random() * self.total)]


def between(rng: random.Random, low: int, high: int) -> int:
    """An integer from ``low`` to ``high``, both included (a quicker ``randint``)."""
    return low + int(rng.random() * (high - low + 1))
