"""One party evaluated alone (as the workbench does after a logged contact) gives exactly the
batch's rows for that party, on every backend: on SQLite and PostgreSQL from SQL compiled once
for a stand-in id, into which each party's id is put as a quoted literal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from bankladder.engine.evaluate import evaluate
from bankladder.ladder.model import Ladder
from tests.support import StoreBuilder, at

pytestmark = pytest.mark.integration

AS_OF = dt.date(2026, 6, 30)
PARTIES = ("P1", "P2", "O'Brien", "P4")  # a quote in an id must stay a literal


def _bank(path: Path) -> None:
    b = StoreBuilder()
    for party in PARTIES:
        b.party(party, first_contact_on=dt.date(2026, 1, 5))
    b.contact("P1", "visit", at("2026-06-20"))
    b.contact("O'Brien", "visit", at("2026-06-28"))
    b.contact("O'Brien", "call", at("2026-06-29"))
    b.need("O'Brien", "existing", "2026-06-01")
    b.contact("P4", "call", at("2026-03-01"))
    b.build(path).dispose()


def _of(table: pa.Table, party: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = table.filter(pc.equal(table["party_id"], party)).to_pylist()
    return rows


def test_one_party_alone_gets_the_batch_rows(
    store_path: Path, backend_of: Callable[[Path], Any], young_ladder: Ladder
) -> None:
    _bank(store_path)
    backend = backend_of(store_path)
    batch = evaluate(backend, young_ladder, AS_OF)
    assert {row["party_id"] for row in batch.placements.to_pylist()} == set(PARTIES)
    for party in PARTIES:
        alone = evaluate(backend, young_ladder, AS_OF, [party])
        assert alone.placements.to_pylist() == _of(batch.placements, party)
        actions = [{**row, "rank_in_book": None} for row in alone.actions.to_pylist()]
        expected = [{**row, "rank_in_book": None} for row in _of(batch.actions, party)]
        assert actions == expected  # the rank is within the book evaluated: not compared
        assert actions  # each party has a next rung to climb here
