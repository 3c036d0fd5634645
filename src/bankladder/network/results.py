"""The batch's queries of the store: the network's derived tables replaced, and what an
introduction action says of the parties it names. (The read side's queries are in
``repository.py``.)"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from bankladder.store.bulk import in_chunks, insert_many
from bankladder.store.models import IntermediaryScore, NetworkProspect, Party

WRITE_ROWS = 50_000
"""Rows handed to one bulk insert: a large run is written in slices, not held as dicts."""


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def replace_results(
    session: Session,
    prospects: Iterator[list[dict[str, Any]]],
    intermediaries: list[dict[str, Any]],
) -> None:
    """The previous run's rows out, this run's in (the caller's transaction: all or nothing)."""
    session.execute(delete(NetworkProspect))
    session.execute(delete(IntermediaryScore))
    for rows in prospects:
        insert_many(session, _table(NetworkProspect), rows)
    for start in range(0, len(intermediaries), WRITE_ROWS):
        insert_many(session, _table(IntermediaryScore), intermediaries[start : start + WRITE_ROWS])


def prospect_rows(table: pa.Table, as_of: Any) -> Iterator[list[dict[str, Any]]]:
    """The store's rows of ``embedded.Outcome.prospects``, a slice at a time; the path as the
    list of edges walked, each as stored (ids and kinds only)."""
    for batch in table.to_batches(WRITE_ROWS):
        yield [_prospect(row, as_of) for row in batch.to_pylist()]


def _prospect(row: dict[str, Any], as_of: Any) -> dict[str, Any]:
    path = [{"from_id": row["from1"], "to_id": row["to1"], "kind": row["kind1"]}]
    if row["kind2"] is not None:
        path.append({"from_id": row["from2"], "to_id": row["to2"], "kind": row["kind2"]})
    return {
        "as_of": as_of,
        "party_id": row["party_id"],
        "prospect_id": row["prospect_id"],
        "hops": row["hops"],
        "via_id": row["via_id"],
        "path": path,
        "strength": row["strength"],
        "potential": row["potential"],
        "score": row["score"],
        "rank": row["rank"],
    }


def intermediary_rows(table: pa.Table, as_of: Any) -> list[dict[str, Any]]:
    return [{"as_of": as_of, **row} for row in table.to_pylist()]


@dataclass(frozen=True)
class Named:
    """What an introduction action needs of a party it names."""

    name: str
    kind: str
    rm_id: str | None
    customer: bool


def parties_named(session: Session, ids: Collection[str]) -> dict[str, Named]:
    found: dict[str, Named] = {}
    query = select(Party.id, Party.name, Party.kind, Party.rm_id, Party.customer_since)
    for chunk in in_chunks(sorted(ids)):
        for row in session.execute(query.where(Party.id.in_(chunk))):
            customer = row.customer_since is not None
            found[row.id] = Named(row.name, str(row.kind), row.rm_id, customer)
    return found
