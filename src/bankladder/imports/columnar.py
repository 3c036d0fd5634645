"""The columnar fast path of an import: a sound CSV file read, converted and checked a column at a
time with PyArrow, its rows written as the row path would write them.

It is optimistic. It takes only files it can load exactly as the row path (``loading``) does,
and gives up (``GaveUp``) at the first sign of anything else: a cell that does not convert, a
required value missing, an unknown reference, a duplicate natural key, a row the CSV reader
would flag. The caller then rolls its writes back and imports the file row by row, which finds
and reports every problem as before. So a fast-path import stores what the row path stores,
row for row (the property tests in ``tests/integration/imports/test_fast_path_*`` hold the two
to each other), and a refused file is reported by the row path only.

Each column is trimmed, translated and emptied as ``convert._with_values`` does, then read
whole where PyArrow has an exact equivalent of the column's reader (text within its length,
vocabularies, ISO dates and timestamps, plain integers), and otherwise cell by cell by the row
path's own reader and the column type's bind processor. Values read whole are produced in the
form SQLite's bind processors give (a timestamp as ``YYYY-MM-DD HH:MM:SS.ffffff``), which
PostgreSQL's COPY reads as the same values. Rows go in per chunk of the file, sorted by natural
key, as ``loading`` inserts a batch: the primary keys come out the same too.

Where it applies (``refusal`` says why not): a CSV file into a SQLite or PostgreSQL store
(there written with COPY, ``bulk.insert_bound``), incremental mode,
a table empty when the import begins (nothing to match by natural key), not the party table
(party resolution), no alias in the store when the table names parties, no looked-up column, no
Python-side default left out, and every column of the natural key mapped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Column, Date, DateTime, Enum, Integer, String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bankladder.imports import repository
from bankladder.imports.convert import NUL, RowConverter
from bankladder.imports.invalid import Invalid
from bankladder.imports.mapping import LOOKUPS, NATURAL_KEYS, DateFormat, Mapping, table_columns
from bankladder.imports.reading.arrow_csv import ArrowUnsure, data_rows
from bankladder.imports.reading.delimited import CsvExtract
from bankladder.imports.reading.model import Extract
from bankladder.imports.resolution import AliasTranslation
from bankladder.store.bulk import insert_bound, needs_python_defaults, values_present

WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character ``str.strip()`` removes (``str.isspace``), for PyArrow's trim."""
_ISO_STAMP = r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{6})?$"
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_PLAIN_INTEGER = r"^-?[0-9]+$"
_NO_TEXT = pa.scalar(None, pa.string())

Storage = Callable[[pa.Array], pa.Array | None]
"""Values of a column of trimmed text, as SQLite stores them; ``None``: not exactly possible."""


class GaveUp(Exception):
    """The fast path cannot load this file exactly: import it row by row."""


@dataclass(frozen=True)
class Chunk:
    """Rows of the file ready to insert: ``rows`` data rows, ``records`` in natural-key order."""

    rows: int
    names: list[str]
    records: list[tuple[Any, ...]]


def refusal(session: Session, mapping: Mapping, extract: Extract, snapshot: bool) -> str | None:
    """Why the fast path does not apply to this import; ``None`` when it does."""
    target = repository.table(mapping.table)
    mapped = set(mapping.columns.values()) | set(mapping.constants)
    reasons = {
        "not a CSV file": not isinstance(extract, CsvExtract),
        "not a SQLite or PostgreSQL store": session.get_bind().dialect.name
        not in ("sqlite", "postgresql"),
        "a snapshot": snapshot,
        "the party table (party resolution)": mapping.table == "party",
        "a looked-up column": any(name in mapped for name in LOOKUPS.get(mapping.table, {})),
        "a natural-key column not mapped": not set(NATURAL_KEYS[mapping.table]) <= mapped,
        "a Python-side default": needs_python_defaults(target, list(mapped)),
        "the table holds rows": repository.newest_primary_key(session, target) is not None,
        "aliases of parties": AliasTranslation(session, target).active,
    }
    return next((reason for reason, applies in reasons.items() if applies), None)


class ColumnarLoad:
    """Reads, converts and checks one CSV file in chunks; ``write`` inserts a chunk."""

    def __init__(self, session: Session, mapping: Mapping, extract: CsvExtract) -> None:
        self.session = session
        self.extract = extract
        self.target = repository.table(mapping.table)
        self.key = list(NATURAL_KEYS[mapping.table])
        self.convert = RowConverter(mapping)
        columns = table_columns(mapping.table)
        self.storage = {
            field.ours: _storage(columns[field.ours], mapping) for field in self.convert.fields
        }
        self.known: dict[str, set[Any]] = {}
        # PostgreSQL checks every reference at once when the import adds the foreign keys back
        # (``bulk.foreign_keys_checked_after``); asking first would cost more than the load.
        self.references_checked_after = session.get_bind().dialect.name == "postgresql"

    def chunks(self, size: int) -> Iterator[Chunk]:
        """The file's rows, ``size`` data rows at a time, converted and checked."""
        try:
            for table in data_rows(self.extract, size):
                yield self._chunk(table)
        except ArrowUnsure as unsure:
            raise GaveUp(str(unsure)) from None

    def write(self, chunk: Chunk) -> None:
        """Insert a chunk; a constraint the checks above did not foresee gives up too."""
        try:
            insert_bound(self.session, self.target, chunk.names, chunk.records)
        except IntegrityError as error:
            raise GaveUp(str(error.orig)) from None

    def _chunk(self, table: pa.Table) -> Chunk:
        columns = {name: self._constant(value, table.num_rows) for name, value in self._bound()}
        for field in self.convert.fields:
            assert field.header is not None  # sources() maps each column to a header
            values = self._column(field.ours, field.read, table.column(field.header))
            if values.null_count and (field.required or field.ours in self.key):
                raise GaveUp(f"{field.ours} is missing")
            columns[field.ours] = values
        self._check_references(columns)
        rows = pa.table(columns).sort_by([(name, "ascending") for name in self.key])
        records = list(zip(*(column.to_pylist() for column in rows.columns), strict=True))
        return Chunk(table.num_rows, rows.column_names, records)

    def _bound(self) -> Iterator[tuple[str, Any]]:
        dialect = self.session.get_bind().dialect
        for name, value in self.convert.constants.items():
            process = self.target.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            yield name, value if process is None else process(value)

    @staticmethod
    def _constant(value: Any, rows: int) -> pa.Array:
        return pa.array([value] * rows)

    def _column(self, ours: str, read: Callable[[object], object], raw: pa.ChunkedArray) -> Any:
        """The column as stored: whole when its storage is exact, else cell by cell."""
        whole = self.storage[ours](_normalised(raw.combine_chunks(), self.convert.mapping, ours))
        return whole if whole is not None else self._cell_by_cell(ours, read, raw)

    def _cell_by_cell(self, ours: str, read: Callable[[object], object], raw: Any) -> pa.Array:
        dialect = self.session.get_bind().dialect
        process = self.target.c[ours].type.dialect_impl(dialect).bind_processor(dialect)
        try:
            values = [read(text or None) for text in raw.to_pylist()]
        except Invalid as reason:
            raise GaveUp(f"{ours}: {reason}") from None
        return pa.array(values if process is None else [process(value) for value in values])

    def _check_references(self, columns: dict[str, pa.Array]) -> None:
        if self.references_checked_after:
            return
        for foreign in self.target.foreign_keys:
            name, referred = foreign.parent.name, foreign.column
            if name not in columns:
                continue
            values = set(pc.unique(columns[name]).drop_null().to_pylist())
            known = self.known.setdefault(name, set())
            unknown = values - known
            if unknown:
                known |= values_present(self.session, referred, unknown)
                if not unknown <= known:
                    raise GaveUp(f"{name}: a value not in {referred.table.name}")


def _normalised(raw: pa.Array, mapping: Mapping, ours: str) -> pa.Array:
    """As ``convert._with_values`` reads a CSV cell: an empty cell is none, the text stripped
    and translated by the mapping's ``values``, an empty marker none."""
    texts = pc.utf8_trim(pc.if_else(pc.equal(raw, ""), _NO_TEXT, raw), characters=WHITESPACE)
    translations = mapping.values.get(ours, {})
    if translations:
        position = pc.index_in(texts, value_set=pa.array(list(translations), pa.string()))
        translated = pc.take(pa.array(list(translations.values()), pa.string()), position)
        texts = pc.if_else(pc.is_null(position), texts, translated)
    empty = pc.is_in(texts, value_set=pa.array(list(mapping.empty), pa.string()))
    return pc.if_else(empty, _NO_TEXT, texts)


def _storage(column: Column[Any], mapping: Mapping) -> Storage:
    """How a column of trimmed text becomes stored values at once, where exactly possible: the
    same cases ``convert._column_reader`` reads whole, plus plain integers."""
    kind = column.type
    iso = DateFormat.ISO in mapping.formats_for(column.name)
    if isinstance(kind, Enum):
        return _choices(list(kind.enums))
    if isinstance(kind, DateTime):
        return _iso_stamps if iso else _never
    if isinstance(kind, Date):
        return _iso_dates if iso else _never
    if isinstance(kind, Integer):
        return _plain_integers
    if isinstance(kind, String) and column.name not in ("mobile", "id_number"):
        return _texts(kind.length)
    return _never


def _never(_texts: pa.Array) -> None:
    return None


def _all(texts: pa.Array, holds: pa.Array) -> bool:
    """Whether ``holds`` is true at every cell that has text."""
    return bool(pc.all(pc.or_kleene(pc.is_null(texts), holds)).as_py())


def _choices(choices: list[str]) -> Storage:
    allowed = pa.array(choices, pa.string())

    def read(texts: pa.Array) -> pa.Array | None:
        return texts if _all(texts, pc.is_in(texts, value_set=allowed)) else None

    return read


def _texts(length: int | None) -> Storage:
    def read(texts: pa.Array) -> pa.Array | None:
        if pc.any(pc.match_substring(texts, NUL)).as_py():
            return None  # refused cell by cell, with the row path's reason
        if length is None or texts.null_count == len(texts):
            return texts
        longest = pc.max(pc.utf8_length(texts)).as_py()
        return texts if longest <= length else None

    return read


def _shaped(texts: pa.Array, pattern: str) -> bool:
    """Every text matches ``pattern``, and no year is 0 (PyArrow reads it, Python does not)."""
    return (
        _all(texts, pc.match_substring_regex(texts, pattern))
        and not pc.any(pc.starts_with(texts, "0000")).as_py()
    )


def _iso_stamps(texts: pa.Array) -> pa.Array | None:
    """``YYYY-MM-DD HH:MM:SS`` (or ``T``, with or without six decimals): what
    ``datetime.fromisoformat`` reads, stored as SQLAlchemy's SQLite ``DATETIME`` writes it."""
    if not _shaped(texts, _ISO_STAMP):
        return None
    try:
        pc.cast(texts, pa.timestamp("us"))
    except pa.ArrowInvalid:  # not a day or time of day: the careful reader says which
        return None
    # A real instant whose fields are written at the widths SQLAlchemy writes them: its text
    # with a space between day and time and six decimals is what SQLAlchemy would store
    # (and ten times cheaper than formatting the parsed instant).
    spaced = pc.utf8_replace_slice(texts, 10, 11, " ")
    whole_seconds = pc.equal(pc.utf8_length(spaced), 19)
    return pc.if_else(whole_seconds, pc.binary_join_element_wise(spaced, ".000000", ""), spaced)


def _iso_dates(texts: pa.Array) -> pa.Array | None:
    """``YYYY-MM-DD``, a real day: stored as written (SQLAlchemy's SQLite ``DATE``)."""
    if not _shaped(texts, _ISO_DATE):
        return None
    try:
        pc.cast(texts, pa.date32())
    except pa.ArrowInvalid:
        return None
    return texts


def _plain_integers(texts: pa.Array) -> pa.Array | None:
    """Digits with an optional minus: within a 64-bit integer, as ``int()`` reads them."""
    if not _all(texts, pc.match_substring_regex(texts, _PLAIN_INTEGER)):
        return None
    try:
        numbers = pc.cast(texts, pa.int64())
    except pa.ArrowInvalid:  # out of range: the careful reader refuses it
        return None
    smallest = pc.min(numbers).as_py()
    return None if smallest is not None and smallest < -(2**63 - 1) else numbers
