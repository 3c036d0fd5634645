"""Parquet files, read batch by batch with pyarrow; every value comes through as text.

Parquet has no header line, so a row's ``number`` is its 1-based position among the data rows.
The row cap is checked against the file's metadata before any row is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from bankladder.errors import InvalidInput
from bankladder.imports.reading.cells import cell_text
from bankladder.imports.reading.header import checked_header
from bankladder.imports.reading.model import Extract, Limits, SourceRow


class ParquetExtract(Extract):
    """A Parquet file, its column names as the header."""

    format = "parquet"

    def _source_rows(self, batch_size: int) -> Iterator[SourceRow]:
        number = 0
        with pq.ParquetFile(self.path) as parquet:
            for batch in parquet.iter_batches(batch_size=batch_size):
                columns = [[cell_text(value) for value in column.to_pylist()] for column in batch]
                for texts in zip(*columns, strict=True):
                    number += 1
                    yield SourceRow(number, dict(zip(self.header, texts, strict=True)))


def open_parquet(path: Path, limits: Limits) -> ParquetExtract:
    """Read the schema and the row count; refuse too many rows or a secret column."""
    try:
        with pq.ParquetFile(path) as parquet:
            names = list(parquet.schema_arrow.names)
            count = parquet.metadata.num_rows
    except (pa.ArrowException, OSError) as error:
        raise InvalidInput(
            f"the file cannot be read as Parquet ({error})",
            where=str(path),
            fix="Export the extract again as Parquet, or as CSV.",
        ) from None
    header = checked_header(names, path, lambda i: str(i + 1))
    extract = ParquetExtract(path, header, limits)
    if count > limits.max_rows:
        raise extract.too_many_rows(limits.max_rows + 1)
    return extract
