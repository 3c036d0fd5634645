"""Every query the batch feature makes of the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from bankladder.store.models import Assessment, Base, ImportBatch, Transition

RESULTS_LEDGER = "results"
"""``import_batch.table_name`` of a results folder that landed (keyed by its manifest's hash)."""


def source_table(name: str) -> Table:
    return Base.metadata.tables[name]


def stream(session: Session, query: Any, batch_rows: int) -> Iterator[Sequence[Any]]:
    """The rows of ``query`` a batch at a time, never the whole result in memory."""
    result = session.execute(query.execution_options(yield_per=batch_rows))
    yield from result.partitions()


def source_rows(
    session: Session, name: str, columns: Sequence[str], batch_rows: int
) -> Iterator[Sequence[Any]]:
    table = source_table(name)
    return stream(session, select(*(table.c[c] for c in columns)), batch_rows)


def assessments_before(session: Session, as_of: dt.date) -> dict[str, int]:
    """How many assessments the store holds before ``as_of``, and the newest one's id: the
    baseline an extract's transitions are computed against. Re-evaluating any earlier date
    replaces rows (new ids), so a changed baseline shows in one of the two."""
    count, newest = session.execute(
        select(func.count(), func.coalesce(func.max(Assessment.id), 0)).where(
            Assessment.as_of < as_of
        )
    ).one()
    return {"assessments": int(count), "newest_assessment_id": int(newest)}


def previous_stages(session: Session, as_of: dt.date, batch_rows: int) -> Iterator[Sequence[Any]]:
    """(party_id, as_of, stage_id, stage_rank) of each party's latest assessment before
    ``as_of``: where each party stood before the evaluation the extract is for."""
    latest = (
        select(Assessment.party_id, func.max(Assessment.as_of).label("as_of"))
        .where(Assessment.as_of < as_of)
        .group_by(Assessment.party_id)
        .subquery()
    )
    query = select(
        Assessment.party_id, Assessment.as_of, Assessment.stage_id, Assessment.stage_rank
    ).join(
        latest,
        (Assessment.party_id == latest.c.party_id) & (Assessment.as_of == latest.c.as_of),
    )
    return stream(session, query, batch_rows)


def results_landed(session: Session, sha256: str) -> bool:
    query = select(ImportBatch.id).where(
        ImportBatch.table_name == RESULTS_LEDGER,
        ImportBatch.sha256 == sha256,
        ImportBatch.finished_at.is_not(None),
    )
    return session.scalar(query) is not None


def record_results(session: Session, folder: str, sha256: str, rows: int) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    session.execute(
        insert(ImportBatch).values(
            table_name=RESULTS_LEDGER,
            file_name=folder[-500:],
            sha256=sha256,
            rows=rows,
            imported_at=now,
            mode="results",
            finished_at=now,
        )
    )


def add_assessments(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(Assessment), rows)


def add_transitions(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(Transition), rows)
