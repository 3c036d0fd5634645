"""Refusals: caps on size, rows and a workbook's archive; authentication data; unknown formats."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from bankladder.errors import InvalidInput
from bankladder.imports.readers import (
    Extract,
    Limits,
    SourceRow,
    carries_authentication_data,
    open_extract,
)

pytestmark = pytest.mark.unit

SECRET_COLUMNS = [
    "password",
    "Login Password",
    "pwd",
    "PIN",
    "card_pin",
    "cardPin",
    "PIN block",
    "CVV",
    "cvv2",
    "CVC2",
    "CVN2",
    "track2_data",
    "Track 1",
    "magstripe",
    "密码",
    "交易密码",
    "取款密码",
    "安全码",
    "卡片验证码",
    "磁道信息",
    "二磁道",
]
ORDINARY_COLUMNS = [
    "客户号",
    "手机号",
    "证件号码",
    "pinyin_name",
    "shipping_address",
    "opinion",
    "spinning",
    "tracking_no",
    "customer_id",
]


def all_rows(extract: Extract) -> list[SourceRow]:
    return [row for batch in extract.rows() for row in batch]


def workbook(tmp_path: Path, header: list[str]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    sheet.append(["x"] * len(header))
    path = tmp_path / "book.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("name", SECRET_COLUMNS)
def test_authentication_columns_are_recognised(name: str) -> None:
    assert carries_authentication_data(name)


@pytest.mark.parametrize("name", ORDINARY_COLUMNS)
def test_ordinary_columns_are_not_taken_for_secrets(name: str) -> None:
    assert not carries_authentication_data(name)


def test_a_csv_with_a_password_column_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes("客户号,卡号,交易密码\nC1,6222,123456\n".encode("gbk"))
    with pytest.raises(
        InvalidInput, match="column '交易密码' carries authentication data"
    ) as refusal:
        open_extract(path)
    assert refusal.value.where == f"{path}, column 3 ('交易密码')"
    assert refusal.value.fix == "Remove this column from the extract and import the file again."


def test_a_workbook_with_a_cvv_column_is_refused_naming_its_letter(tmp_path: Path) -> None:
    path = workbook(tmp_path, ["card_no", "expiry", "CVV2"])
    with pytest.raises(InvalidInput, match="'CVV2'") as refusal:
        open_extract(path)
    assert refusal.value.where == f"{path}, column C ('CVV2')"


def test_a_parquet_with_track_data_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.parquet"
    pq.write_table(pa.table({"card_no": ["6222"], "磁道": [";6222=2512?"]}), path)
    with pytest.raises(InvalidInput, match="'磁道' carries authentication data"):
        open_extract(path)


def test_a_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id\n" + "1\n" * 100)
    with pytest.raises(InvalidInput, match="more than the 100 one import accepts") as refusal:
        open_extract(path, limits=Limits(max_file_bytes=100))
    assert refusal.value.fix is not None


def test_a_csv_over_the_row_cap_is_refused_at_the_first_row_too_many(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id\n1\n2\n3\n")
    extract = open_extract(path, limits=Limits(max_rows=2))
    with pytest.raises(InvalidInput, match="more than 2 data rows") as refusal:
        all_rows(extract)
    assert refusal.value.where == f"{path}, row 4"


def test_a_csv_at_the_row_cap_is_read(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id\n1\n2\n")
    assert len(all_rows(open_extract(path, limits=Limits(max_rows=2)))) == 2


def test_a_workbook_over_the_row_cap_is_refused(tmp_path: Path) -> None:
    extract = open_extract(workbook(tmp_path, ["id"]), limits=Limits(max_rows=0))
    with pytest.raises(InvalidInput, match="more than 0 data rows"):
        all_rows(extract)


def test_a_zip_bomb_workbook_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    """A real workbook with 20 MB of zeros hidden in it (a file of a few kilobytes)."""
    path = workbook(tmp_path, ["id"])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", bytes(20_000_000))
    assert path.stat().st_size < 100_000
    limits = Limits(max_xlsx_uncompressed_bytes=10_000_000)
    with pytest.raises(
        InvalidInput, match=r"unpacks to 20,0\d\d,\d\d\d bytes, more than 10,000,000"
    ):
        open_extract(path, limits=limits)
    assert open_extract(path).header == ["id"]  # the same file passes the default cap


def test_a_workbook_with_too_many_entries_is_refused(tmp_path: Path) -> None:
    path = workbook(tmp_path, ["id"])
    with zipfile.ZipFile(path, "a") as archive:
        for i in range(30):
            archive.writestr(f"xl/media/part{i}.bin", b"")
    with pytest.raises(InvalidInput, match="parts, more than 20"):
        open_extract(path, limits=Limits(max_xlsx_entries=20))


@pytest.mark.parametrize(
    ("name", "fix"),
    [("old.xls", "save it as .xlsx"), ("data.json", "Export the extract as .csv")],
)
def test_unknown_formats_are_refused(tmp_path: Path, name: str, fix: str) -> None:
    path = tmp_path / name
    path.write_text("x")
    with pytest.raises(InvalidInput, match="is not a format bankladder reads") as refusal:
        open_extract(path)
    assert refusal.value.fix is not None
    assert fix in refusal.value.fix


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file"):
        open_extract(tmp_path / "absent.csv")
