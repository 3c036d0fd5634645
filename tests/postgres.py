"""PostgreSQL for the tests: a fresh database per test (or per session), dropped afterwards.

Registered as a pytest plugin in tests/conftest.py. The server is BANKLADDER_TEST_POSTGRES
(default: postgres with trust auth on 127.0.0.1:5432). Under CI=true an unreachable server
fails the test; elsewhere the test is skipped. Tests that use these fixtures carry the
``postgres`` marker.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

SERVER = os.environ.get(
    "BANKLADDER_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _create_database() -> tuple[sa.Engine, str, str]:
    """(admin engine, database name, URL of a new empty database), or skip/fail."""
    admin = sa.create_engine(SERVER, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    name = f"bankladder_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as c:
            c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as error:
        admin.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {SERVER} is unreachable under CI: {error}")
        pytest.skip(f"no PostgreSQL server at {SERVER}")
    url = sa.make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    return admin, name, url


def _drop_database(admin: sa.Engine, name: str) -> None:
    with admin.connect() as c:
        c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database for one test."""
    admin, name, url = _create_database()
    yield url
    _drop_database(admin, name)


@pytest.fixture(scope="session")
def postgres_session_url() -> Iterator[str]:
    """The URL of one empty PostgreSQL database shared by the session's engine tests, which
    replace the tables they load (``overwrite=True``) and never run in parallel."""
    admin, name, url = _create_database()
    yield url
    _drop_database(admin, name)
