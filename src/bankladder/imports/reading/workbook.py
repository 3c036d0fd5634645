"""Excel workbooks (.xlsx), read with openpyxl in read-only mode, one sheet at a time.

The zip's directory is checked against the caps before openpyxl opens it. Header rule: among the
first 20 rows, the header is the row with the most non-empty cells whose non-empty cells are all
distinct text; the earliest such row wins a tie. So a merged title row (one cell) or blank rows
above the header are passed over. A row's ``number`` is its sheet row number; blank rows are
skipped; a row with a value beyond the header's last column comes back with a ``problem``.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from bankladder.errors import InvalidInput
from bankladder.imports.reading.cells import cell_text
from bankladder.imports.reading.header import checked_header
from bankladder.imports.reading.model import Extract, Limits, SourceRow

HEADER_SEARCH_ROWS = 20
_RESAVE = "Open the file in Excel and save it again as .xlsx, or export the data as CSV."

Cells = Sequence[Any]


class XlsxExtract(Extract):
    """One sheet of a workbook, below its header row."""

    format = "xlsx"

    def __init__(
        self, path: Path, header: list[str], limits: Limits, sheet: str, header_row: int
    ) -> None:
        super().__init__(path, header, limits)
        self.sheet = sheet
        self.header_row = header_row

    def _source_rows(self, batch_size: int) -> Iterator[SourceRow]:
        workbook = _open_workbook(self.path)
        try:
            for number, cells in _sheet_rows(workbook, self.sheet):
                texts = [cell_text(cell) for cell in cells]
                if number > self.header_row and any(text is not None for text in texts):
                    yield self._source_row(number, texts)
        finally:
            workbook.close()

    def _source_row(self, number: int, texts: list[str | None]) -> SourceRow:
        width = len(self.header)
        if any(text is not None for text in texts[width:]):
            last = get_column_letter(width)
            problem = f"the row has values beyond column {last}, the header's last column"
            return SourceRow(number, {}, problem)
        texts += [None] * (width - len(texts))
        return SourceRow(number, dict(zip(self.header, texts, strict=False)))


def open_xlsx(path: Path, sheet: str | None, limits: Limits) -> XlsxExtract:
    """Check the archive, choose the sheet, find and check its header row."""
    check_archive(path, limits)
    workbook = _open_workbook(path)
    try:
        name = _sheet_name(workbook, sheet, path)
        rows = _sheet_rows(workbook, name)
        top = [cells for _, (_, cells) in zip(range(HEADER_SEARCH_ROWS), rows, strict=False)]
    finally:
        workbook.close()
    header_row = find_header_row(top, path, name)
    cells = top[header_row - 1]
    last = max(i for i, cell in enumerate(cells) if cell_text(cell) is not None)
    names = [cell_text(cell) for cell in cells[: last + 1]]
    header = checked_header(names, path, get_column_letter_from_index)
    return XlsxExtract(path, header, limits, name, header_row)


def check_archive(path: Path, limits: Limits) -> None:
    """Refuse a workbook whose zip holds too many entries or inflates too far."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise _refusal(path, "the file is not a readable .xlsx workbook (a zip archive)") from None
    if len(entries) > limits.max_xlsx_entries:
        raise _refusal(
            path,
            f"the workbook holds {len(entries):,} parts, more than {limits.max_xlsx_entries:,}",
        )
    inflated = sum(entry.file_size for entry in entries)
    if inflated > limits.max_xlsx_uncompressed_bytes:
        raise _refusal(
            path,
            f"the workbook unpacks to {inflated:,} bytes, more than "
            f"{limits.max_xlsx_uncompressed_bytes:,}",
            fix="Export the data as CSV, or raise the cap (--max-xlsx-mb) if the file is trusted.",
        )


def find_header_row(top_rows: Sequence[Cells], path: Path, sheet: str) -> int:
    """The 1-based number of the header row among the sheet's first rows (see module doc)."""
    best, best_width = 0, 0
    for number, cells in enumerate(top_rows, start=1):
        filled = [cell for cell in cells if cell_text(cell) is not None]
        all_text = all(isinstance(cell, str) for cell in filled)
        if all_text and len(set(filled)) == len(filled) and len(filled) > best_width:
            best, best_width = number, len(filled)
    if not best:
        raise InvalidInput(
            f"no header row in the first {HEADER_SEARCH_ROWS} rows of sheet '{sheet}'",
            where=str(path),
            fix="Put the column names, as text, in one row near the top of the sheet.",
        )
    return best


def get_column_letter_from_index(index: int) -> str:
    """``0`` -> ``A``: the column letter a user sees for a 0-based position."""
    return get_column_letter(index + 1)


def _open_workbook(path: Path) -> Workbook:
    with warnings.catch_warnings(action="ignore", category=UserWarning):
        try:
            return load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
            raise _refusal(path, f"the workbook cannot be read ({error})") from None


def _sheet_name(workbook: Workbook, sheet: str | None, path: Path) -> str:
    if sheet is None:
        return str(workbook.sheetnames[0])
    if sheet not in workbook.sheetnames:
        listed = ", ".join(f"'{name}'" for name in workbook.sheetnames)
        raise InvalidInput(
            f"the workbook has no sheet named '{sheet}'",
            where=str(path),
            fix=f"Name one of its sheets: {listed}.",
        )
    return sheet


def _sheet_rows(workbook: Workbook, name: str) -> Iterator[tuple[int, Cells]]:
    worksheet = workbook[name]
    if isinstance(worksheet, ReadOnlyWorksheet):
        worksheet.reset_dimensions()  # some writers record a wrong size; read every row
    yield from enumerate(worksheet.iter_rows(values_only=True), start=1)


def _refusal(path: Path, what: str, fix: str = _RESAVE) -> InvalidInput:
    return InvalidInput(what, where=str(path), fix=fix)
