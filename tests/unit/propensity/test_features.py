"""The store's features are typed the same way for training and for scoring: the model's own
columns in its order, numbers as floats, booleans as 0/1, and exactly its categories (a value it
never saw is missing, not a new category)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from bankladder.propensity.features import (
    MONEY,
    STORE_FEATURES,
    industry_sections,
    missing_from_store,
    model_frame,
    training_features,
)
from bankladder.propensity.training import Feature, describe


def table(**columns: list[object]) -> pa.Table:
    return pa.table(columns)


TRAINING = table(
    party_id=["P1", "P2", "P3"],
    interactions_30d=[0, 2, 5],
    kyc_valid=[True, False, None],
    segment=["mass", "private", None],
    stage_rank=[1, 2, 3],
)


def test_a_new_models_features_follow_the_catalogue_with_the_categories_seen_sorted() -> None:
    features = training_features(TRAINING)
    assert features == (
        Feature("interactions_30d", "numeric"),
        Feature("kyc_valid", "numeric"),
        Feature("stage_rank", "numeric"),
        Feature("segment", "categorical", ("mass", "private")),
    )


def test_training_rows_typed_as_the_model_records_them() -> None:
    features = training_features(TRAINING)
    frame = model_frame(TRAINING, features)
    assert list(frame.columns) == ["interactions_30d", "kyc_valid", "stage_rank", "segment"]
    assert describe(frame) == features  # what training.describe writes into the model
    assert frame["kyc_valid"].tolist()[:2] == [1.0, 0.0]
    assert np.isnan(frame["kyc_valid"][2])
    assert frame.dtypes["interactions_30d"] == np.float64


def test_scoring_rows_get_the_models_categories_and_order_an_unseen_value_missing() -> None:
    features = training_features(TRAINING)
    scoring = table(
        segment=["private", "corporate", "mass"],  # corporate: never seen in training
        stage_rank=[4, 0, 1],
        kyc_valid=[None, True, True],
        interactions_30d=[1, None, 3],
        party_id=["Q1", "Q2", "Q3"],
    )
    frame = model_frame(scoring, features)
    assert list(frame.columns) == [f.name for f in features]
    assert list(frame["segment"].cat.categories) == ["mass", "private"]
    assert frame["segment"].tolist()[0] == "private"
    assert pd.isna(frame["segment"][1])
    assert frame["segment"].cat.codes.tolist() == [1, -1, 0]
    assert np.isnan(frame["interactions_30d"][1])
    assert describe(frame) == features


def test_a_pandas_frame_types_as_an_arrow_table() -> None:
    features = training_features(TRAINING)
    from_arrow = model_frame(TRAINING, features)
    from_pandas = model_frame(TRAINING.to_pandas(), features)
    pd.testing.assert_frame_equal(from_arrow, from_pandas)


def test_industry_sections_are_the_gbt4754_letter_of_a_valid_code() -> None:
    codes = pa.chunked_array([["C13", "c", None, "ZZ9", "J66", "C13"]])
    assert industry_sections(codes).to_pylist() == ["C", "C", None, None, "J", "C"]


def test_the_store_supplies_facts_and_attributes_but_not_a_files_columns() -> None:
    assert missing_from_store(["interactions_90d", "segment", "duration", "age"]) == (
        "duration",
        "age",
    )
    assert "propensity_lift" not in STORE_FEATURES  # a model never reads its own scores
    assert "party_id" not in STORE_FEATURES
    assert {"total_balance", "wallet", "contribution"} <= MONEY
    assert "interactions_90d" not in MONEY
