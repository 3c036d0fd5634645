"""The leakage guard: features only known after the outcome, and results too good to be true.

A model that is told how long the call lasted "predicts" whether the call sold: the duration of
the very contact whose result is the label is only known once the result is. The guard looks for
four signs and names the suspect columns (never their values):

1. ``separates``: one feature alone separates the outcome almost perfectly (its own AUC, either
   direction, at or above a threshold). Categorical features are measured by their out-of-fold
   positive rate (k-fold target encoding), so an id column of unique values, which an in-sample
   rate would make look perfect, scores about 0.5.
2. ``name``: the name usually describes the contact itself (its duration, its result, a twin of
   the label). A warning only; it blocks when the column also fails check 1, via that check.
3. ``too_good``: the whole model's validation AUC is too good to be true (report level).
4. ``missingness``: whether the value is missing separates the outcome (missing exactly when the
   outcome is negative, or positive).

Everything is vectorised (one sort per column), so a million rows by fifty columns takes seconds.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt
import pandas as pd  # type: ignore[import-untyped]

from bankladder.errors import InvalidInput
from bankladder.ladder.model import Text
from bankladder.propensity.metrics import binary_labels, rank_auc

SEPARATION_THRESHOLD = 0.9
TOO_GOOD_THRESHOLD = 0.97
ENCODING_FOLDS = 5
ENCODING_SEED = 20140601

# Words (whole tokens of the name) that usually describe the contact whose result is the label.
CONTACT_WORDS = frozenset({"duration", "outcome", "result", "talktime"})
CONTACT_PHRASES = (("call", "duration"), ("talk", "time"), ("call", "length"), ("call", "seconds"))
CONTACT_CHINESE = ("时长", "通话时间", "结果")
LABEL_WORDS = frozenset({"y", "label", "target", "标签", "目标"})
# A name that speaks of an earlier contact ("poutcome", "previous_result", "上次结果") is history.
EARLIER_MARKERS = (
    "prev",
    "previous",
    "last",
    "prior",
    "past",
    "上次",
    "上一次",
    "前次",
    "历史",
    "以往",
)


class Check(StrEnum):
    """Which sign of leakage a suspect shows."""

    separates = "separates"
    name = "name"
    too_good = "too_good"
    missingness = "missingness"


@dataclass(frozen=True, slots=True)
class Suspect:
    """A column (``None`` for the whole model) that may leak the outcome, and why.

    ``score`` is the AUC behind the suspicion (0.5 = no signal, 1.0 = perfect); ``blocking`` is
    false for name-only warnings, which never make ``--strict`` refuse.
    """

    column: str | None
    check: Check
    score: float
    reason: Text
    blocking: bool = True

    def to_json(self) -> dict[str, object]:
        """Plain values for a JSON report."""
        return {
            "column": self.column,
            "check": self.check.value,
            "score": self.score,
            "blocking": self.blocking,
            "reason": {"zh": self.reason.zh, "en": self.reason.en},
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    """The suspects, most suspicious first, and whether ``--strict`` must refuse to train."""

    suspects: tuple[Suspect, ...]
    strict_refusal: bool

    def to_json(self) -> dict[str, object]:
        """Plain values for a JSON report."""
        return {
            "suspects": [s.to_json() for s in self.suspects],
            "strict_refusal": self.strict_refusal,
        }


def guard(
    features: pd.DataFrame,
    labels: pd.Series,
    *,
    time_column: str | None = None,
    feature_names: Sequence[str] | None = None,
    threshold: float = SEPARATION_THRESHOLD,
) -> Verdict:
    """Checks 1, 2 and 4 on every feature (rows matched by position, not index)."""
    y = binary_labels(labels.to_numpy(), where=str(labels.name or "outcome"))
    if len(features) != y.size:
        raise InvalidInput(
            f"{len(features)} rows of features for {y.size} outcomes", where="outcome"
        )
    if y.min() == y.max():
        raise InvalidInput(
            f"the outcome column holds one value only ({int(y[0])})",
            where=str(labels.name or "outcome"),
            fix="check --label and --positive",
        )
    suspects: list[Suspect] = []
    for name in _feature_names(features, time_column, feature_names):
        suspects.extend(
            _column_suspects(name, features[name], y, str(labels.name or ""), threshold)
        )
    return verdict(suspects)


def too_good_to_be_true(model_auc: float, threshold: float = TOO_GOOD_THRESHOLD) -> Suspect | None:
    """Check 3: a validation AUC at or above ``threshold`` is a report-level suspect."""
    if model_auc < threshold:
        return None
    return Suspect(
        column=None,
        check=Check.too_good,
        score=float(model_auc),
        reason=Text(
            f"模型验证 AUC 为 {model_auc:.3f}，好得不像真的：很可能有特征在结果发生之后才可知",
            f"the model's validation AUC of {model_auc:.3f} is too good to be true: "
            "a feature is probably known only after the outcome",
        ),
    )


def verdict(suspects: Sequence[Suspect]) -> Verdict:
    """Suspects sorted most suspicious first: blocking ones, then by score, then by name."""
    ordered = sorted(suspects, key=lambda s: (not s.blocking, -s.score, s.column or "", s.check))
    return Verdict(tuple(ordered), strict_refusal=any(s.blocking for s in ordered))


def with_model_auc(
    found: Verdict, model_auc: float, threshold: float = TOO_GOOD_THRESHOLD
) -> Verdict:
    """The verdict with check 3 added, once the model's validation AUC is known."""
    extra = too_good_to_be_true(model_auc, threshold)
    return found if extra is None else verdict([*found.suspects, extra])


def refuse_if_strict(found: Verdict, strict: bool) -> None:
    """Under ``--strict``, refuse to train while a blocking suspect remains, naming each one."""
    if not (strict and found.strict_refusal):
        return
    blocking = [s for s in found.suspects if s.blocking]
    columns = list(dict.fromkeys(s.column for s in blocking if s.column is not None))
    named = ", ".join(f"{c} ({_checks_of(found, c)})" for c in columns)
    parts = [f"suspect columns: {named}"] if columns else []
    if any(s.column is None for s in blocking):
        parts.append("the model's validation AUC is too good to be true")
    excludes = " ".join(f"--exclude {c}" for c in columns)
    raise InvalidInput(
        "--strict refuses to train on features that may leak the outcome; " + "; ".join(parts),
        where="leakage guard",
        fix=(f"drop them with {excludes}, or " if excludes else "")
        + "check which features are only known after the outcome and exclude them",
    )


def _checks_of(found: Verdict, column: str) -> str:
    return ", ".join(s.check.value for s in found.suspects if s.column == column and s.blocking)


def _feature_names(
    features: pd.DataFrame, time_column: str | None, names: Sequence[str] | None
) -> list[str]:
    chosen = [str(c) for c in features.columns] if names is None else [str(n) for n in names]
    missing = [n for n in chosen if n not in features.columns]
    if missing:
        raise InvalidInput(f"no column named {', '.join(missing)}", where="features")
    return [n for n in chosen if n != time_column]


def _column_suspects(
    name: str, column: pd.Series, y: npt.NDArray[np.int8], label_name: str, threshold: float
) -> list[Suspect]:
    found: list[Suspect] = []
    present = column.notna().to_numpy()
    separation = _separation(column, y, present)
    if separation is not None and separation >= threshold:
        found.append(_separates(name, separation))
    missing_score = _missingness(present, y)
    if missing_score is not None and missing_score >= threshold:
        found.append(_missing(name, missing_score))
    if describes_the_contact(name, label_name):
        found.append(_named(name, separation))
    return found


def _separation(
    column: pd.Series, y: npt.NDArray[np.int8], present: npt.NDArray[np.bool_]
) -> float | None:
    """The AUC of the feature alone on its present rows (either direction); None if unmeasurable."""
    values = column[present]
    labels = y[present]
    if labels.size == 0 or labels.min() == labels.max():
        return None
    if pd.api.types.is_datetime64_any_dtype(values):
        numbers = values.to_numpy(dtype="datetime64[ns]").view(np.int64).astype(np.float64)
    elif pd.api.types.is_bool_dtype(values) or pd.api.types.is_numeric_dtype(values):
        numbers = values.to_numpy(dtype=np.float64)
    else:
        return rank_auc(labels, out_of_fold_rate(values, labels))
    # Infinities keep their place at either end of the ranking (a ratio over zero is a value).
    score = rank_auc(labels, np.clip(numbers, -np.finfo(np.float64).max, np.finfo(np.float64).max))
    return max(score, 1.0 - score)


def out_of_fold_rate(
    values: pd.Series, labels: npt.NDArray[np.int8], folds: int = ENCODING_FOLDS
) -> npt.NDArray[np.float64]:
    """Each row's category positive rate, computed from the other folds only (target encoding).

    Folds are a seeded shuffle of the rows. A category unseen in the other folds (an id of unique
    values) gets the overall positive rate, a constant, so it carries no signal. Only the
    direction it is measured in can make such a feature look predictive, so its AUC is not folded.
    """
    codes, _ = pd.factorize(values.astype(str), sort=False)
    fold = np.random.default_rng(ENCODING_SEED).permutation(labels.size) % folds
    width = int(codes.max()) + 1
    cell = fold * width + codes
    cell_n = np.bincount(cell, minlength=folds * width).reshape(folds, width)
    cell_pos = np.bincount(cell, weights=labels, minlength=folds * width).reshape(folds, width)
    other_n = cell_n.sum(axis=0)[codes] - cell_n[fold, codes]
    other_pos = cell_pos.sum(axis=0)[codes] - cell_pos[fold, codes]
    prior = float(labels.mean())
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(other_n > 0, other_pos / np.maximum(other_n, 1), prior)


def _missingness(present: npt.NDArray[np.bool_], y: npt.NDArray[np.int8]) -> float | None:
    """The AUC of "is missing" as a score (either direction); None when nothing or all is missing.

    For a 0/1 score the AUC is (1 + TPR - FPR) / 2, from four counts.
    """
    missing = ~present
    if not missing.any() or missing.all():
        return None
    positives = y == 1
    tpr = float(missing[positives].mean())
    fpr = float(missing[~positives].mean())
    score = (1.0 + tpr - fpr) / 2.0
    return max(score, 1.0 - score)


def describes_the_contact(name: str, label_name: str = "") -> bool:
    """Whether a column's name usually describes the contact whose result is the label."""
    lowered = name.lower()
    if any(marker in lowered for marker in EARLIER_MARKERS if not marker.isascii()):
        return False
    tokens = _tokens(name)
    if any(t in {"prev", "previous", "last", "prior", "past"} for t in tokens):
        return False
    if CONTACT_WORDS & set(tokens) or any(c in lowered for c in CONTACT_CHINESE):
        return True
    pairs = set(itertools.pairwise(tokens))
    if any(p in pairs for p in CONTACT_PHRASES):
        return True
    return _is_label_twin(tokens, _tokens(label_name))


def _tokens(name: str) -> list[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", name)
    return [t for t in re.split(r"[^0-9a-z\u4e00-\u9fff]+", spaced.lower()) if t]


def _is_label_twin(tokens: list[str], label_tokens: list[str]) -> bool:
    """``y``, ``label``, ``target``, or the label's own name, with only digits or copy/dup added."""
    stems = (t.rstrip("0123456789") for t in tokens)
    core = [t for t in stems if t and t not in {"copy", "dup"}]
    return core in ([w] for w in LABEL_WORDS) or (bool(label_tokens) and core == label_tokens)


def _separates(name: str, score: float) -> Suspect:
    return Suspect(
        name,
        Check.separates,
        score,
        Text(
            f"{name} 单独就几乎能区分结果（AUC {score:.3f}）：它可能在结果之后才可知",
            f"{name} separates the outcome almost alone (AUC {score:.3f}): "
            "it may be known only after the outcome",
        ),
    )


def _missing(name: str, score: float) -> Suspect:
    return Suspect(
        name,
        Check.missingness,
        score,
        Text(
            f"{name} 是否缺失几乎决定了结果（AUC {score:.3f}）：缺失本身泄露了结果",
            f"whether {name} is missing nearly decides the outcome (AUC {score:.3f}): "
            "its missingness encodes the outcome",
        ),
    )


def _named(name: str, separation: float | None) -> Suspect:
    score = 0.5 if separation is None else separation
    return Suspect(
        name,
        Check.name,
        score,
        Text(
            f"{name} 的名称像是描述本次接触本身（时长、结果）：请确认它在结果之前就已知",
            f"the name {name} usually describes the contact itself (its duration or result): "
            "make sure it is known before the outcome",
        ),
        blocking=False,
    )
