"""Record audit events: unmasking personal data (with the reason given), records created or
changed in the workbench, exports. Append-only: nothing here updates or deletes an event.

Callers pass what happened in words the bank uses (``event`` such as ``party.unmask``,
``interaction.log``, ``action.answer``) and the object's type and id; ``detail`` names fields
or counts, never a personal value (the C2 columns stay out of the trail). The caller owns the
transaction, so an event lands with the change it records, or not at all.

Every event is a link of a hash chain (``chain.py``): ``verify`` walks the trail and names the
first entry altered, missing or out of order, by its sequence number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.audit import repository
from bankladder.audit.chain import Break, Entry, content, first_break, link


def record(
    session: Session,
    principal: Principal | None,
    event: str,
    object_type: str,
    object_id: str,
    at: dt.datetime,
    *,
    reason: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Append one event; ``principal`` None for the system (a batch, the command line). Holds
    the trail's lock until the caller's transaction ends."""
    last_seq, last_hash = repository.lock_head(session)
    seq, user_id, shown = last_seq + 1, principal.user_id if principal else None, dict(detail or {})
    text = content(seq, at, user_id, event, object_type, object_id, reason, shown)
    entry = Entry(
        seq,
        at,
        user_id,
        event,
        object_type,
        object_id,
        reason,
        shown,
        last_hash,
        link(last_hash, text),
    )
    repository.append(session, entry)


@dataclass(frozen=True)
class Verification:
    """What ``verify`` found: how many entries, the head, and the first break if any."""

    entries: int
    head_seq: int
    head_hash: str
    first_break: Break | None


def verify(session: Session) -> Verification:
    """Walk the whole trail in sequence order and check every link."""
    head_seq, head_hash = repository.head(session)
    with closing(repository.entries(session)) as entries:
        counted = _Counted(entries)
        found = first_break(counted, head_seq, head_hash)
    return Verification(counted.seen, head_seq, head_hash, found)


class _Counted:
    """Counts the entries an iteration went through."""

    def __init__(self, entries: Iterator[Entry]) -> None:
        self.entries, self.seen = entries, 0

    def __iter__(self) -> Iterator[Entry]:
        for entry in self.entries:
            self.seen += 1
            yield entry
