"""The leakage guard on generated campaigns with known leaks planted in them."""

from __future__ import annotations

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest

from bankladder.errors import InvalidInput
from bankladder.propensity.leakage import (
    Check,
    Verdict,
    describes_the_contact,
    guard,
    out_of_fold_rate,
    refuse_if_strict,
    too_good_to_be_true,
    with_model_auc,
)
from bankladder.propensity.metrics import rank_auc

pytestmark = pytest.mark.unit

ROWS = 20_000
Campaign = tuple[pd.DataFrame, pd.Series, Verdict]


def campaign(seed: int = 11) -> tuple[pd.DataFrame, pd.Series]:
    """A campaign of 20,000 contacts, 20 % positive, with honest features and planted leaks.

    ``age_signal`` ~ N(0.74 * y, 1): a shift of d = 0.74 standard deviations gives an AUC of
    Phi(d / sqrt 2) = Phi(0.523) = 0.70, a moderate honest signal. ``duration`` = 300 y + N(0, 30)
    is the planted post-outcome column (the two classes 10 standard deviations apart: AUC ~ 1).
    """
    rng = np.random.default_rng(seed)
    y = (rng.random(ROWS) < 0.2).astype(int)
    frame = pd.DataFrame(
        {
            "age_signal": rng.normal(0.74 * y, 1.0),
            "balance": rng.lognormal(8, 1, ROWS),
            "job": rng.choice(["admin", "services", "retired", "student"], ROWS),
            "customer_id": [f"C{i:06d}" for i in rng.permutation(ROWS)],
            "duration": 300 * y + rng.normal(0, 30, ROWS),
            "call_duration": rng.normal(200, 50, ROWS),
            "poutcome": rng.choice(np.array(["success", "failure", None], dtype=object), ROWS),
            "follow_up_day": np.where(y == 1, rng.integers(1, 28, ROWS), np.nan),
        }
    )
    return frame, pd.Series(y, name="y")


@pytest.fixture(scope="module")
def verdict_on_campaign() -> Campaign:
    frame, labels = campaign()
    return frame, labels, guard(frame, labels)


def suspects_of(found: Verdict, column: str) -> set[Check]:
    return {s.check for s in found.suspects if s.column == column}


def test_the_generator_gives_the_honest_feature_a_moderate_signal(
    verdict_on_campaign: Campaign,
) -> None:
    # Guards the premise of the next test: Phi(0.523) = 0.70, within sampling error of 20,000 rows.
    frame, labels, _ = verdict_on_campaign
    assert 0.68 < rank_auc(labels, frame["age_signal"]) < 0.72


def test_a_planted_post_outcome_column_is_flagged_by_name_and_by_separation(
    verdict_on_campaign: Campaign,
) -> None:
    _, _, found = verdict_on_campaign
    assert suspects_of(found, "duration") == {Check.separates, Check.name}
    first = found.suspects[0]
    assert first.column in {"duration", "follow_up_day"}
    assert first.blocking
    assert first.score > 0.99
    assert found.strict_refusal


def test_honest_features_and_a_unique_id_are_not_flagged(verdict_on_campaign: Campaign) -> None:
    _, _, found = verdict_on_campaign
    for column in ("age_signal", "balance", "job", "customer_id", "poutcome"):
        assert suspects_of(found, column) == set(), column


def test_an_in_sample_rate_would_make_an_id_look_perfect_but_the_out_of_fold_one_does_not() -> None:
    # In sample, each id's positive rate is its own label (1 or 0): AUC 1. Out of fold, no id is
    # seen in another fold, so every row gets the same overall rate: AUC exactly 0.5.
    frame, labels = campaign()
    y = labels.to_numpy()
    in_sample = pd.Series(y, index=frame.index).groupby(frame["customer_id"]).transform("mean")
    assert rank_auc(y, in_sample) == 1.0
    assert rank_auc(y, out_of_fold_rate(frame["customer_id"], y.astype(np.int8))) == 0.5


def test_a_category_that_spells_out_the_outcome_is_flagged() -> None:
    frame, labels = campaign()
    y = labels.to_numpy()
    frame["stage_after"] = np.where(y == 1, "won", "lost")
    found = guard(frame[["stage_after", "job"]], labels)
    assert [(s.column, s.check) for s in found.suspects] == [("stage_after", Check.separates)]


def test_a_column_missing_exactly_when_the_outcome_is_negative_is_flagged(
    verdict_on_campaign: Campaign,
) -> None:
    # follow_up_day is present only for positives: "is missing" has TPR 0 and FPR 1, AUC 0, so
    # the folded score is 1. Its present values are all positive, so separation is unmeasurable.
    _, _, found = verdict_on_campaign
    assert suspects_of(found, "follow_up_day") == {Check.missingness}
    (suspect,) = [s for s in found.suspects if s.column == "follow_up_day"]
    assert suspect.score == 1.0


def test_a_contact_word_without_signal_is_only_a_warning(verdict_on_campaign: Campaign) -> None:
    _, labels, found = verdict_on_campaign
    assert suspects_of(found, "call_duration") == {Check.name}
    (warning,) = [s for s in found.suspects if s.column == "call_duration"]
    assert not warning.blocking
    frame, _ = campaign()
    alone = guard(frame[["call_duration", "age_signal"]], labels)
    assert not alone.strict_refusal
    refuse_if_strict(alone, strict=True)  # a warning never refuses
    # Warnings come after every blocking suspect.
    blocking = [s.blocking for s in found.suspects]
    assert blocking == sorted(blocking, reverse=True)


def test_strict_refusal_names_every_blocking_column_and_how_to_drop_it(
    verdict_on_campaign: Campaign,
) -> None:
    _, _, found = verdict_on_campaign
    refuse_if_strict(found, strict=False)  # without --strict the report only warns
    with pytest.raises(InvalidInput) as refused:
        refuse_if_strict(found, strict=True)
    message = str(refused.value)
    assert "--exclude duration" in message
    assert "--exclude follow_up_day" in message
    assert "call_duration" not in message  # a warning is not a reason to refuse


def test_a_validation_auc_too_good_to_be_true_is_a_report_level_suspect() -> None:
    assert too_good_to_be_true(0.96) is None
    suspect = too_good_to_be_true(0.985)
    assert suspect is not None
    assert suspect.column is None
    assert suspect.check is Check.too_good
    frame, labels = campaign()
    clean = guard(frame[["age_signal", "job"]], labels)
    assert not clean.strict_refusal
    flagged = with_model_auc(clean, 0.985)
    assert flagged.strict_refusal
    with pytest.raises(InvalidInput, match="too good to be true"):
        refuse_if_strict(flagged, strict=True)


def test_infinite_values_and_dates_are_ranked_like_any_other_value() -> None:
    # Positives carry +inf or the later date, negatives a finite value or the earlier date:
    # both columns separate the outcome perfectly and must be measured, not refused.
    frame, labels = campaign()
    y = labels.to_numpy()
    frame["ratio"] = np.where(y == 1, np.inf, 1.0)
    frame["closed_on"] = pd.to_datetime(np.where(y == 1, "2024-03-02", "2024-03-01"))
    found = guard(frame[["ratio", "closed_on"]], labels)
    assert {(s.column, s.check, s.score) for s in found.suspects} == {
        ("ratio", Check.separates, 1.0),
        ("closed_on", Check.separates, 1.0),
    }


def test_the_time_column_and_unnamed_features_are_left_out() -> None:
    frame, labels = campaign()
    found = guard(frame, labels, time_column="duration", feature_names=["duration", "job"])
    assert found.suspects == ()
    with pytest.raises(InvalidInput, match="no column named nope"):
        guard(frame, labels, feature_names=["nope"])


def test_reasons_name_the_column_and_never_its_values(verdict_on_campaign: Campaign) -> None:
    _, _, found = verdict_on_campaign
    payload = found.to_json()
    assert payload["strict_refusal"] is True
    for suspect in found.suspects:
        text = suspect.reason.zh + suspect.reason.en
        assert suspect.column is not None
        assert suspect.column in text
        assert "C0" not in text
        assert "admin" not in text


@pytest.mark.parametrize(
    "name",
    [
        "duration",
        "call_duration",
        "CallDuration",
        "talk_time",
        "通话时长",
        "本次结果",
        "outcome",
        "y",
        "y_copy",
        "label2",
        "subscribed_copy",
    ],
)
def test_names_that_describe_the_contact_itself(name: str) -> None:
    assert describes_the_contact(name, label_name="subscribed")


@pytest.mark.parametrize(
    "name",
    [
        "poutcome",
        "previous_outcome",
        "last_result",
        "上次营销结果",
        "age",
        "balance",
        "pdays",
        "durable_goods",
        "campaign",
        "yield",
        "subscribed_before",
    ],
)
def test_names_of_history_or_ordinary_facts_are_not_suspect(name: str) -> None:
    assert not describes_the_contact(name, label_name="subscribed")
