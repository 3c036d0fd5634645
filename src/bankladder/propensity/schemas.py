"""What the propensity feature hands to the rest of bankladder: the outcomes a model learns
(its *target*), a model version in the registry, a scoring run and the reasons behind a score.

A target names the outcome in the bank's terms:

- ``advance``: the party reached a higher rung within ``HORIZON_DAYS`` days of the date it was
  scored as of (what the worklist's priority multiplies by, ``WORKLIST_TARGET``);
- ``product:<family>``: the party opened a product of that family within ``HORIZON_DAYS`` days,
  not holding one on the date;
- ``outcome:<label>``: a model trained on a flat file of past contacts (``--outcomes``), whose
  label column is ``<label>``; it is reported and kept, but scores the store's parties only
  when every feature it reads is one the store supplies.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from bankladder.errors import InvalidInput

ADVANCE = "advance"
PRODUCT_PREFIX = "product:"
OUTCOME_PREFIX = "outcome:"
HORIZON_DAYS = 90
WORKLIST_TARGET = ADVANCE
"""The target whose scores the worklist's priority reads (``engine/ranking.py``)."""
LIFT_BOUNDS = (0.2, 5.0)
"""A score's lift is clipped to these bounds before it multiplies a priority: a model can move
an action up or down the list, never bury it or let it drown the others."""

_NAME = re.compile(r"[a-z0-9][a-z0-9_\-]{0,47}")


def product_target(family: str) -> str:
    return f"{PRODUCT_PREFIX}{family}"


def outcome_target(label: str) -> str:
    """The target of a model trained on a file's ``label`` column (lower case, safe for a
    folder name: letters, digits, ``_`` and ``-``)."""
    safe = re.sub(r"[^a-z0-9_\-]+", "_", label.strip().lower()).strip("_") or "label"
    return f"{OUTCOME_PREFIX}{safe[:48]}"


def parse_target(text: str, where: str = "--target") -> str:
    """``advance``, ``product:<family>`` or ``outcome:<name>``, refused in words otherwise."""
    if text == ADVANCE:
        return text
    for prefix in (PRODUCT_PREFIX, OUTCOME_PREFIX):
        if text.startswith(prefix) and _NAME.fullmatch(text.removeprefix(prefix)):
            return text
    raise InvalidInput(
        f"{text!r} is not a model target",
        where=where,
        fix="use advance, product:<family> (e.g. product:wealth) or outcome:<name>",
    )


def target_folder(target: str) -> str:
    """The registry folder of a target (``product:wealth`` -> ``product-wealth``)."""
    return target.replace(":", "-")


@dataclass(frozen=True)
class Reason:
    """One feature's part in a party's score: its value on the scoring date (``None`` when the
    value is personal financial information, a money amount, or missing) and its effect on
    the score in log-odds (LightGBM's feature contribution: > 0 raises the probability)."""

    feature: str
    value: str | float | None
    effect: float

    def as_json(self) -> dict[str, str | float | None]:
        return {"feature": self.feature, "value": self.value, "effect": self.effect}

    @classmethod
    def from_json(cls, data: dict[str, str | float | None]) -> Reason:
        value, effect = data.get("value"), data.get("effect")
        return cls(str(data["feature"]), value, float(effect if effect is not None else 0.0))


REASONS_KEPT = 3
"""The reasons kept per scored party: the largest effects, raising or lowering."""


@dataclass(frozen=True)
class ModelVersion:
    """One model in the registry: ``<models>/<target folder>/<version>/model.txt|model.json``."""

    target: str
    version: str  # "v1", "v2", ... per target, in the order they were registered
    path: Path  # the version's folder
    registered_at: dt.datetime
    data_sha256: str  # the training data's hash (the file's bytes, or the store extract's)
    model_sha256: str  # model.txt's hash: what `activate` and scoring check before use
    features: tuple[str, ...]
    rows: int
    positive_rate: float  # the training data's base rate: lift = probability / this
    auc: float
    alift: float
    active: bool


@dataclass(frozen=True)
class ScoreRun:
    """What one scoring run did, for the operator."""

    as_of: dt.date
    target: str
    model_version: str
    parties: int
    mean_probability: float
    seconds: float
