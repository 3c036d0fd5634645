"""Batch scoring of 1,000,000 parties with a propensity model (issue 9: at most 60 s on DuckDB,
2 cores).

    uv run python bench/propensity_scoring.py --parties 1000000 --runs 3

The engine's source tables are generated in memory by ``generate.py`` (seeded, about 15 rows
per party) and loaded into an in-memory DuckDB (2 threads); the tables it leaves out are empty.
A model is trained once, untimed, on a sample of 50,000 parties whose outcome is planted on
their features (more contacts in 90 days and a higher rung: more likely to move up). Each run
then scores every party as ``propensity.scoring.score`` does, phase by phase:

- features: ``feature_table`` as of ``common.AS_OF`` on the DuckDB (every catalogue fact, the
  rung, kind, segment, industry section), as Arrow;
- predict: ``model_frame`` (the model's typing), each party's leaf in every tree (LightGBM's
  ``pred_leaf``) and the calibrated probabilities, per batch of ``scoring.BATCH_ROWS`` parties;
- reasons: the path contributions from those leaves (``PathEffects``, one sparse product) and
  the three largest per party as JSON;
- write: ``replace_scores`` into the ``propensity_score`` table of a SQLite store file (a fresh
  migrated store holding the 1,000,000 parties, made before the runs), one transaction: the
  previous run's rows of the date deleted, the new ones inserted, committed.

The store's own copy into DuckDB (``open_backend``, SQLite -> DuckDB) is not timed: a bank
of this size keeps its store on PostgreSQL, where scoring reads the source tables in place or
copies them once per nightly run for every step. Prints each run and the medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np
import pyarrow as pa
from scipy.special import expit
from sqlalchemy import Engine, insert

from bankladder.batch.export import schema_of
from bankladder.batch.repository import source_table
from bankladder.engine import backends
from bankladder.engine.sources import SOURCE_COLUMNS
from bankladder.propensity.features import feature_table, model_frame, training_features
from bankladder.propensity.outcomes import Outcomes
from bankladder.propensity.schemas import ModelVersion
from bankladder.propensity.scoring import (
    BATCH_ROWS,
    PathEffects,
    Scored,
    probabilities,
    reasons_json,
    replace_scores,
)
from bankladder.propensity.training import TrainedModel, train
from bankladder.store.database import connect_for_upgrade, unit_of_work, upgrade
from bankladder.store.models import Bank, Party
from common import AS_OF, OUT, cpu_seconds, default_ladder, load_average, peak_rss_mb
from generate import generate

SAMPLE = 50_000
SEED = 20260331


def source_backend(parties: int, threads: int) -> Any:
    """An in-memory DuckDB holding the generated source tables (empty where none generated)."""
    tables = generate(parties, SEED)
    backend = backends.duckdb(threads)
    for name, columns in SOURCE_COLUMNS.items():
        schema = schema_of(source_table(name), columns)
        rows = tables.get(name, schema.empty_table())
        for field in schema:  # a column the generator leaves out is null
            if field.name not in rows.column_names:
                rows = rows.append_column(field, pa.nulls(rows.num_rows, field.type))
        backend.create_table(name, rows.select(list(columns)), overwrite=True)
    return backend


def trained(table: pa.Table) -> tuple[TrainedModel, ModelVersion]:
    """A model of a planted outcome on a sample of the parties (untimed)."""
    rng = np.random.default_rng(SEED)
    size = min(SAMPLE, table.num_rows)
    sample = table.take(np.sort(rng.choice(table.num_rows, size, replace=False)))
    facts = sample.to_pandas()
    logit = -2.5 + 0.15 * facts["interactions_90d"] + 0.4 * facts["stage_rank"]
    label = (rng.random(size) < expit(logit)).astype(np.int8)
    features = model_frame(sample, training_features(sample))
    order = np.arange(size, dtype=np.int64)
    outcomes = Outcomes("bench", "0" * 64, features, label, order, "advance", "yes", ("party_id",))
    model = train(outcomes)
    rate = float(label.mean())
    version = ModelVersion(
        "advance", "bench", OUT, dt.datetime(2026, 4, 1), "0" * 64, "0" * 64,
        tuple(f.name for f in model.features), size, rate, 0.0, 0.0, True,
    )  # fmt: skip
    return model, version


def target_store(path: Path, party_ids: list[str]) -> Engine:
    """A fresh migrated SQLite store holding the parties (the scores refer to them)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = connect_for_upgrade(f"sqlite:///{path}")
    upgrade(store)
    with unit_of_work(store) as session:
        session.execute(insert(Bank), [{"name": "bench", "profile": "young"}])
        for start in range(0, len(party_ids), 100_000):
            chunk = party_ids[start : start + 100_000]
            rows = [{"id": pid, "kind": "person", "name": pid} for pid in chunk]
            session.execute(insert(Party), rows)
    return store


def run_once(
    backend: Any, model: TrainedModel, version: ModelVersion, store: Engine
) -> dict[str, float]:
    timings = dict.fromkeys(("features", "predict", "reasons", "write"), 0.0)
    wall, cpu = time.perf_counter(), cpu_seconds()
    started = time.perf_counter()
    table = feature_table(backend, default_ladder(), AS_OF)
    timings["features"] = time.perf_counter() - started
    booster = lgb.Booster(model_str=model.booster)
    paths = PathEffects.of(booster)
    batches = []
    for batch in table.to_batches(max_chunksize=BATCH_ROWS):
        started = time.perf_counter()
        frame = model_frame(pa.Table.from_batches([batch]), model.features)
        leaves = paths.leaves(booster, frame)
        probability = probabilities(model, paths.raw(leaves))
        timings["predict"] += time.perf_counter() - started
        started = time.perf_counter()
        reasons = reasons_json(frame, paths.effects(leaves), model.features)
        timings["reasons"] += time.perf_counter() - started
        ids = batch.column("party_id").to_pylist()
        batches.append(Scored(ids, probability, probability / version.positive_rate, reasons))
    started = time.perf_counter()
    with unit_of_work(store) as session:
        replace_scores(session, AS_OF, version, batches)
    timings["write"] = time.perf_counter() - started
    timings["total"] = time.perf_counter() - wall
    timings["cpu"] = cpu_seconds() - cpu
    timings["load"] = load_average()
    timings["parties"] = table.num_rows
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parties", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--store", type=Path, default=OUT / "propensity" / "scores.db")
    args = parser.parse_args()
    args.store.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    backend = source_backend(args.parties, args.threads)
    table = feature_table(backend, default_ladder(), AS_OF)
    model, version = trained(table)
    store = target_store(args.store, table.column("party_id").to_pylist())
    print(f"setup {time.perf_counter() - started:.1f} s: {args.parties:,} parties, model of "
          f"{model.rounds} trees x {len(model.features)} features, base rate "
          f"{version.positive_rate:.3f}, store {args.store}")  # fmt: skip
    del table
    runs = []
    for number in range(1, args.runs + 1):
        timed = run_once(backend, model, version, store)
        runs.append(timed)
        print(f"run {number}: " + ", ".join(f"{k} {v:.2f}" for k, v in timed.items()))
    keys = ("features", "predict", "reasons", "write", "total", "cpu")
    medians = {k: statistics.median(r[k] for r in runs) for k in keys}
    print("median: " + ", ".join(f"{k} {v:.2f} s" for k, v in medians.items()))
    print(f"parties/s {args.parties / medians['total']:,.0f}; peak RSS {peak_rss_mb():,.0f} MiB")


if __name__ == "__main__":
    main()
