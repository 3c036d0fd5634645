"""CSV and other delimited text, streamed through the csv module over a text stream.

A row's ``number`` is the line where its record starts, as a text editor counts lines: a quoted
field holding line breaks makes the next record start further down. Blank lines are skipped, and
so are lines of bare delimiters (``,,,``), which Excel writes for rows it thinks are in use. A
record with more or fewer fields than the header comes back with a ``problem`` and no values.
Quoting is read strictly: a quoted field never closed, or text after a closing quote, refuses the
file at the line where the record starts, rather than silently swallowing the lines after it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from bankladder.errors import InvalidInput
from bankladder.imports.reading.header import checked_header
from bankladder.imports.reading.model import Extract, Limits, SourceRow
from bankladder.imports.reading.text_layout import (
    SAMPLE_BYTES,
    checked_encoding,
    decode_sample,
    detect_delimiter,
    detect_encoding,
    read_sample,
)


class CsvExtract(Extract):
    """A delimited text file whose first non-blank record is the header."""

    format = "csv"

    def __init__(
        self, path: Path, header: list[str], limits: Limits, encoding: str, delimiter: str
    ) -> None:
        super().__init__(path, header, limits, encoding)
        self.delimiter = delimiter

    def _source_rows(self, batch_size: int) -> Iterator[SourceRow]:
        header, width = self.header, len(self.header)
        with self._open_text() as stream:
            records = self._records(stream)
            next(records, None)  # the header, read and checked when the file was opened
            for number, fields in records:  # the loop every row of a large file goes through
                if len(fields) != width:
                    yield self._misshapen(number, fields)
                elif "" in fields:  # an empty cell is None
                    yield SourceRow(
                        number, dict(zip(header, [v or None for v in fields], strict=True))
                    )
                else:
                    yield SourceRow(number, dict(zip(header, fields, strict=True)))

    def _misshapen(self, number: int, fields: list[str]) -> SourceRow:
        problem = f"the row has {len(fields)} fields where the header has {len(self.header)}"
        return SourceRow(number, {}, problem)

    def _open_text(self) -> TextIO:
        return self.path.open(encoding=self.encoding, newline="")

    def _records(self, stream: TextIO) -> Iterator[tuple[int, list[str]]]:
        """Each non-blank record with the line it starts on."""
        reader = csv.reader(stream, delimiter=self.delimiter, strict=True)
        line = 0
        try:
            for fields in reader:
                start, line = line + 1, reader.line_num
                if any(fields) and (len(fields) > 1 or fields[0].strip()):  # not blank
                    yield start, fields
        except UnicodeDecodeError:
            raise self._unreadable(line + 1, f"is not valid {self.encoding}") from None
        except csv.Error as error:
            raise self._unreadable(line + 1, f"cannot be read as CSV ({error})") from None

    def _unreadable(self, line: int, reason: str) -> InvalidInput:
        return InvalidInput(
            f"the text from this line on {reason}",
            where=f"{self.path}, line {line}",
            fix="Check the file's encoding (name it with --encoding) and its quoting.",
        )


def open_csv(path: Path, encoding: str | None, limits: Limits) -> CsvExtract:
    """Detect the layout of a delimited file and read and check its header."""
    sample = read_sample(path)
    encoding = checked_encoding(encoding, path) if encoding else detect_encoding(sample, path)
    whole_file = len(sample) < SAMPLE_BYTES
    delimiter = detect_delimiter(decode_sample(sample, encoding), whole_file)
    probe = CsvExtract(path, [], limits, encoding, delimiter)
    with probe._open_text() as stream:
        first = next(probe._records(stream), None)
    if first is None:
        raise InvalidInput(
            "the file has no header row",
            where=str(path),
            fix="Export the extract with its column names on the first line.",
        )
    cells = [first[1][0].removeprefix("\ufeff"), *first[1][1:]]
    header = checked_header(cells, path, lambda i: str(i + 1))
    return CsvExtract(path, header, limits, encoding, delimiter)
