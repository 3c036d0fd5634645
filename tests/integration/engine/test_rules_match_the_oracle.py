"""The compiled rules agree with the pure row-by-row evaluator, party by party.

Fact rows are drawn around every threshold of the default playbook (and NULL where a fact can
be unknown), loaded into each backend, placed by the compiled SQL and by the oracle.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from bankladder.engine import backends
from bankladder.engine.actions import propose_actions, rank_within_books
from bankladder.engine.catalogue import FACTS
from bankladder.engine.guards import REFRESH_KYC
from bankladder.engine.rules import met_column, place
from bankladder.ladder.facts import FactType
from bankladder.ladder.model import Ladder
from bankladder.ladder.placement import place as oracle_place

pytestmark = pytest.mark.integration

AS_OF = dt.date(2026, 6, 30)
NULLABLE = {"days_since_first_contact", "days_since_last_contact", "months_as_customer"}


def _value(rng: random.Random, name: str, kind: FactType) -> Any:
    if name in NULLABLE and rng.random() < 0.15:
        return None
    if kind is FactType.boolean:
        return rng.random() < 0.5
    if kind is FactType.decimal:
        return round(
            rng.choice([0.0, 49_999.99, 50_000.0, 50_000.01, 499_999.0, 5e6])
            * rng.choice([1, 1, -1]),
            2,
        )
    return rng.choice([0, 0, 1, 2, 3, 4, 6, 7, 200])


def _rows(seed: int, count: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        row = {f.name: _value(rng, f.name, f.type) for f in FACTS}
        row.update(
            party_id=f"P{i:05d}",
            rm_id=rng.choice(["RM01", "RM02", None]),
            party_kind=rng.choice(["person", "enterprise"]),
            segment="mass",
        )
        rows.append(row)
    return rows


def _schema() -> pa.Schema:
    types = {
        FactType.integer: pa.int64(),
        FactType.decimal: pa.float64(),
        FactType.boolean: pa.bool_(),
    }
    fields = [pa.field(n, pa.string()) for n in ("party_id", "rm_id", "party_kind", "segment")]
    return pa.schema(fields + [pa.field(f.name, types[f.type]) for f in FACTS])


BACKENDS = [
    "duckdb",
    "sqlite",
    pytest.param("postgres", marks=pytest.mark.postgres),
    pytest.param("spark", marks=pytest.mark.spark),
]


@pytest.fixture
def load_facts(request: pytest.FixtureRequest) -> Iterator[Callable[[str, list[Any]], Any]]:
    """Loads fact rows as table ``facts`` into a backend of the kind asked for."""
    opened: list[Any] = []

    def load(kind: str, rows: list[dict[str, Any]]) -> Any:
        if kind == "spark":  # the session's Spark: stays open for the next test
            spark = request.getfixturevalue("spark_backend")
            backends.register_arrow(spark, "facts", pa.Table.from_pylist(rows, schema=_schema()))
            return spark
        if kind == "postgres":
            con = backends.postgres(request.getfixturevalue("postgres_session_url"))
        elif kind == "duckdb":
            con = backends.duckdb(threads=2)
        else:
            con = backends.ibis_sqlite_memory()
        opened.append(con)
        con.create_table("facts", pa.Table.from_pylist(rows, schema=_schema()), overwrite=True)
        return con

    yield load
    for con in opened:
        con.disconnect()


def _oracle_facts(row: dict[str, Any]) -> dict[str, Any]:
    kinds = {f.name: f.type for f in FACTS}
    return {
        name: (Decimal(str(v)) if kinds[name] is FactType.decimal and v is not None else v)
        for name, v in row.items()
        if name in kinds
    }


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("profile", ["young", "established"])
def test_compiled_placement_and_gaps_match_the_pure_evaluator(
    backend: str,
    profile: str,
    young_ladder: Ladder,
    established_ladder: Ladder,
    load_facts: Callable[[str, list[Any]], Any],
) -> None:
    ladder = young_ladder if profile == "young" else established_ladder
    rows = _rows(seed=7, count=1500)
    con = load_facts(backend, rows)
    placed = place(con.table("facts"), ladder).cache()
    sql_rows = {r["party_id"]: r for r in placed.to_pyarrow().to_pylist()}
    sql_actions = {
        (a["party_id"], a["criterion_id"]): a
        for a in propose_actions(placed, ladder, AS_OF).to_pyarrow().to_pylist()
    }
    expected_actions, expected_guards = {}, {}
    for row in rows:
        oracle = oracle_place(ladder, _oracle_facts(row))
        got = sql_rows[row["party_id"]]
        assert got["stage_rank"] == oracle.rank, row
        for result in oracle.evidence:
            assert got[met_column(result.criterion)] == result.met, (result.criterion.id, row)
        for result in oracle.unmet:
            expected_actions[(row["party_id"], result.criterion.id)] = result
            held = ladder.guards.holding_back(result.criterion.action.purpose, row)
            expected_guards[(row["party_id"], result.criterion.id)] = held and held.value
        if row["is_customer"] and not row["kyc_valid"]:  # the compliance step, never held
            expected_guards[(row["party_id"], REFRESH_KYC)] = None
    assert set(sql_actions) == set(expected_guards)
    assert {key: a["blocked_by"] for key, a in sql_actions.items()} == expected_guards
    assert set(expected_guards.values()) == {None, "aml", "kyc", "contact_fatigue"}
    for key, result in expected_actions.items():
        gap = sql_actions[key]["gap"]
        assert (gap is None) == (result.gap is None), key
        if gap is not None:
            assert gap == pytest.approx(float(result.gap)), key


@pytest.mark.parametrize("backend", BACKENDS)
def test_actions_are_ranked_within_each_rm_book_by_priority(
    backend: str, young_ladder: Ladder, load_facts: Callable[[str, list[Any]], Any]
) -> None:
    con = load_facts(backend, _rows(seed=3, count=600))
    placed = place(con.table("facts"), young_ladder).cache()
    ordered = propose_actions(placed, young_ladder, AS_OF).to_pyarrow()
    actions = rank_within_books(ordered).to_pylist()
    books = [a["rm_id"] for a in actions]
    assert books == sorted(books, key=lambda rm: (rm is None, rm or ""))  # books whole, no RM last
    by_rm: dict[Any, list[dict[str, Any]]] = {}
    for action in actions:
        by_rm.setdefault(action["rm_id"], []).append(action)
    for book in by_rm.values():
        book.sort(key=lambda a: a["rank_in_book"])
        assert [a["rank_in_book"] for a in book] == list(range(1, len(book) + 1))
        keys = [(-a["priority"], a["party_id"], a["criterion_id"]) for a in book]
        assert keys == sorted(keys)
