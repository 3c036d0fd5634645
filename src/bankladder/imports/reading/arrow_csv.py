"""A CSV extract read by PyArrow, for the columnar import: the same data rows as ``delimited``.

Every cell comes through as text ("" for an empty one). Rows are handed out in tables of exactly
``size`` data rows (the last one shorter), counted as ``delimited`` counts them: blank lines and
lines of bare delimiters are not data rows. Wherever the two readers could read a file
differently, this one gives up (``ArrowUnsure``) and the caller reads the file with
``delimited``, which then reports what it finds. The differences it guards against:

- quoting: Python's csv module (strict) refuses text after a closing quote (``"ab"c``), which
  PyArrow silently joins to the field; a file with a quote character is scanned for it first;
- fields longer than the csv module's field size limit, which it refuses;
- a header that PyArrow reads otherwise (blank or padded names), a single-column file (whose
  whitespace-only lines ``delimited`` skips), and any row PyArrow cannot parse (a wrong number
  of fields).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import reduce

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from bankladder.imports.reading.delimited import CsvExtract

QUOTE_SCAN_MAX_BYTES = 256 * 1024**2  # a larger file with quotes is read by ``delimited``
_BLOCK_BYTES = 4 * 1024**2


class ArrowUnsure(Exception):
    """PyArrow might read the file differently from ``delimited``: read it with that."""


def data_rows(extract: CsvExtract, size: int) -> Iterator[pa.Table]:
    """The data rows of ``extract`` in tables of ``size`` rows, every column as text."""
    if len(extract.header) < 2:
        raise ArrowUnsure("one column: lines of spaces are blank to the row reader")
    _check_quoting(extract)
    try:
        reader = pacsv.open_csv(extract.path, **_options(extract))
    except (pa.ArrowException, UnicodeError) as error:
        raise ArrowUnsure(str(error)) from None
    if reader.schema.names != extract.header:
        raise ArrowUnsure("PyArrow reads another header")
    yield from _regrouped(_unblank(_batches(reader)), reader.schema, size)


def _options(extract: CsvExtract) -> dict[str, object]:
    encoding = "utf8" if extract.encoding in ("utf-8", "utf-8-sig") else extract.encoding
    return {
        "read_options": pacsv.ReadOptions(encoding=encoding or "utf8", block_size=_BLOCK_BYTES),
        "parse_options": pacsv.ParseOptions(
            delimiter=extract.delimiter, newlines_in_values=True, ignore_empty_lines=True
        ),
        "convert_options": pacsv.ConvertOptions(
            column_types=dict.fromkeys(extract.header, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    }


def _batches(reader: pacsv.CSVStreamingReader) -> Iterator[pa.RecordBatch]:
    limit = csv.field_size_limit()
    while True:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            return
        except (pa.ArrowException, UnicodeError) as error:
            raise ArrowUnsure(str(error)) from None
        if any(_longest(column) > limit for column in batch.columns):
            raise ArrowUnsure("a field longer than the csv module reads")
        yield batch


def _longest(column: pa.Array) -> int:
    longest = pc.max(pc.utf8_length(column)).as_py()
    return 0 if longest is None else int(longest)


def _unblank(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Without the rows of empty cells only (``,,,``), which are not data rows."""
    for batch in batches:
        empty = [pc.equal(column, "") for column in batch.columns]
        blank = reduce(pc.and_, empty)
        yield batch.filter(pc.invert(blank)) if pc.any(blank).as_py() else batch


def _regrouped(
    batches: Iterator[pa.RecordBatch], schema: pa.Schema, size: int
) -> Iterator[pa.Table]:
    pending = pa.Table.from_batches([], schema=schema)
    for batch in batches:
        pending = pa.concat_tables([pending, pa.Table.from_batches([batch])])
        while pending.num_rows >= size:
            yield pending.slice(0, size)
            pending = pending.slice(size)
    if pending.num_rows:
        yield pending


def _check_quoting(extract: CsvExtract) -> None:
    """Refuse (``ArrowUnsure``) a file where a quoted field is followed by anything but a
    delimiter or a line break, or is never closed: the csv module refuses such a file.

    The quote and the delimiters are ASCII and never part of a multi-byte character in UTF-8
    or GB18030, so the bytes tell whether a quote is there at all."""
    if not _holds_quote(extract):
        return
    if extract.path.stat().st_size > QUOTE_SCAN_MAX_BYTES:
        raise ArrowUnsure("a large file with quotes")
    try:
        with extract.path.open(encoding=extract.encoding, newline="") as stream:
            text = stream.read()
    except UnicodeError as error:
        raise ArrowUnsure(str(error)) from None
    for field in _quoted_field(extract.delimiter).finditer(text):
        if field["loose"] is not None or field["unclosed"] is not None:
            raise ArrowUnsure("text after a closing quote, or a quote never closed")


def _holds_quote(extract: CsvExtract) -> bool:
    with extract.path.open("rb") as stream:
        return any(b'"' in block for block in iter(lambda: stream.read(1 << 20), b""))


def _quoted_field(delimiter: str) -> re.Pattern[str]:
    """A quoted field: opened at the start of a field, ``""`` inside is a quote. ``loose``: its
    closing quote is followed by something else than a delimiter, a line break or the end;
    ``unclosed``: the text ends inside it. The tiling of a field's inside by single characters
    and ``""`` pairs is unique, so the closing quote found is the one the csv module finds."""
    d = re.escape(delimiter)
    return re.compile(
        rf'(?<![^{d}\r\n])"(?:[^"]|"")*(?:"(?:(?=[{d}\r\n]|\Z)|(?P<loose>))|(?P<unclosed>\Z))'
    )
