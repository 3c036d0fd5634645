"""The DuckDB snapshot every view reads: the stage history and what moved it.

Tables as loaded (names and columns are the contract between the loaders and the views):

- ``stages(rank, stage_id, name_zh, name_en)``: the bank's ladder, rank 1 lowest.
- ``rms(rm_id, name, branch_id)``.
- ``parties(party_id, kind, name, rm_id, branch_id, segment, industry_code, customer_since)``:
  only the parties in the caller's scope; ``name`` already masked for display.
- ``transitions(party_id, from_rank, to_rank, changed_on)``: every change of stage (rank 0:
  off the ladder). A party's first placement is a transition from rank 0. The store keeps at
  most one per party and day.
- ``contacts(party_id, logged_by, kind, occurred_on)``: interactions logged (``logged_by``:
  the RM who logged it).
- ``answers(party_id, action_rm_id, outcome, answered_on)``: RMs' answers to actions.
- ``referrals(referrer_id, referee_id, referred_on, converted_on, status)``.
- ``loans(application_id, party_id, rm_id, status, received_at, status_at)`` and
  ``loan_moves(application_id, from_status, to_status, moved_at)``.

``prepare`` then keeps only the rows of the loaded parties and copies each party's attributes
(``PARTY_ATTRIBUTES``: ``party_kind, rm_id, branch_id, segment, industry_code``, as the store
holds them today) onto ``transitions``, ``contacts`` and ``answers``, and derives

- ``spells(party_id, rank, entered_on, left_on, next_rank, higher_on, previous_on_rung,
  <party attributes>)``: one row per stay on a rung (rank >= 1), ``left_on`` and
  ``next_rank`` null while the party is still there (as of the newest transition);
  ``higher_on`` the first later day the party moved higher, ``previous_on_rung`` when it last
  entered the same rung before (see ``spells_sql``);
- ``contacts`` gains ``previous_on``: the party's contact before (see ``CONTACTS``).

So a view filters any of these tables with ``Filters.parties_where(alias)`` without joining
the parties (at ten million parties that join is most of a query's cost), and the period with
``$start``/``$end``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from bankladder.ladder.model import Ladder, Text

TABLES: dict[str, str] = {
    "stages": "rank INTEGER, stage_id VARCHAR, name_zh VARCHAR, name_en VARCHAR",
    "rms": "rm_id VARCHAR, name VARCHAR, branch_id VARCHAR",
    "parties": (
        "party_id VARCHAR, kind VARCHAR, name VARCHAR, rm_id VARCHAR, branch_id VARCHAR, "
        "segment VARCHAR, industry_code VARCHAR, customer_since DATE"
    ),
    "transitions": "party_id VARCHAR, from_rank INTEGER, to_rank INTEGER, changed_on DATE",
    "contacts": "party_id VARCHAR, logged_by VARCHAR, kind VARCHAR, occurred_on DATE",
    "answers": "party_id VARCHAR, action_rm_id VARCHAR, outcome VARCHAR, answered_on DATE",
    "referrals": (
        "referrer_id VARCHAR, referee_id VARCHAR, referred_on DATE, converted_on DATE, "
        "status VARCHAR"
    ),
    "loans": (
        "application_id VARCHAR, party_id VARCHAR, rm_id VARCHAR, status VARCHAR, "
        "received_at TIMESTAMP, status_at TIMESTAMP"
    ),
    "loan_moves": (
        "application_id VARCHAR, from_status VARCHAR, to_status VARCHAR, moved_at TIMESTAMP"
    ),
}

PARTY_ATTRIBUTES = ("party_kind", "rm_id", "branch_id", "segment", "industry_code")
"""What ``prepare`` copies from ``parties`` onto every row of the party's history."""

ATTRIBUTES = "p.kind AS party_kind, p.rm_id, p.branch_id, p.segment, p.industry_code"

WITH_PARTY = {
    "transitions": "t.party_id, t.from_rank, t.to_rank, t.changed_on",
    "contacts": "t.party_id, t.logged_by, t.kind, t.occurred_on",
    "answers": "t.party_id, t.action_rm_id, t.outcome, t.answered_on",
}
"""The loaded columns of each table that ``prepare`` gives the party's attributes."""


def spells_sql(ranks: Sequence[int]) -> str:
    """The spells from the transitions, in one window pass over each party's changes (and one
    over its stays on each rung): besides the stay's end and the rung after it,

    - ``higher_on``: the first later day the party moved to a higher rung (null: never, as far
      as the history goes), so conversion is a filter, not a join of each stay to the changes
      after it;
    - ``previous_on_rung``: when the party last stepped onto the same rung before, so a view
      can count a party once per month and rung without grouping by party."""
    firsts = ",\n".join(
        f"           min(changed_on) FILTER (WHERE to_rank > {rank}) OVER later AS higher_{rank}"
        for rank in ranks
    )
    higher = " ".join(f"WHEN {rank} THEN higher_{rank}" for rank in ranks)
    return f"""
CREATE OR REPLACE TABLE spells AS
SELECT party_id, rank, entered_on, left_on, next_rank,
       CASE rank {higher or "WHEN 0 THEN NULL"} END AS higher_on,
       lag(entered_on) OVER same_rung AS previous_on_rung,
       party_kind, rm_id, branch_id, segment, industry_code
FROM (
    SELECT *, to_rank AS rank, changed_on AS entered_on,
           lead(changed_on) OVER moves AS left_on,
           lead(to_rank) OVER moves AS next_rank{"," if firsts else ""}
{firsts}
    FROM transitions
    WINDOW moves AS (PARTITION BY party_id ORDER BY changed_on),
           later AS (PARTITION BY party_id ORDER BY changed_on
                     ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
)
WHERE rank > 0
WINDOW same_rung AS (PARTITION BY party_id, rank ORDER BY entered_on)
"""  # noqa: S608 - ranks are the ladder's integers


CONTACTS = """
CREATE OR REPLACE TABLE contacts AS
SELECT *, lag(occurred_on) OVER (PARTITION BY party_id ORDER BY occurred_on) AS previous_on
FROM contacts
"""
"""Each contact with the party's contact before it (among those loaded), so the parties
contacted in a period are the contacts there whose previous one is older: a count, not a
DISTINCT over tens of millions of rows."""


MONTHS = """months AS (
    -- every calendar month the period touches, by its first day
    SELECT CAST(month AS DATE) AS month
    FROM generate_series(date_trunc('month', CAST($start AS DATE)), CAST($end AS DATE),
                         INTERVAL 1 MONTH) g(month)
)"""
"""A common table expression for views with a row per month of the period."""


@dataclass
class Snapshot:
    """An open DuckDB connection holding the tables above, and the ladder's stage names."""

    con: duckdb.DuckDBPyConnection
    stages: dict[int, Text]
    newest: dt.date | None
    """The newest transition's day: the default end of a period."""

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Rows of ``sql`` as dicts; ``params`` are bound by name (``$name``), only those the
        statement uses."""
        used = {k: v for k, v in (params or {}).items() if f"${k}" in sql}
        cursor = self.con.execute(sql, used)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def connect(threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB using every core (or ``threads``), with the empty tables; no
    extension is ever installed or loaded."""
    con = duckdb.connect(
        config={
            "threads": threads or os.cpu_count() or 1,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            # the views order what they return; unordered copies of the history take much
            # less memory while ``prepare`` rebuilds a hundred million rows
            "preserve_insertion_order": False,
        }
    )
    for name, columns in TABLES.items():
        con.execute(f"CREATE TABLE {name} ({columns})")
    return con


def stage_names(ladder: Ladder) -> dict[int, Text]:
    """Each rank's name, 0 being off the ladder."""
    names = {0: Text("未上阶梯", "Not on the ladder")}
    names.update({stage.rank: stage.name for stage in ladder.stages})
    return names


def build(
    ladder: Ladder, tables: Mapping[str, pa.Table], *, threads: int | None = None
) -> Snapshot:
    """A snapshot from Arrow tables named as ``TABLES`` (missing ones stay empty; columns are
    matched by name), with the ladder's stages and the derived spells."""
    unknown = set(tables) - set(TABLES) - {"stages"}
    if unknown:
        raise ValueError(f"not snapshot tables: {sorted(unknown)}")
    con = connect(threads)
    con.executemany(
        "INSERT INTO stages VALUES (?, ?, ?, ?)",
        [(s.rank, s.id, s.name.zh, s.name.en) for s in ladder.stages],
    )
    for name, table in tables.items():
        if name == "stages":
            continue
        columns = ", ".join(c.split()[0] for c in TABLES[name].split(", "))
        con.register("incoming", table)
        insert = f"INSERT INTO {name} BY NAME SELECT {columns} FROM incoming"  # noqa: S608
        con.execute(insert)
        con.unregister("incoming")
    return prepare(con, ladder)


def prepare(con: duckdb.DuckDBPyConnection, ladder: Ladder) -> Snapshot:
    """Give the history the parties' attributes, derive the spells, wrap the connection."""
    for name, columns in WITH_PARTY.items():
        con.execute(
            f"CREATE OR REPLACE TABLE {name} AS SELECT {columns}, {ATTRIBUTES} "  # noqa: S608
            f"FROM {name} t JOIN parties p ON p.party_id = t.party_id"
        )
    con.execute(spells_sql([stage.rank for stage in ladder.stages]))
    con.execute(CONTACTS)
    newest = con.execute("SELECT max(changed_on) FROM transitions").fetchone()
    return Snapshot(con, stage_names(ladder), newest[0] if newest else None)
