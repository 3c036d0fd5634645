"""The SQL the engine generates for the default playbook, kept as snapshots in tests/snapshots/
so that a change to it shows in review.

The expressions are built over unbound tables whose types follow the store's models, so no
database is needed. When a change to the engine (or to Ibis) changes the SQL on purpose,
refresh the files with

    BANKLADDER_UPDATE_SNAPSHOTS=1 uv run pytest tests/integration/engine/test_sql_snapshots.py

and review the diff like code. The files were written by another process, so the test also
proves the SQL is the same from run to run (no generated names).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import ibis
import pytest
import sqlalchemy as sa

from bankladder.engine.actions import propose_actions
from bankladder.engine.evaluate import facts_needed
from bankladder.engine.facts import compute_facts
from bankladder.engine.rules import place
from bankladder.engine.sources import SOURCE_COLUMNS, Sources
from bankladder.ladder.model import Ladder
from bankladder.store.models import Base

pytestmark = pytest.mark.integration

SNAPSHOTS = Path(__file__).resolve().parents[2] / "snapshots"
AS_OF = dt.date(2026, 6, 30)
DIALECTS = ("duckdb", "postgres")
REFRESH = "BANKLADDER_UPDATE_SNAPSHOTS"
REFRESHING = os.environ.get(REFRESH) == "1"  # read at import: a fixture clears BANKLADDER_*


def _ibis_type(column: sa.Column[Any]) -> str:
    kind = column.type
    if isinstance(kind, sa.Float):  # a Float is a Numeric too
        return "float64"
    if isinstance(kind, sa.Numeric):
        return f"decimal({kind.precision}, {kind.scale})"
    if isinstance(kind, sa.DateTime):
        return "timestamp"
    if isinstance(kind, sa.Date):
        return "date"
    if isinstance(kind, sa.Integer):
        return "int64"
    if isinstance(kind, sa.String):  # Enum is a String
        return "string"
    raise TypeError(f"no Ibis type for {column}")


def _sources(dialect: str) -> Sources:
    tables = {}
    for name, columns in SOURCE_COLUMNS.items():
        model = Base.metadata.tables[name]
        schema = {column: _ibis_type(model.c[column]) for column in columns}
        tables[name] = ibis.table(schema, name=name)
    return Sources(**tables, dialect=dialect)


def _placements(ladder: Ladder, dialect: str) -> Any:
    needed = facts_needed(ladder)
    facts = compute_facts(_sources(dialect), AS_OF, None, facts=needed)
    return place(facts, ladder).order_by("party_id")


def generated_sql(ladder: Ladder, dialect: str) -> dict[str, str]:
    """The two statements an evaluation runs: placements, then actions over the placements."""
    placements = _placements(ladder, dialect)
    actions = propose_actions(ibis.table(placements.schema(), name="placements"), ladder, AS_OF)
    return {
        f"placements_{dialect}.sql": _stable(ibis.to_sql(placements, dialect=dialect)),
        f"actions_{dialect}.sql": _stable(ibis.to_sql(actions, dialect=dialect)),
    }


def _stable(sql: str) -> str:
    """One trailing newline, no trailing spaces; fails on a generated (random) name."""
    text = "\n".join(line.rstrip() for line in str(sql).strip().splitlines()) + "\n"
    random_names = re.findall(r"ibis_\w*_[0-9a-z]{20,}", text)
    assert random_names == [], f"the SQL holds generated names: {random_names}"
    return text


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_generated_sql_matches_its_snapshot(young_ladder: Ladder, dialect: str) -> None:
    stale = []
    for name, sql in generated_sql(young_ladder, dialect).items():
        path = SNAPSHOTS / name
        if REFRESHING:
            path.write_text(sql, encoding="utf-8")
        elif not path.exists() or path.read_text(encoding="utf-8") != sql:
            stale.append(name)
    assert stale == [], (
        f"the SQL generated for {dialect} differs from tests/snapshots/{', '.join(stale)}; if the "
        f"change is intended, run {REFRESH}=1 uv run pytest {Path(__file__).name} and review "
        "the diff"
    )
