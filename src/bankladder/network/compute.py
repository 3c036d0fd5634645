"""``run``: compute the network as of a date and keep it: the prospects and intermediary
scores replaced and the introduction actions synced, in one transaction."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from bankladder.audit import service as audit
from bankladder.engine import backends
from bankladder.errors import InvalidInput
from bankladder.ladder.model import Ladder
from bankladder.network import actions, embedded, results
from bankladder.store.database import unit_of_work

ENGINES = ("duckdb", "spark")


@dataclass(frozen=True)
class NetworkRun:
    """What one run did, for the operator."""

    as_of: dt.date
    engine: str
    introducers: int
    prospects: int
    actions_proposed: int
    actions_resolved: int
    seconds: float


def compute(
    store: Engine,
    as_of: dt.date,
    *,
    engine: str = "duckdb",
    source: Path | None = None,
    top: int = 20,
    spark_master: str = backends.SPARK_LOCAL,
) -> embedded.Outcome:
    """The network as of ``as_of``: on DuckDB from the store, or on Spark from an extract."""
    if engine == "duckdb":
        con = embedded.connect()
        try:
            embedded.load_store(con, store, as_of)
            return embedded.compute(embedded.code(con, as_of), top)
        finally:
            con.close()
    if engine == "spark":
        if source is None:
            raise InvalidInput(
                "the Spark engine reads an extract",
                where="--source",
                fix="write one with `bankladder export parquet DIR` and pass --source DIR",
            )
        from bankladder.network import spark  # Spark's modules load only when asked for

        backend = backends.spark(spark_master)
        return spark.compute(backend._session, source, as_of, top)
    raise InvalidInput(f"unknown engine {engine!r}", where="--engine", fix="use duckdb or spark")


def run(
    store: Engine,
    ladder: Ladder,
    as_of: dt.date,
    *,
    engine: str = "duckdb",
    source: Path | None = None,
    top: int = 20,
    spark_master: str = backends.SPARK_LOCAL,
) -> NetworkRun:
    """Compute the network, then in one transaction replace ``network_prospect`` and
    ``intermediary_score`` and sync the introduction actions (``actions.py``; they aim at
    ``ladder``'s last rung)."""
    if top < 1:
        raise InvalidInput(f"--top {top} keeps no prospect", where="--top", fix="use 1 or more")
    started = time.perf_counter()
    outcome = compute(
        store, as_of, engine=engine, source=source, top=top, spark_master=spark_master
    )
    with unit_of_work(store) as session:
        best: list[dict[str, Any]] = []

        def slices() -> Any:
            for rows in results.prospect_rows(outcome.prospects, as_of):
                best.extend(row for row in rows if row["rank"] <= actions.PER_INTRODUCER)
                yield rows

        intermediaries = results.intermediary_rows(outcome.intermediaries, as_of)
        results.replace_results(session, slices(), intermediaries)
        proposed, resolved = actions.sync(
            session, actions.action_rows(session, best, ladder, as_of), as_of
        )
        counts = {"prospects": outcome.prospects.num_rows, "actions": proposed}
        detail = {**counts, "engine": engine}
        at = dt.datetime.now()
        audit.record(session, None, "network.run", "network", as_of.isoformat(), at, detail=detail)
    return NetworkRun(
        as_of=as_of,
        engine=engine,
        introducers=outcome.intermediaries.num_rows,
        prospects=outcome.prospects.num_rows,
        actions_proposed=proposed,
        actions_resolved=resolved,
        seconds=round(time.perf_counter() - started, 2),
    )
