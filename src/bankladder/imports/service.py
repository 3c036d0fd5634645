"""Use case: import one extract file into one source table, whole or not at all.

The file is streamed in batches inside one transaction. Every row is read through the mapping,
converted and checked (types, required fields, identifiers, references to other tables,
duplicates within the file) and matched to the store by its natural key (updated when known,
added when new). If any row is refused, the transaction is rolled back, so nothing is written,
and every rejected row goes to a report. Otherwise the file's content hash is recorded with it:
the same file imported again changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bankladder.errors import InvalidInput
from bankladder.imports import repository
from bankladder.imports.loading import BatchLoader, Rejection
from bankladder.imports.mapping import NATURAL_KEYS, Mapping, table_columns
from bankladder.imports.readers import Extract, open_extract
from bankladder.store.database import unit_of_work

__all__ = ["ImportOutcome", "Rejection", "import_file", "write_report"]


@dataclass(frozen=True)
class ImportOutcome:
    table: str
    file: str
    rows_read: int
    added: int = 0
    updated: int = 0
    already_imported: bool = False
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.rejections)


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def identity_mapping(table: str, header: list[str]) -> Mapping:
    """Without a mapping file, columns named like ours are read as ours."""
    ours = table_columns(table)
    matched = {name: name for name in header if name in ours}
    if not matched:
        raise InvalidInput(
            f"no column of the file is named like a column of {table}",
            fix="give a mapping with --mapping (see `bankladder import --help`)",
        )
    return Mapping(table=table, columns=matched)


def import_file(
    store: Engine,
    table: str,
    path: Path,
    mapping: Mapping | None = None,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportOutcome:
    """Import ``path`` into ``table``; see the module docstring."""
    if table not in NATURAL_KEYS:
        known = ", ".join(NATURAL_KEYS)
        raise InvalidInput(f"importing {table!r} is not supported", fix=f"import one of: {known}")
    if not path.is_file():
        raise InvalidInput(f"no file at {path}", fix="check the file name and folder")
    sha256 = file_digest(path)
    with unit_of_work(store) as session:
        if repository.already_imported(session, table, sha256):
            return ImportOutcome(table, str(path), 0, already_imported=True)
    extract = open_extract(path, encoding=encoding, sheet=sheet)
    chosen = mapping or identity_mapping(table, extract.header)
    if chosen.table != table:
        raise InvalidInput(f"the mapping is for {chosen.table!r}, not {table!r}", where=str(path))
    try:
        with unit_of_work(store) as session:
            tally = _load(session, extract, chosen, str(path), progress)
            if tally.rejections:
                raise _Refused(tally)  # rolls back every batch already written
            repository.record_batch(session, table, path.name, sha256, tally.rows)
    except _Refused as refused:
        kept = refused.tally
        return ImportOutcome(table, str(path), kept.rows_read, rejections=kept.rejections)
    return ImportOutcome(table, str(path), tally.rows, added=tally.added, updated=tally.updated)


@dataclass
class _Tally:
    rows_read: int = 0
    rows: int = 0
    added: int = 0
    updated: int = 0
    rejections: list[Rejection] = field(default_factory=list)


class _Refused(Exception):
    def __init__(self, tally: _Tally) -> None:
        self.tally = tally


def _load(
    session: Session,
    extract: Extract,
    mapping: Mapping,
    file: str,
    progress: Callable[[int], None] | None,
) -> _Tally:
    """Stream the file batch by batch inside one transaction: check each batch, write it while
    every row so far is sound, and keep reading to report every problem."""
    loader = BatchLoader(session, mapping, file)
    tally = _Tally()
    for batch in extract.rows():
        rows, rejected = loader.check(batch)
        tally.rows_read += len(batch)
        tally.rejections += rejected
        if not tally.rejections:
            added, updated = loader.write(rows)
            tally.rows += len(rows)
            tally.added += added
            tally.updated += updated
        if progress is not None:
            progress(tally.rows_read)
    return tally


def write_report(rejections: list[Rejection], path: Path) -> None:
    """The rejected rows as CSV (UTF-8 with BOM, so Excel shows the Chinese text)."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "row", "column", "value", "reason"])
        for r in rejections:
            writer.writerow([r.file, r.row, r.column or "", r.value or "", r.reason])
