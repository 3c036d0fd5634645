"""Reading Parquet: every value as text, dates in ISO, nulls as None, in batches."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bankladder.errors import InvalidInput
from bankladder.imports.readers import Extract, Limits, SourceRow, open_extract

pytestmark = pytest.mark.unit


def all_rows(extract: Extract, batch_size: int = 10_000) -> list[SourceRow]:
    return [row for batch in extract.rows(batch_size) for row in batch]


def write(tmp_path: Path, table: pa.Table) -> Path:
    path = tmp_path / "extract.parquet"
    pq.write_table(table, path, row_group_size=2)
    return path


def sample_table() -> pa.Table:
    return pa.table(
        {
            "客户号": ["C001", "C002", None],
            "开户日期": [dt.date(2024, 1, 31), None, dt.date(2023, 12, 1)],
            "余额": pa.array([Decimal("100.50"), Decimal("0.00"), None], pa.decimal128(12, 2)),
            "笔数": [3, None, 0],
            "比例": [0.5, 1.0, None],
            "更新时间": [dt.datetime(2024, 1, 31, 8, 0), None, None],
        }
    )


def test_values_come_through_as_text(tmp_path: Path) -> None:
    extract = open_extract(write(tmp_path, sample_table()))
    assert extract.format == "parquet"
    assert extract.header == ["客户号", "开户日期", "余额", "笔数", "比例", "更新时间"]
    rows = all_rows(extract)
    assert rows[0] == SourceRow(
        1,
        {
            "客户号": "C001",
            "开户日期": "2024-01-31",
            "余额": "100.5",
            "笔数": "3",
            "比例": "0.5",
            "更新时间": "2024-01-31T08:00:00",
        },
    )
    assert rows[1].values["比例"] == "1"
    assert rows[2].values["客户号"] is None


def test_rows_are_numbered_by_position_across_batches(tmp_path: Path) -> None:
    extract = open_extract(write(tmp_path, pa.table({"id": list(range(5))})))
    batches = list(extract.rows(batch_size=2))
    assert [len(batch) for batch in batches] == [2, 2, 1]
    assert [row.number for batch in batches for row in batch] == [1, 2, 3, 4, 5]


def test_too_many_rows_are_refused_from_the_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, pa.table({"id": list(range(5))}))
    with pytest.raises(InvalidInput, match="more than 4 data rows"):
        open_extract(path, limits=Limits(max_rows=4))


def test_a_file_that_is_not_parquet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.parquet"
    path.write_text("id\n1\n")
    with pytest.raises(InvalidInput, match="cannot be read as Parquet"):
        open_extract(path)
