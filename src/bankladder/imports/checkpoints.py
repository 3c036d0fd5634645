"""The ledger of imported files (``import_batch``): what landed, and where a chunked import stands.

A file is known by its table and content hash. A finished entry means the file landed whole: it
is never applied again. An unfinished entry is a chunked import's checkpoint: ``rows`` data rows
of the file landed, each chunk in the same transaction as the checkpoint that counts it, so after
a crash the checkpoint and the store always agree and the import resumes after those rows.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from bankladder.audit import service as audit
from bankladder.store.models import ImportBatch


def finished(session: Session, table: str, sha256: str) -> ImportBatch | None:
    """The entry of the file if it landed whole before."""
    return _entry(session, table, sha256, finished=True)


def unfinished(session: Session, table: str, sha256: str) -> ImportBatch | None:
    """The checkpoint of an earlier chunked import of the file that did not finish."""
    return _entry(session, table, sha256, finished=False)


def _entry(session: Session, table: str, sha256: str, *, finished: bool) -> ImportBatch | None:
    done = ImportBatch.finished_at.is_not(None) if finished else ImportBatch.finished_at.is_(None)
    query = select(ImportBatch).where(
        ImportBatch.table_name == table, ImportBatch.sha256 == sha256, done
    )
    return session.scalars(query).first()


def start(session: Session, table: str, file_name: str, sha256: str, mode: str) -> ImportBatch:
    """A new, unfinished entry: no row of the file has landed yet."""
    entry = ImportBatch(
        table_name=table,
        file_name=file_name,
        sha256=sha256,
        rows=0,
        mode=mode,
        imported_at=dt.datetime.now(),
    )
    session.add(entry)
    session.flush()
    return entry


def finish(session: Session, entry: ImportBatch, rows: int) -> None:
    """The file landed: its entry is closed and the audit trail records it (the table, rows,
    mode and the file's hash; never its name, which may name a person)."""
    entry.rows = rows
    entry.finished_at = dt.datetime.now()
    session.flush()
    detail = {"table": entry.table_name, "rows": rows, "mode": entry.mode, "sha256": entry.sha256}
    audit.record(
        session,
        None,
        "import.file",
        "import_batch",
        str(entry.id),
        entry.finished_at,
        detail=detail,
    )
