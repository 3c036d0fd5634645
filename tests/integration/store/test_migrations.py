"""The Alembic migrations build exactly the models' schema, both ways, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bankladder.errors import StoreUnavailable
from bankladder.store.database import alembic_config, connect, connect_for_upgrade, upgrade
from bankladder.store.models import Base

pytestmark = pytest.mark.integration


def _tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}


def _round_trip(url: str) -> None:
    engine = connect_for_upgrade(url)
    upgrade(engine)
    assert _tables(engine) == set(Base.metadata.tables)
    with engine.connect() as connection:
        drift = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert drift == [], f"the models differ from the migrations: {drift}"
    command.downgrade(alembic_config(url), "base")
    assert _tables(engine) == set()
    command.upgrade(alembic_config(url), "head")
    assert _tables(engine) == set(Base.metadata.tables)
    engine.dispose()


def test_sqlite_store_is_created_on_first_use_at_the_newest_schema(tmp_path: Path) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'sub' / 'new.db'}")
    assert _tables(engine) == set(Base.metadata.tables)


def test_migrations_round_trip_on_sqlite(tmp_path: Path) -> None:
    _round_trip(f"sqlite:///{tmp_path / 'rt.db'}")


@pytest.mark.postgres
def test_migrations_round_trip_on_postgresql(postgres_url: str) -> None:
    _round_trip(postgres_url)


@pytest.mark.postgres
def test_a_server_store_behind_the_newest_schema_is_refused_with_the_fix(postgres_url: str) -> None:
    with pytest.raises(StoreUnavailable, match="bankladder db upgrade"):
        connect(postgres_url)
