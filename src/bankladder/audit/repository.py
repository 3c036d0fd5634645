"""The audit trail's queries: its head (locked while an event is added), events in order."""

from __future__ import annotations

from collections.abc import Generator

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from bankladder.audit.chain import Entry
from bankladder.errors import StoreUnavailable
from bankladder.store.models import AuditEvent, AuditHead

HEAD = 1
READ_CHUNK = 10_000


def lock_head(session: Session) -> tuple[int, str]:
    """Take the trail's lock for the rest of the transaction and return its last sequence
    number and hash. The no-op UPDATE takes a row lock on PostgreSQL and the write lock on
    SQLite: a second writer waits here until the first commits, then reads the new head."""
    session.execute(update(AuditHead).where(AuditHead.id == HEAD).values(seq=AuditHead.seq))
    row = session.execute(
        select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == HEAD)
    ).one_or_none()
    if row is None:
        raise StoreUnavailable(
            "the audit trail has no head row",
            fix="upgrade the store: `bankladder db upgrade`",
        )
    return row.seq, row.hash


def append(session: Session, entry: Entry) -> None:
    """Add ``entry`` and move the head to it (under the lock of ``lock_head``)."""
    session.execute(
        insert(AuditEvent).values(
            id=entry.seq,
            at=entry.at,
            user_id=entry.user_id,
            event=entry.event,
            object_type=entry.object_type,
            object_id=entry.object_id,
            reason=entry.reason,
            detail=dict(entry.detail),
            prev_hash=entry.prev_hash,
            hash=entry.hash,
        )
    )
    session.execute(
        update(AuditHead).where(AuditHead.id == HEAD).values(seq=entry.seq, hash=entry.hash)
    )


def head(session: Session) -> tuple[int, str]:
    row = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == HEAD)).one()
    return row.seq, row.hash


def entries(session: Session) -> Generator[Entry]:
    """Every event in sequence order, streamed."""
    query = select(AuditEvent).order_by(AuditEvent.id).execution_options(yield_per=READ_CHUNK)
    result = session.scalars(query)
    try:
        for event in result:
            yield Entry(
                seq=event.id,
                at=event.at,
                user_id=event.user_id,
                event=event.event,
                object_type=event.object_type,
                object_id=event.object_id,
                reason=event.reason,
                detail=event.detail,
                prev_hash=event.prev_hash,
                hash=event.hash,
            )
    finally:
        result.close()  # a walk that stops at a break leaves no server cursor open
