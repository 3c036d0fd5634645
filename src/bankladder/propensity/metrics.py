"""How well a score ranks and how honest its probabilities are: AUC, ALIFT, gains, calibration.

Pure functions over arrays of 0/1 labels and scores; results are small frozen dataclasses holding
plain floats and ints, ready for a table or JSON.

Ties in the scores are treated as one group: a tied group is contacted together, so the gains
curve runs as a straight line across it and the AUC counts a tied positive/negative pair as half.
This makes every figure independent of the order of the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sklearn.metrics import roc_auc_score  # type: ignore[import-untyped]

from bankladder.errors import InvalidInput

FloatArray = npt.NDArray[np.float64]
ArrayLike = Sequence[float] | Sequence[int] | Sequence[bool] | npt.NDArray[np.generic]


@dataclass(frozen=True, slots=True)
class GainsPoint:
    """One point of the cumulative gains curve.

    ``contacted``: share of parties contacted, best score first; ``found``: share of all positives
    among them; ``lift``: ``found / contacted`` (1.0 is what random contacting gives).
    """

    contacted: float
    found: float
    lift: float


@dataclass(frozen=True, slots=True)
class CalibrationBin:
    """One equal-count bin of predicted probabilities and what really happened in it."""

    count: int
    lowest: float
    highest: float
    mean_predicted: float
    observed_rate: float


def binary_labels(labels: ArrayLike, *, where: str = "outcome") -> npt.NDArray[np.int8]:
    """The labels as a 0/1 array; anything else (missing values, 2, "yes") is refused."""
    values = np.asarray(labels)
    if values.ndim != 1 or values.size == 0:
        raise InvalidInput("the outcome column is empty", where=where, fix="give past contacts")
    if values.dtype == np.bool_:
        return values.astype(np.int8)
    if not np.issubdtype(values.dtype, np.number) or not np.isin(values, (0, 1)).all():
        raise InvalidInput(
            "the outcome column must hold 0 and 1 only",
            where=where,
            fix="name the positive value (--positive VALUE) so the outcome can be read as 0/1",
        )
    return values.astype(np.int8)


def auc(labels: ArrayLike, scores: ArrayLike) -> float:
    """The area under the ROC curve: the chance a random positive outranks a random negative."""
    y, s = _checked(labels, scores)
    return float(roc_auc_score(y, s))


def rank_auc(labels: ArrayLike, scores: ArrayLike) -> float:
    """The same AUC as :func:`auc`, from one sort (Mann-Whitney U, ties counted as half).

    Used where many columns of a million rows are measured (the leakage guard): it avoids the
    ROC curve that scikit-learn builds and only needs the tie groups in score order.
    """
    y, s = _checked(labels, scores)
    pos, neg = _tie_groups(y, s, descending=False)
    negatives_below = np.cumsum(neg) - neg
    wins = float(np.dot(pos, negatives_below + neg / 2.0))
    return wins / (float(pos.sum()) * float(neg.sum()))


def alift(labels: ArrayLike, scores: ArrayLike) -> float:
    """The area under the cumulative gains curve (ALIFT), random ordering = 0.5.

    Definition: contact parties best score first; x is the share contacted, y the share of all
    positives found; ALIFT is the area under y(x) from x=0 to x=1, by the trapezoid rule over the
    tie groups (exact, since the curve is straight across each group). Random ordering gives the
    diagonal (0.5); a perfect ordering finds every positive in the first share p (the positive
    rate), so its area is p/2 + (1 - p) = 1 - p/2; a fully reversed one gives p/2. It equals
    p/2 + (1 - p) * AUC. This is the ALIFT measure of Moro, Cortez & Rita (2014), "A data-driven
    approach to predict the success of bank telemarketing", Decision Support Systems 62, 22-31,
    after the cumulative lift (gains) charts of the direct-marketing literature.
    """
    y, s = _checked(labels, scores)
    x, found = _gains_curve(y, s)
    return float(np.trapezoid(found, x))


def gains(labels: ArrayLike, scores: ArrayLike, points: int = 10) -> list[GainsPoint]:
    """The cumulative gains curve at ``points`` even shares (deciles by default), for a report."""
    if points < 1:
        raise InvalidInput(f"points must be at least 1, not {points}", where="gains")
    y, s = _checked(labels, scores)
    x, found = _gains_curve(y, s)
    shares = np.arange(1, points + 1) / points
    at = np.interp(shares, x, found)
    return [
        GainsPoint(contacted=float(c), found=float(f), lift=float(f / c))
        for c, f in zip(shares, at, strict=True)
    ]


def calibration(
    labels: ArrayLike, probabilities: ArrayLike, bins: int = 10
) -> list[CalibrationBin]:
    """Equal-count bins by predicted probability (lowest first), each with its observed rate.

    Rows are sorted by probability (stably) and cut into ``bins`` groups whose sizes differ by at
    most one; fewer rows than bins give one row per bin. Equal rows may fall either side of a cut.
    """
    if bins < 1:
        raise InvalidInput(f"bins must be at least 1, not {bins}", where="calibration")
    y, p = _checked_probabilities(labels, probabilities)
    order = np.argsort(p, kind="stable")
    result = []
    for part in np.array_split(order, min(bins, p.size)):
        result.append(
            CalibrationBin(
                count=int(part.size),
                lowest=float(p[part].min()),
                highest=float(p[part].max()),
                mean_predicted=float(p[part].mean()),
                observed_rate=float(y[part].mean()),
            )
        )
    return result


def brier(labels: ArrayLike, probabilities: ArrayLike) -> float:
    """The Brier score: mean squared distance between probability and outcome (0 is perfect)."""
    y, p = _checked_probabilities(labels, probabilities)
    return float(np.mean((p - y) ** 2))


def expected_calibration_error(table: Sequence[CalibrationBin]) -> float:
    """The expected calibration error of a calibration table.

    The count-weighted mean of ``|observed rate - mean predicted|`` over the bins.
    """
    total = sum(b.count for b in table)
    if total == 0:
        raise InvalidInput("the calibration table is empty", where="calibration")
    return sum(b.count * abs(b.observed_rate - b.mean_predicted) for b in table) / total


def _checked(labels: ArrayLike, scores: ArrayLike) -> tuple[npt.NDArray[np.int8], FloatArray]:
    y = binary_labels(labels)
    s = np.asarray(scores, dtype=np.float64)
    if s.shape != y.shape:
        raise InvalidInput(
            f"{s.size} scores for {y.size} outcomes", where="scores", fix="give one score a row"
        )
    if not np.isfinite(s).all():
        raise InvalidInput("a score is missing or not finite", where="scores")
    if y.min() == y.max():
        raise InvalidInput(
            f"the outcome column holds one value only ({int(y[0])})",
            where="outcome",
            fix="check --label and --positive; a model needs both outcomes to learn from",
        )
    return y, s


def _checked_probabilities(
    labels: ArrayLike, probabilities: ArrayLike
) -> tuple[npt.NDArray[np.int8], FloatArray]:
    y = binary_labels(labels)
    p = np.asarray(probabilities, dtype=np.float64)
    if p.shape != y.shape:
        raise InvalidInput(f"{p.size} probabilities for {y.size} outcomes", where="probabilities")
    if not (np.isfinite(p).all() and (p >= 0).all() and (p <= 1).all()):
        raise InvalidInput("a probability is missing or outside 0..1", where="probabilities")
    return y, p


def _tie_groups(
    y: npt.NDArray[np.int8], s: FloatArray, *, descending: bool
) -> tuple[FloatArray, FloatArray]:
    """Positives and negatives in each group of equal scores, groups in score order.

    The order of rows inside a group does not matter (only its counts do), so the fast unstable
    sort gives the same figures on every run.
    """
    order = np.argsort(s)
    sorted_scores = s[order]
    starts = np.flatnonzero(np.r_[True, sorted_scores[1:] != sorted_scores[:-1]])
    sizes = np.diff(np.r_[starts, s.size]).astype(np.float64)
    pos = np.add.reduceat(y[order].astype(np.float64), starts)
    neg = sizes - pos
    return (pos[::-1], neg[::-1]) if descending else (pos, neg)


def _gains_curve(y: npt.NDArray[np.int8], s: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The gains curve's corners: (0, 0), then the end of each tie group, best scores first."""
    pos, neg = _tie_groups(y, s, descending=True)
    x = np.r_[0.0, np.cumsum(pos + neg)] / y.size
    found = np.r_[0.0, np.cumsum(pos)] / pos.sum()
    return x, found
