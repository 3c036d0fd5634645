"""Hand-made stage histories for the analytics tests: a small ladder and a snapshot built from
rows written as tuples, in the column order of ``bankladder.analytics.snapshot.TABLES``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from bankladder.analytics.snapshot import TABLES, Snapshot, build
from bankladder.ladder.model import BankProfile, Ladder, Stage, Text

STAGE_IDS = ("know", "learn", "warm", "mine")


def ladder(rungs: int = 4) -> Ladder:
    """A ladder of ``rungs`` stages (know, learn, warm, mine) without criteria: the analytics
    read ranks, never rules."""
    stages = tuple(
        Stage(
            id=STAGE_IDS[i],
            rank=i + 1,
            name=Text(f"阶段{i + 1}", STAGE_IDS[i].title()),
            summary=Text("", ""),
            tactics=(),
            criteria=(),
        )
        for i in range(rungs)
    )
    return Ladder(
        id="test", version="1", name=Text("测试", "Test"), profile=BankProfile.young, stages=stages
    )


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def party(
    party_id: str,
    rm_id: str = "RM1",
    branch_id: str = "B1",
    *,
    kind: str = "person",
    segment: str | None = "mass",
    industry_code: str | None = None,
    customer_since: str | None = None,
    name: str | None = None,
) -> tuple[Any, ...]:
    """A ``parties`` row."""
    since = day(customer_since) if customer_since else None
    return (party_id, kind, name or party_id, rm_id, branch_id, segment, industry_code, since)


def moves(party_id: str, *steps: tuple[str, int]) -> list[tuple[Any, ...]]:
    """``transitions`` rows of one party: each step (day, new rank) from the rank before
    (0 first)."""
    rows, before = [], 0
    for when, rank in steps:
        rows.append((party_id, before, rank, day(when)))
        before = rank
    return rows


def snapshot(rungs: int = 4, **tables: Sequence[tuple[Any, ...]]) -> Snapshot:
    """A snapshot of the tables given as rows (e.g. ``parties=[party("P1")]``,
    ``transitions=moves("P1", ("2026-01-31", 1))``)."""
    arrow = {}
    for name, rows in tables.items():
        names = [c.split()[0] for c in TABLES[name].split(", ")]
        types = [c.split()[1] for c in TABLES[name].split(", ")]
        columns = {
            column: pa.array([row[i] for row in rows], type=_arrow_type(types[i]))
            for i, column in enumerate(names)
        }
        arrow[name] = pa.table(columns)
    return build(ladder(rungs), arrow, threads=1)


def _arrow_type(sql: str) -> pa.DataType:
    return {
        "VARCHAR": pa.string(),
        "INTEGER": pa.int32(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
    }[sql]
