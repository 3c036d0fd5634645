"""What every reader gives: the header, the format, and rows in batches, with the caps applied."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal, NamedTuple

from bankladder.errors import InvalidInput

Format = Literal["csv", "xlsx", "parquet"]

GIB = 1024**3


@dataclass(frozen=True)
class Limits:
    """Caps that refuse a file before it can exhaust memory or disk (security.md, Data integrity).

    ``max_xlsx_*`` are read from the zip's directory before openpyxl opens the workbook; Python's
    zipfile never inflates an entry beyond its declared size, so the declared sizes bind.
    """

    max_file_bytes: int = 2 * GIB
    max_rows: int = 20_000_000
    max_xlsx_uncompressed_bytes: int = 1 * GIB
    max_xlsx_entries: int = 1_000


class SourceRow(NamedTuple):
    """One data row of an extract.

    ``number`` is where a user finds the row: the line in a text editor where a CSV record starts,
    the sheet row in Excel (both 1-based, header included), the 1-based row position in Parquet.
    ``values`` maps each header name to the cell's text; an empty cell is ``None``.
    ``problem`` is ``None`` for a well-formed row; otherwise it says why the row cannot be read
    (e.g. a wrong number of fields) and ``values`` is empty: the importer reports and rejects it.
    """

    number: int
    values: dict[str, str | None]
    problem: str | None = None


class Extract(ABC):
    """An opened extract: its header is read and checked, its rows are read on demand."""

    format: ClassVar[Format]

    def __init__(
        self, path: Path, header: list[str], limits: Limits, encoding: str | None = None
    ) -> None:
        self.path = path
        self.header = header
        self.limits = limits
        self.encoding = encoding

    def rows(self, batch_size: int = 10_000) -> Iterator[list[SourceRow]]:
        """Yield the data rows in lists of at most ``batch_size``; refuse past ``max_rows``."""
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        batch: list[SourceRow] = []
        for count, row in enumerate(self._source_rows(batch_size), start=1):
            if count > self.limits.max_rows:
                raise self.too_many_rows(row.number)
            batch.append(row)
            if len(batch) == batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    @abstractmethod
    def _source_rows(self, batch_size: int) -> Iterator[SourceRow]:
        """Yield the data rows one by one, blank rows skipped."""

    def too_many_rows(self, number: int) -> InvalidInput:
        """The refusal of a file whose row ``number`` is one past the row cap."""
        cap = self.limits.max_rows
        return InvalidInput(
            f"the file has more than {cap:,} data rows, the most one import accepts",
            where=f"{self.path}, row {number}",
            fix=f"Split the extract into files of at most {cap:,} rows, or raise --max-rows.",
        )
