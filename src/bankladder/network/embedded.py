"""The embedded batch path: the network's inputs read into DuckDB (copied from the store
through Arrow, or straight from an extract's Parquet files), parties coded 0..n-1 in id order
there, and the arrays handed to ``graph.py``. Results come back as Arrow tables of ids.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
from numpy.typing import NDArray
from sqlalchemy import Engine

from bankladder.batch.layout import PREVIOUS_STAGE, table_file
from bankladder.engine import backends
from bankladder.errors import InvalidInput
from bankladder.network import graph
from bankladder.network.inputs import (
    INTRODUCER_RANK,
    KIND_CODE_SQL,
    edges_sql,
    parties_sql,
)
from bankladder.store.database import sqlite_path

STORE_COLUMNS: dict[str, tuple[str, ...]] = {
    "party": ("id", "rm_id", "customer_since", "size_band"),
    "relationship": ("from_party_id", "to_party_id", "kind"),
    "referral": ("referrer_id", "referee_id"),
    "assessment": ("party_id", "as_of", "stage_rank"),
    "wallet_estimate": ("party_id", "as_of", "wallet"),
}
"""What the network reads of the store: no names, no personal numbers."""
EMPTY: dict[str, str] = {
    "referral": "SELECT NULL::VARCHAR AS referrer_id, NULL::VARCHAR AS referee_id LIMIT 0",
    "wallet_estimate": (
        "SELECT NULL::VARCHAR AS party_id, NULL::DATE AS as_of, NULL::DOUBLE AS wallet LIMIT 0"
    ),
}
"""Tables an extract may lack: the network then runs without them."""


@dataclass(frozen=True)
class Outcome:
    """``prospects``: party_id, prospect_id, hops, via_id, the path's edges (from1, to1, kind1,
    from2, to2, kind2; the second null for one hop), strength, potential, score, rank.
    ``intermediaries``: party_id, score, reach, rank."""

    prospects: pa.Table
    intermediaries: pa.Table


def connect(threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB on every core (or ``threads``); no extension is ever installed."""
    return duckdb.connect(
        config={
            "threads": threads or os.cpu_count() or 1,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        }
    )


def load_store(con: duckdb.DuckDBPyConnection, store: Engine, as_of: dt.date) -> None:
    """Copy what the network reads from the store (SQLite or PostgreSQL) into DuckDB, through
    Arrow; assessments and wallet estimates only up to ``as_of``."""
    url = store.url.render_as_string(hide_password=False)
    path = sqlite_path(url)
    source = backends.sqlite(path) if path is not None else backends.postgres(url)
    try:
        for name, columns in STORE_COLUMNS.items():
            table = source.table(name).select(*columns)
            if "as_of" in columns:
                table = table.filter(table.as_of <= as_of)
            rows = table.to_pyarrow()
            con.register(f"{name}_arrow", rows)
            con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM "{name}_arrow"')  # noqa: S608
            con.unregister(f"{name}_arrow")
    finally:
        source.disconnect()


def load_extract(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """Views over an extract's Parquet files (``bankladder export parquet``): ``party``,
    ``relationship``, ``referral`` and ``wallet_estimate`` as in the store, and the latest
    assessments before the extract's date (``previous_stage``) standing for ``assessment``."""
    files = {name: table_file(folder, name) for name in ("party", "relationship")}
    missing = [str(path) for path in files.values() if not path.exists()]
    if missing:
        raise InvalidInput(
            f"no {', '.join(missing)}", fix="write the extract with `bankladder export parquet DIR`"
        )
    files["assessment"] = table_file(folder, PREVIOUS_STAGE)
    files["referral"] = table_file(folder, "referral")
    files["wallet_estimate"] = table_file(folder, "wallet_estimate")
    for name, path in files.items():
        body = f"SELECT * FROM read_parquet('{_quoted(path)}')"  # noqa: S608
        if not path.exists():
            body = EMPTY.get(
                name,
                "SELECT NULL::VARCHAR AS party_id, NULL::DATE AS as_of, 0 AS stage_rank LIMIT 0",
            )
        con.execute(f'CREATE OR REPLACE VIEW "{name}" AS {body}')


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _columns(con: duckdb.DuckDBPyConnection, name: str) -> set[str]:
    query = f'SELECT * FROM "{name}" LIMIT 0'  # noqa: S608
    return {row[0] for row in con.execute(query).description}


@dataclass(frozen=True)
class Coded:
    """The parties in code order and the edges between them as codes."""

    ids: pa.Array
    customer: NDArray[np.bool_]
    stage_rank: NDArray[np.int64]
    potential: NDArray[np.float64]
    net: graph.Network


def code(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> Coded:
    """Parties coded 0..n-1 in id order and the edges as codes, in DuckDB."""
    size_band = "size_band" in _columns(con, "party")
    referrals = "referee_id" in _columns(con, "referral")
    parties = parties_sql(as_of, stages="assessment", size_band=size_band)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE coded AS SELECT "  # noqa: S608
        "CAST(row_number() OVER (ORDER BY id) - 1 AS INTEGER) AS code, * "
        f"FROM ({parties})"
    )
    rows = _arrow(con, "SELECT code, id, customer, stage_rank, potential FROM coded")
    n = rows.num_rows
    codes = rows["code"].to_numpy()
    order = np.empty(n, dtype=np.int64)
    order[codes] = np.arange(n)
    edges = _arrow(
        con,
        f"SELECT f.code AS source, t.code AS target, CAST({KIND_CODE_SQL} AS TINYINT) AS kind "  # noqa: S608
        f"FROM ({edges_sql(referrals=referrals)}) e "
        "JOIN coded f ON f.id = e.from_id JOIN coded t ON t.id = e.to_id",
    )
    return Coded(
        ids=rows["id"].combine_chunks().take(pa.array(order)),
        customer=_by_code(rows["customer"], order).astype(bool),
        stage_rank=_by_code(rows["stage_rank"], order).astype(np.int64),
        potential=_by_code(rows["potential"], order).astype(np.float64),
        net=graph.network(
            n,
            edges["source"].to_numpy(),
            edges["target"].to_numpy(),
            edges["kind"].to_numpy(),
        ),
    )


def _arrow(con: duckdb.DuckDBPyConnection, query: str) -> pa.Table:
    table = con.sql(query).to_arrow_table()
    assert table is not None
    return table


def _by_code(column: Any, order: NDArray[np.int64]) -> NDArray[Any]:
    values: NDArray[Any] = column.to_numpy(zero_copy_only=False)
    return values[order]


def compute(coded: Coded, top: int = 20) -> Outcome:
    """Prospects of every party at rung ``INTRODUCER_RANK`` or above, and their ranking as
    intermediaries, as tables of ids."""
    introducers = np.flatnonzero(coded.stage_rank >= INTRODUCER_RANK).astype(np.int32)
    found = graph.prospects(coded.net, coded.customer, coded.potential, introducers, top)
    score = graph.pagerank(coded.net, coded.customer)[introducers]
    return Outcome(
        prospects=prospect_table(coded, found),
        intermediaries=pa.table(
            {
                "party_id": coded.ids.take(pa.array(introducers)),
                "score": pa.array(score),
                "reach": pa.array(found.reach),
                "rank": pa.array(graph.ranked(score, introducers)),
            }
        ),
    )


def prospect_table(coded: Coded, found: graph.Prospects) -> pa.Table:
    net = coded.net
    kinds = pa.array(graph.KINDS)

    def ids(codes: NDArray[Any], valid: NDArray[np.bool_] | None = None) -> pa.Array:
        mask = None if valid is None else ~valid
        return coded.ids.take(pa.array(np.where(codes < 0, 0, codes), mask=mask))

    def kind(edges: NDArray[np.int32], valid: NDArray[np.bool_] | None = None) -> pa.Array:
        codes = net.kind[np.where(edges < 0, 0, edges)].astype(np.int32)
        indices = pa.array(codes, mask=None if valid is None else ~valid)
        return pa.DictionaryArray.from_arrays(indices, kinds).dictionary_decode()

    two = found.edge2 >= 0
    e1, e2 = found.edge1, np.where(two, found.edge2, 0)
    return pa.table(
        {
            "party_id": ids(found.introducer),
            "prospect_id": ids(found.prospect),
            "hops": pa.array(found.hops.astype(np.int64)),
            "via_id": ids(found.via, two),
            "from1": ids(net.source[e1]),
            "to1": ids(net.target[e1]),
            "kind1": kind(e1),
            "from2": ids(net.source[e2], two),
            "to2": ids(net.target[e2], two),
            "kind2": kind(e2, two),
            "strength": pa.array(found.strength),
            "potential": pa.array(found.potential),
            "score": pa.array(found.score),
            "rank": pa.array(found.rank.astype(np.int64)),
        }
    )
