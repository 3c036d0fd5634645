"""Reading the bank's extracts as streams of rows: CSV, Excel (.xlsx) and Parquet.

``open_extract`` checks the file (size, archive caps, header) and returns an ``Extract`` whose
``rows()`` yields batches of ``SourceRow``; no format is ever loaded whole into memory. Every
refusal is an ``InvalidInput`` saying what is wrong, where (file, row, column) and what to do.
A row that cannot be read (e.g. a wrong number of fields) is not a refusal: it comes back with
``problem`` set, so the importer can report it with the others. Each format's rules (encoding and
delimiter detection, the header row of a sheet, row numbers) are documented in its module under
``bankladder.imports.reading``.
"""

from __future__ import annotations

from pathlib import Path

from bankladder.errors import InvalidInput
from bankladder.imports.reading.columnar import open_parquet
from bankladder.imports.reading.delimited import open_csv
from bankladder.imports.reading.header import carries_authentication_data, check_file_size
from bankladder.imports.reading.model import Extract, Format, Limits, SourceRow
from bankladder.imports.reading.workbook import open_xlsx

__all__ = [
    "Extract",
    "Format",
    "Limits",
    "SourceRow",
    "carries_authentication_data",
    "format_of",
    "open_extract",
]

_SUFFIXES: dict[str, Format] = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".dat": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
}


def open_extract(
    path: Path | str,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    limits: Limits | None = None,
) -> Extract:
    """Open an extract, read and check its header; its rows are read by ``Extract.rows()``.

    ``encoding`` (text files) is detected when not given; ``sheet`` (workbooks) defaults to the
    first sheet.
    """
    path = Path(path)
    limits = limits or Limits()
    file_format = format_of(path)
    if not path.is_file():
        raise InvalidInput("no such file", where=str(path), fix="Check the file's path.")
    check_file_size(path, limits)
    if file_format == "xlsx":
        return open_xlsx(path, sheet, limits)
    if file_format == "parquet":
        return open_parquet(path, limits)
    return open_csv(path, encoding, limits)


def format_of(path: Path) -> Format:
    """The format a file's name announces."""
    suffix = path.suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    fix = "Export the extract as .csv, .xlsx or .parquet."
    if suffix == ".xls":
        fix = "Open the file in Excel and save it as .xlsx (Excel Workbook)."
    raise InvalidInput(
        f"'{suffix or path.name}' is not a format bankladder reads", where=str(path), fix=fix
    )
