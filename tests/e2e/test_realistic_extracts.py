"""A whole small bank lands through ``bankladder import`` from files shaped like real extracts:
GBK CSV with CRLF, '|'-delimited exports, titled Excel sheets, and Parquet with our names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bankladder.imports.examples import example_mappings
from bankladder.imports.mapping import load_mapping
from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import (
    BalanceSnapshot,
    Base,
    Holding,
    Interaction,
    Need,
    Party,
    Product,
    Referral,
    Relationship,
    RelationshipManager,
)
from tests.e2e.conftest import Outcome
from tests.realistic_extracts import (
    EXPECTED_COUNTS,
    ZHANG_WEI_ID,
    parquet,
    small_bank,
    small_bank_in_parquet,
)

pytestmark = pytest.mark.e2e

Cli = Callable[..., Outcome]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "bank.db"
    connect(f"sqlite:///{path}").dispose()  # an empty store: no branch, RM or product yet
    return path


def _counts(db: Path) -> dict[str, int]:
    engine = connect(f"sqlite:///{db}")
    try:
        with unit_of_work(engine) as session:
            return {
                name: int(session.scalar(select(func.count()).select_from(table)) or 0)
                for name, table in Base.metadata.tables.items()
                if name in EXPECTED_COUNTS
            }
    finally:
        engine.dispose()


def _read(db: Path, check: Callable[[Session], None]) -> None:
    engine = connect(f"sqlite:///{db}")
    try:
        with unit_of_work(engine) as session:
            check(session)
    finally:
        engine.dispose()


def test_every_shipped_mapping_loads_and_names_its_table() -> None:
    mappings = example_mappings()
    assert {name.removeprefix("core_") for name in mappings} >= set(EXPECTED_COUNTS)
    for name, path in mappings.items():
        assert load_mapping(path).table == name.removeprefix("core_")


def test_a_small_bank_lands_from_its_real_extracts_in_dependency_order(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    mappings = example_mappings()
    for extract in small_bank(tmp_path):
        result = cli(
            f"import {extract.table} {extract.path} --mapping {mappings[extract.mapping]} --db {db}"
        )
        assert result.code == 0, f"{extract.table}: {result.err}"
        assert f"({EXPECTED_COUNTS[extract.table]} added" in result.out
    assert _counts(db) == EXPECTED_COUNTS
    _read(db, _the_stored_values_are_the_extracts)


def _the_stored_values_are_the_extracts(session: Session) -> None:
    zhang = session.get(Party, "100001")  # an Excel number, read as the customer number
    assert zhang is not None
    assert (zhang.kind, zhang.id_number, zhang.mobile) == ("person", ZHANG_WEI_ID, "13800138000")
    assert zhang.customer_since == dt.date(2025, 3, 1)  # an Excel date
    assert zhang.first_contact_on == dt.date(2025, 1, 10)  # text 20250110 in the same sheet
    trading = session.get(Party, "200002")
    assert trading is not None
    assert (trading.kind, trading.region, trading.customer_since) == ("enterprise", None, None)
    rms = session.scalars(select(RelationshipManager).order_by(RelationshipManager.id)).all()
    assert [(rm.id, rm.branch_id, rm.active) for rm in rms][-1] == ("RM03", "BR02", False)
    savings = session.get(Product, "DEP-SAV")
    assert savings is not None
    assert (savings.family, savings.target_segments) == ("deposit", ["mass", "affluent"])
    closed = session.scalars(select(Holding.closed_on).order_by(Holding.account_no)).all()
    assert closed == [None, None, None, dt.date(2026, 3, 31)]  # 00000000 and 99991231: open
    amounts = session.scalars(select(BalanceSnapshot.amount).order_by(BalanceSnapshot.amount))
    assert list(amounts) == [
        Decimal("0.00"),
        Decimal("8000.00"),
        Decimal("12000.50"),
        Decimal("1250000.00"),
    ]
    kinds = session.scalars(select(Interaction.kind).order_by(Interaction.occurred_at)).all()
    assert kinds == ["visit", "call", "complaint"]
    needs = session.execute(select(Need.kind, Need.nature, Need.status).order_by(Need.kind)).all()
    assert [tuple(n) for n in needs] == [
        ("loan", "latent", "identified"),
        ("wealth", "existing", "presented"),
    ]
    edges = session.scalars(select(Relationship.kind).order_by(Relationship.kind)).all()
    assert edges == ["employer_of", "supplier_of"]
    referrals = session.execute(
        select(Referral.status, Referral.referred_on, Referral.converted_on).order_by(
            Referral.referred_on
        )
    ).all()
    assert [tuple(r) for r in referrals] == [
        ("converted", dt.date(2025, 5, 1), dt.date(2025, 6, 15)),
        ("introduced", dt.date(2026, 6, 10), None),
    ]


def test_the_same_bank_lands_from_parquet_named_as_ours(cli: Cli, db: Path, tmp_path: Path) -> None:
    for table, path in small_bank_in_parquet(tmp_path):
        result = cli(f"import {table} {path} --db {db}")
        assert result.code == 0, f"{table}: {result.err}"
    assert _counts(db) == EXPECTED_COUNTS


def test_a_parquet_list_column_lands_as_the_list_it_holds(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    path = parquet(
        tmp_path / "product.parquet",
        {
            "code": pa.array(["DEP-SAV"]),
            "name_zh": pa.array(["活期储蓄"]),
            "name_en": pa.array(["Savings"]),
            "family": pa.array(["deposit"]),
            "target_segments": pa.array([["mass", "affluent"]], pa.list_(pa.string())),
        },
    )
    assert cli(f"import product {path} --db {db}").code == 0
    _read(db, _segments_are(["mass", "affluent"]))


def _segments_are(expected: list[str]) -> Callable[[Session], None]:
    def check(session: Session) -> None:
        assert session.scalars(select(Product.target_segments)).all() == [expected]

    return check


def test_a_parquet_timestamp_with_a_time_zone_lands_as_the_same_instant_in_local_time(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    for table, path in small_bank_in_parquet(tmp_path)[:4]:  # branch, rm, product, party
        assert cli(f"import {table} {path} --db {db}").code == 0
    stamp = dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)
    path = parquet(
        tmp_path / "interaction_utc.parquet",
        {
            "party_id": pa.array(["100001"]),
            "kind": pa.array(["call"]),
            "occurred_at": pa.array([stamp], pa.timestamp("us", tz="UTC")),
        },
    )
    result = cli(f"import interaction {path} --db {db}")
    assert result.code == 0, result.err
    local = stamp.astimezone().replace(tzinfo=None)
    _read(db, lambda s: _equal(s.scalars(select(Interaction.occurred_at)).all(), [local]))


def _equal(actual: object, expected: object) -> None:
    assert actual == expected
