"""The loan book of ``seed.py`` on a real SQLite file and on a real PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bankladder.accounts.schemas import Account
from bankladder.store.vocabulary import UserRole
from tests.integration.loans.seed import seed_loans
from tests.workbench import small_bank, staff

Bank = tuple[Engine, dict[UserRole, Account]]


def _bank(url: str) -> Bank:
    engine = small_bank(url)
    people = staff(engine)
    seed_loans(engine)
    return engine, people


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def bank(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Bank]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine, people = _bank(url)
    yield engine, people
    engine.dispose()
