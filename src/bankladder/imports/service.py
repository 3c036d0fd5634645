"""Use case: import one extract file into one source table.

Every row is read through the mapping, converted and checked (types, required fields,
identifiers, references to other tables, duplicates within the file) and matched to the store by
its natural key: updated when known, added when new. The file's content hash goes into the
ledger (``checkpoints``): the same file imported again changes nothing.

Two ways to land a file:

- whole (the default): streamed batch by batch inside one transaction. If any row is refused the
  transaction is rolled back, so nothing is written, and every rejected row is reported.
- chunked: each chunk commits with a checkpoint that counts it. A process killed mid-import
  loses nothing and duplicates nothing: importing the same file again resumes after the last
  checkpoint (the rows before it are read again only to know their keys). A refused chunk stops
  the writing there; chunks before it stay, and every problem of the file is still reported.

Two modes: incremental (rows absent from the file are left alone) and snapshot (the file is the
whole table: stored rows it no longer carries are closed, see ``snapshot``).
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import hashlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bankladder.errors import InvalidInput
from bankladder.imports import checkpoints, columnar
from bankladder.imports.columnar import ColumnarLoad, GaveUp
from bankladder.imports.loading import BatchLoader, Rejection
from bankladder.imports.mapping import NATURAL_KEYS, Mapping, table_columns
from bankladder.imports.readers import Extract, Limits, open_extract
from bankladder.imports.reading.delimited import CsvExtract
from bankladder.imports.snapshot import check_snapshot_table, close_absent
from bankladder.store.bulk import (
    foreign_keys_checked_after,
    has_duplicate,
    index_built_after,
    natural_index,
)
from bankladder.store.database import session_factory, unit_of_work

__all__ = ["ImportMode", "ImportOutcome", "Rejection", "import_file", "write_report"]

CHUNK_ROWS = 10_000


class ImportMode(StrEnum):
    INCREMENTAL = "incremental"
    SNAPSHOT = "snapshot"


@dataclass(frozen=True)
class ImportOutcome:
    table: str
    file: str
    rows_read: int
    added: int = 0
    updated: int = 0
    closed: int = 0  # snapshot: stored rows absent from the file, now closed
    recognised: int = 0  # party rows of a party already held, kept as its aliases
    already_imported: bool = False
    resumed_after: int = 0  # chunked: data rows that had landed before this run
    landed: int = 0  # chunked and refused: data rows that landed before the refused chunk
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
            fix="give a mapping with --mapping, or propose one with `bankladder import --infer`",
        )
    return Mapping(table=table, columns=matched)


@dataclass(frozen=True)
class _Job:
    """One file to import and how."""

    table: str
    path: Path
    sha256: str
    extract: Extract
    mapping: Mapping
    mode: ImportMode
    as_of: dt.date
    chunk_rows: int
    progress: Callable[[int], None] | None

    @property
    def file(self) -> str:
        return str(self.path)


def import_file(
    store: Engine,
    table: str,
    path: Path,
    mapping: Mapping | None = None,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    limits: Limits | None = None,
    chunked: bool = False,
    chunk_rows: int = CHUNK_ROWS,
    mode: ImportMode = ImportMode.INCREMENTAL,
    as_of: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportOutcome:
    """Import ``path`` into ``table``; see the module docstring. ``as_of`` is the day a
    snapshot closes absent rows on (default: today)."""
    if table not in NATURAL_KEYS:
        known = ", ".join(NATURAL_KEYS)
        raise InvalidInput(f"importing {table!r} is not supported", fix=f"import one of: {known}")
    if mode is ImportMode.SNAPSHOT:
        check_snapshot_table(table)
    if chunk_rows < 1:
        raise InvalidInput(f"a chunk must hold at least one row, not {chunk_rows}")
    if not path.is_file():
        raise InvalidInput(f"no file at {path}", fix="check the file name and folder")
    sha256 = file_digest(path)
    with unit_of_work(store) as session:
        if checkpoints.finished(session, table, sha256):
            return ImportOutcome(table, str(path), 0, already_imported=True)
    extract = open_extract(path, encoding=encoding, sheet=sheet, limits=limits)
    chosen = mapping or identity_mapping(table, extract.header)
    if chosen.table != table:
        raise InvalidInput(f"the mapping is for {chosen.table!r}, not {table!r}", where=str(path))
    job = _Job(
        table, path, sha256, extract, chosen, mode, as_of or dt.date.today(), chunk_rows, progress
    )
    with _collector_paused():
        return _import_in_chunks(store, job) if chunked else _import_whole(store, job)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the import, restored after it.

    A large import keeps a million natural keys and a batch of rows alive: every full
    collection walked them, about a quarter of the conversion's time. The import makes little
    cyclic garbage; the first collection after the import reclaims it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class _Tally:
    rows_read: int = 0
    rows: int = 0
    added: int = 0
    updated: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    def read(self, rows: int, job: _Job) -> None:
        self.rows_read += rows
        if job.progress is not None:
            job.progress(self.rows_read)

    def wrote(self, rows: int, added: int, updated: int) -> None:
        self.rows += rows
        self.added += added
        self.updated += updated


class _Refused(Exception):
    def __init__(self, tally: _Tally) -> None:
        self.tally = tally


def _import_whole(store: Engine, job: _Job) -> ImportOutcome:
    """The columnar fast path first; else (or if it gives up) stream the file batch by batch
    inside one transaction: check each batch, write it while every row so far is sound, and
    keep reading to report every problem."""
    landed = _import_whole_columnar(store, job)
    if landed is not None:
        return landed
    try:
        with unit_of_work(store) as session:
            entry = checkpoints.start(session, job.table, job.path.name, job.sha256, job.mode)
            loader = BatchLoader(session, job.mapping, job.file)
            tally = _Tally()
            with _index_built_after_if_empty(session, loader):
                for batch in job.extract.rows(job.chunk_rows):
                    rows, rejected = loader.check(batch)
                    tally.read(len(batch), job)
                    tally.rejections += rejected
                    if not tally.rejections:
                        tally.wrote(len(rows), *loader.write(rows))
                if tally.rejections:
                    raise _Refused(tally)  # rolls back every batch already written
            closed = _close_absent(session, job, loader)
            checkpoints.finish(session, entry, tally.rows_read)
    except _Refused as refused:
        kept = refused.tally
        return ImportOutcome(job.table, job.file, kept.rows_read, rejections=kept.rejections)
    return _landed(job, tally, loader, closed)


def _import_whole_columnar(store: Engine, job: _Job) -> ImportOutcome | None:
    """The file through ``columnar`` in one transaction, the natural-key index built after the
    rows; ``None`` (nothing written) when the fast path does not apply or gives up."""
    try:
        with unit_of_work(store) as session:
            snapshot = job.mode is ImportMode.SNAPSHOT
            if columnar.refusal(session, job.mapping, job.extract, snapshot) is not None:
                return None
            entry = checkpoints.start(session, job.table, job.path.name, job.sha256, job.mode)
            assert isinstance(job.extract, CsvExtract)  # refusal() said so
            load = ColumnarLoad(session, job.mapping, job.extract)
            tally = _Tally()
            index = natural_index(load.target, load.key)
            with (
                index_built_after(session, index) if index is not None else nullcontext(),
                foreign_keys_checked_after(session, load.target),
            ):
                for chunk in load.chunks(job.chunk_rows):
                    load.write(chunk)
                    tally.read(chunk.rows, job)
                    tally.wrote(chunk.rows, chunk.rows, 0)
            if has_duplicate(session, load.target, load.key):
                raise GaveUp("two rows of the file share a natural key")
            checkpoints.finish(session, entry, tally.rows_read)
    except (GaveUp, IntegrityError):  # a key added back after the rows found a bad reference
        return None  # rolled back: the row path imports the file and reports its problems
    return ImportOutcome(job.table, job.file, tally.rows_read, added=tally.added)


def _index_built_after_if_empty(
    session: Session, loader: BatchLoader
) -> AbstractContextManager[None]:
    """Into a table empty when the import began, the natural-key index is built once the rows
    are in (``bulk.index_built_after``): the loader never looks such rows up by it. The ledger
    entry written first has opened the transaction the rebuild needs."""
    index = natural_index(loader.target, NATURAL_KEYS[loader.table])
    if loader.stored_up_to is not None or index is None:
        return nullcontext()
    return index_built_after(session, index)


def _import_in_chunks(store: Engine, job: _Job) -> ImportOutcome:
    """Commit chunk by chunk, each with the checkpoint that counts it; resume after the last."""
    with session_factory(store)() as session:
        entry = checkpoints.unfinished(session, job.table, job.sha256)
        if entry is None:
            entry = checkpoints.start(session, job.table, job.path.name, job.sha256, job.mode)
            session.commit()
        resume_after = entry.rows
        loader = BatchLoader(session, job.mapping, job.file)
        tally = _Tally()
        for batch in job.extract.rows(job.chunk_rows):
            landed = batch[: max(0, resume_after - tally.rows_read)]
            fresh = batch[len(landed) :]
            tally.read(len(batch), job)
            if landed:
                loader.remember(landed)  # their keys: in-file duplicates, snapshots
            if not fresh:
                continue
            rows, rejected = loader.check(fresh)
            tally.rejections += rejected
            if not tally.rejections:
                tally.wrote(len(rows), *loader.write(rows))
                entry.rows = tally.rows_read
                session.commit()
        if tally.rejections:
            session.rollback()
            return ImportOutcome(
                job.table,
                job.file,
                tally.rows_read,
                resumed_after=resume_after,
                landed=entry.rows,
                rejections=tally.rejections,
            )
        closed = _close_absent(session, job, loader)
        checkpoints.finish(session, entry, tally.rows_read)
        session.commit()
    return _landed(job, tally, loader, closed, resume_after)


def _close_absent(session: Session, job: _Job, loader: BatchLoader) -> int:
    if job.mode is not ImportMode.SNAPSHOT:
        return 0
    return close_absent(session, job.table, loader.seen, job.as_of)


def _landed(
    job: _Job, tally: _Tally, loader: BatchLoader, closed: int, resumed_after: int = 0
) -> ImportOutcome:
    return ImportOutcome(
        job.table,
        job.file,
        tally.rows_read,
        added=tally.added,
        updated=tally.updated,
        closed=closed,
        recognised=loader.recognised,
        resumed_after=resumed_after,
    )


def write_report(rejections: list[Rejection], path: Path) -> None:
    """The rejected rows as CSV (UTF-8 with BOM, so Excel shows the Chinese text)."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "row", "column", "value", "reason"])
        for r in rejections:
            writer.writerow([r.file, r.row, r.column or "", r.value or "", r.reason])
