"""Rows written through the store's multi-row insert land exactly as SQLAlchemy's own insert
would write them: every value, typed columns read back typed, Python-side defaults filled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from bankladder.store.bulk import insert_many
from bankladder.store.database import unit_of_work
from bankladder.store.models import Interaction, Product
from bankladder.store.vocabulary import InteractionKind
from tests.support import StoreBuilder

pytestmark = pytest.mark.integration


def test_many_statements_of_rows_land_whole_whatever_order_they_go_in(tmp_path: Path) -> None:
    builder = StoreBuilder()
    for party in ("P1", "P2", "P3"):
        builder.party(party)
    engine = builder.build(tmp_path / "store.db")
    start = dt.datetime(2025, 3, 1, 9, 30, 15, 250)
    rows = [
        {
            "party_id": f"P{3 - n % 3}",
            "rm_id": None if n % 7 == 0 else "RM01",
            "kind": list(InteractionKind)[n % 7],
            "occurred_at": start + dt.timedelta(minutes=n),
            "outcome": f"第{n}次",
        }
        for n in range(450)  # two full statements of 199 rows and a shorter one
    ]
    with unit_of_work(engine) as session:
        insert_many(session, Interaction.__table__, rows, ("party_id", "occurred_at", "kind"))
    with unit_of_work(engine) as session:
        query = select(
            Interaction.party_id,
            Interaction.rm_id,
            Interaction.kind,
            Interaction.occurred_at,
            Interaction.outcome,
        )
        landed = [dict(row._mapping) for row in session.execute(query)]
    by_time = sorted(landed, key=lambda row: row["occurred_at"])
    assert by_time == rows
    assert isinstance(by_time[0]["kind"], InteractionKind)


def test_a_python_side_default_the_rows_leave_out_is_filled(tmp_path: Path) -> None:
    engine = StoreBuilder().build(tmp_path / "store.db")
    product = {"code": "FX", "name_zh": "外汇", "name_en": "FX", "family": "fx"}
    with unit_of_work(engine) as session:
        insert_many(session, Product.__table__, [product])
    with unit_of_work(engine) as session:
        stored = session.execute(
            select(Product.target_segments, Product.target_industries).where(Product.code == "FX")
        ).one()
    assert tuple(stored) == ([], [])
