"""Streaming: a large CSV is read with memory bounded by the batch, not by the file."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from bankladder.imports.readers import open_extract

pytestmark = pytest.mark.unit

ROWS = 200_000
COLUMNS = 10


def write_large_csv(path: Path) -> None:
    header = ",".join(f"column_{c}" for c in range(COLUMNS))
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(header + "\n")
        for i in range(ROWS):
            stream.write(",".join(f"v{i:07d}c{c}" for c in range(COLUMNS)) + "\n")


def test_a_200k_row_csv_is_read_with_memory_well_under_its_size(tmp_path: Path) -> None:
    path = tmp_path / "large.csv"
    write_large_csv(path)
    size = path.stat().st_size
    tracemalloc.start()
    try:
        extract = open_extract(path)
        count = 0
        last = 0
        for batch in extract.rows(batch_size=1_000):
            count += len(batch)
            last = batch[-1].number
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (count, last) == (ROWS, ROWS + 1)
    assert peak < size / 10, f"peak {peak:,} bytes for a file of {size:,} bytes"
