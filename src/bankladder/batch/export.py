"""Writing the store's source tables as Parquet, a batch of rows at a time.

Only the columns the engine reads are written (``engine/sources.py``): the personal columns
of class C2 the engine has no use for (names, ID and mobile numbers, account numbers, notes)
never leave the store. Balances (C2) do: the balance facts are computed from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Date, DateTime, Float, Integer, Numeric, Table

from bankladder.batch import repository
from bankladder.batch.layout import table_file

PREVIOUS_STAGE_SCHEMA = pa.schema(
    [
        pa.field("party_id", pa.string(), nullable=False),
        pa.field("as_of", pa.date32(), nullable=False),
        pa.field("stage_id", pa.string()),
        pa.field("stage_rank", pa.int64(), nullable=False),
    ]
)


def arrow_type(column: Any) -> pa.DataType:
    """The Parquet type of a store column: dates stay dates, money stays exact."""
    kind = column.type
    if isinstance(kind, DateTime):
        return pa.timestamp("us")
    if isinstance(kind, Date):
        return pa.date32()
    if isinstance(kind, Float):
        return pa.float64()
    if isinstance(kind, Numeric):
        return pa.decimal128(kind.precision or 38, kind.scale or 0)
    if isinstance(kind, Integer):
        return pa.int64()
    return pa.string()


def schema_of(table: Table, columns: Sequence[str]) -> pa.Schema:
    return pa.schema(
        [pa.field(c, arrow_type(table.c[c]), nullable=table.c[c].nullable) for c in columns]
    )


def write_batches(path: Path, schema: pa.Schema, batches: Iterable[Sequence[Any]]) -> int:
    """Write rows (tuples in ``schema``'s order) batch by batch; the rows written."""
    names = schema.names
    written = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for rows in batches:
            columns = list(zip(*rows, strict=True)) if rows else [() for _ in names]
            arrays = [
                pa.array(values, type=field.type)
                for values, field in zip(columns, schema, strict=True)
            ]
            writer.write_batch(pa.record_batch(arrays, schema=schema))
            written += len(rows)
    return written


def export_table(
    session: Any, name: str, columns: Sequence[str], folder: Path, batch_rows: int
) -> int:
    schema = schema_of(repository.source_table(name), columns)
    rows = repository.source_rows(session, name, columns, batch_rows)
    return write_batches(table_file(folder, name), schema, rows)
