"""The audit trail's hash chain (pure): each entry's hash covers its content and the hash of
the entry before it, so an entry edited, deleted or moved breaks every link after it.

An entry's content is written as canonical JSON (sorted keys, no spaces, times in ISO 8601,
``detail`` as stored) and hashed with SHA-256 together with the previous entry's hash; the first
entry follows ``GENESIS``. Sequence numbers are dense (1, 2, 3...): a missing number is a
deleted entry, not a rolled-back transaction, because numbers are handed out under the trail's
lock (``audit.repository.lock_head``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
"""The "previous hash" of the first entry."""


@dataclass(frozen=True)
class Entry:
    """One audit event as the chain sees it."""

    seq: int
    at: dt.datetime
    user_id: int | None
    event: str
    object_type: str
    object_id: str
    reason: str | None
    detail: Mapping[str, Any]
    prev_hash: str
    hash: str


def content(
    seq: int,
    at: dt.datetime,
    user_id: int | None,
    event: str,
    object_type: str,
    object_id: str,
    reason: str | None,
    detail: Mapping[str, Any],
) -> str:
    """The canonical text of an entry's content: what its hash covers besides the link."""
    return json.dumps(
        {
            "seq": seq,
            "at": at.isoformat(timespec="microseconds"),
            "user_id": user_id,
            "event": event,
            "object_type": object_type,
            "object_id": object_id,
            "reason": reason,
            "detail": detail,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )


def link(prev_hash: str, text: str) -> str:
    """The hash of an entry whose content is ``text``, following ``prev_hash``."""
    return hashlib.sha256(f"{prev_hash}\n{text}".encode()).hexdigest()


def entry_hash(entry: Entry) -> str:
    """What ``entry.hash`` must be, given its content and its ``prev_hash``."""
    text = content(
        entry.seq,
        entry.at,
        entry.user_id,
        entry.event,
        entry.object_type,
        entry.object_id,
        entry.reason,
        entry.detail,
    )
    return link(entry.prev_hash, text)


@dataclass(frozen=True)
class Break:
    """The first place where the trail is not what was written."""

    seq: int
    problem: str  # altered, missing, out_of_order, truncated
    detail: str


def first_break(entries: Iterable[Entry], head_seq: int, head_hash: str) -> Break | None:
    """Walk the entries in sequence order and return the first break, or None when the trail
    is whole: every number from 1 to ``head_seq`` present once, each entry's hash right for its
    content, each linked to the one before, the last one the head the trail's lock recorded."""
    expected_seq, prev = 1, GENESIS
    for entry in entries:
        if entry.seq < expected_seq:
            return Break(entry.seq, "out_of_order", f"entry {entry.seq} appears twice")
        if entry.seq > expected_seq:
            return Break(expected_seq, "missing", f"entry {expected_seq} is missing")
        if entry.prev_hash != prev:
            return Break(entry.seq, "out_of_order", _unlinked(entry.seq))
        if entry_hash(entry) != entry.hash:
            return Break(
                entry.seq, "altered", f"entry {entry.seq} was changed after it was written"
            )
        expected_seq, prev = expected_seq + 1, entry.hash
    if expected_seq - 1 < head_seq:
        return Break(expected_seq, "truncated", f"entries {expected_seq} to {head_seq} are missing")
    if prev != head_hash:
        return Break(head_seq, "altered", f"entry {head_seq} differs from the recorded head")
    return None


def _unlinked(seq: int) -> str:
    return f"entry {seq} does not follow entry {seq - 1}: an entry before it was changed or moved"
