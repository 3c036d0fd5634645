"""The features a model of the store's own outcomes reads: every fact of the catalogue as of
the scoring date, the party's rung then, and its kind, segment and industry section.

Training (``history.py``) and scoring (``scoring.py``) build them the same way, so a model
scores exactly what it learnt from: ``feature_table`` computes them on an Ibis backend as of a
date, and ``model_frame`` types them as the model's own ``Feature`` list says (numbers as
float, booleans as 0/1, categories as pandas categoricals with exactly the model's categories:
a value the model never saw is missing, which LightGBM sends down the side it learnt for
missing values, never into a category it means something else by).

``training_features`` is what a new model's categories come from: the values seen in its
training rows, sorted. The party's kind, segment and industry are read as the store holds them
now (it keeps no history of them); every fact and the rung are computed as of the date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pyarrow as pa
import pyarrow.compute as pc

from bankladder.engine.catalogue import FACTS, MODEL_OUTPUTS
from bankladder.engine.evaluate import to_arrow
from bankladder.engine.facts import compute_facts
from bankladder.engine.rules import place
from bankladder.engine.sources import Sources
from bankladder.industry.gbt4754 import section_of
from bankladder.ladder.model import Ladder
from bankladder.propensity.training import Feature

ATTRIBUTES = ("stage_rank", "party_kind", "segment", "industry_section")
"""Features beside the facts: the rung as of the date and who the party is."""
FACT_FEATURES: tuple[str, ...] = tuple(f.name for f in FACTS if f.name not in MODEL_OUTPUTS)
"""The catalogue's facts a model reads: all but a model's own output (``propensity_lift``),
which it would otherwise learn from its own past scores."""
STORE_FEATURES: tuple[str, ...] = (*FACT_FEATURES, *ATTRIBUTES)
"""Every feature the store can supply for scoring its parties."""
CATEGORICAL = ("party_kind", "segment", "industry_section")
"""Store features read as categories; every other one is a number (a boolean as 0/1)."""
MONEY: frozenset[str] = frozenset(fact.name for fact in FACTS if fact.unit == "CNY")
"""Facts that are money amounts (personal financial information): never shown as a reason's
value."""
PARTY_ID = "party_id"


def missing_from_store(names: Sequence[str]) -> tuple[str, ...]:
    """The features among ``names`` the store cannot supply (a model trained on a campaign
    file reads the file's columns): such a model can be reported, not used to score."""
    known = set(STORE_FEATURES)
    return tuple(name for name in names if name not in known)


def feature_table(
    backend: object,
    ladder: Ladder,
    as_of: dt.date,
    party_ids: Sequence[str] | None = None,
) -> pa.Table:
    """``party_id`` and every store feature of every party (or of ``party_ids``) as of
    ``as_of``, sorted by party: the engine's facts (which read only what happened by that
    date), the rung the ladder's rules place it on, and who it is."""
    sources = Sources.on(backend)
    needed = {*FACT_FEATURES, *ladder.facts_used()}
    facts = compute_facts(sources, as_of, party_ids, facts=needed, vip=ladder.vip)
    placed = place(facts, ladder)
    party = sources.party.select(
        industry_party=sources.party.id, industry_code=sources.party.industry_code
    )
    joined = placed.left_join(party, placed.party_id == party.industry_party)
    chosen = joined.select(
        PARTY_ID, *FACT_FEATURES, "stage_rank", "party_kind", "segment", "industry_code"
    ).order_by(PARTY_ID)
    table = to_arrow(backend, chosen)
    sections = industry_sections(table["industry_code"])
    return table.drop_columns(["industry_code"]).append_column("industry_section", sections)


def industry_sections(codes: pa.ChunkedArray) -> pa.Array:
    """The GB/T 4754 section letter of each industry code (``C13`` -> ``C``); null for a code
    that is not one. Each distinct code is looked up once."""
    encoded = pc.dictionary_encode(codes).combine_chunks()
    letters = [section_of(code) if code else None for code in encoded.dictionary.to_pylist()]
    return pa.array(letters, pa.string()).take(encoded.indices)


def training_features(table: pa.Table | pd.DataFrame) -> tuple[Feature, ...]:
    """The features a new model learns from these rows: every store feature present, in the
    catalogue's order; a category's values are those seen, sorted."""
    frame = table if isinstance(table, pd.DataFrame) else None
    names = table.columns if frame is not None else table.column_names
    chosen = []
    for name in STORE_FEATURES:
        if name not in names:
            continue
        if name not in CATEGORICAL:
            chosen.append(Feature(name, "numeric"))
            continue
        values = frame[name] if frame is not None else table[name].to_pandas()
        seen = sorted(str(v) for v in pd.unique(values.dropna()))
        chosen.append(Feature(name, "categorical", tuple(seen)))
    return tuple(chosen)


def model_frame(table: pa.Table | pd.DataFrame, features: Sequence[Feature]) -> pd.DataFrame:
    """The model's input: the columns of ``features`` in their order, numbers as float64
    (booleans 0/1, nulls NaN), categories with exactly the model's categories (a value it
    never saw becomes missing). The same function types training and scoring rows."""
    columns = {}
    for feature in features:
        values = _column(table, feature.name)
        if feature.kind == "categorical":
            columns[feature.name] = pd.Categorical(_texts(values), categories=feature.categories)
        else:
            columns[feature.name] = _numbers(values)
    return pd.DataFrame(columns)


def _column(table: pa.Table | pd.DataFrame, name: str) -> pd.Series:
    if isinstance(table, pd.DataFrame):
        return table[name].reset_index(drop=True)
    return table[name].to_pandas()


def _texts(values: pd.Series) -> pd.Series:
    """Each value as text, a null as None (a category is named by its text)."""
    present = values.notna()
    return values.astype(object).where(~present, values[present].astype(str)).where(present, None)


def _numbers(values: pd.Series) -> np.ndarray:
    """Float64 values: a boolean as 0/1, a null (None, NA) as NaN."""
    if values.dtype == object:
        values = values.map(lambda v: np.nan if v is None else float(v))
    return np.asarray(pd.to_numeric(values, errors="coerce"), dtype=np.float64)
