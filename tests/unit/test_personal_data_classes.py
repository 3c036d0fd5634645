"""Every column of the store says how personal it is (JR/T 0171-2020), so masking can rely on it."""

from __future__ import annotations

import pytest

from bankladder.store.models import Base

pytestmark = pytest.mark.unit

CLASSES = {"none", "C1", "C2"}  # C3 (passwords, PINs, CVV, track data) is never stored


def test_every_column_is_tagged_with_its_personal_data_class() -> None:
    untagged = [
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if column.info.get("pi") not in CLASSES
    ]
    assert untagged == []


@pytest.mark.parametrize(
    "column",
    ["party.id_number", "party.mobile", "party.name", "holding.account_no", "balance.amount"],
)
def test_identifiers_names_accounts_and_balances_are_c2(column: str) -> None:
    table, name = column.split(".")
    assert Base.metadata.tables[table].columns[name].info["pi"] == "C2"
