"""The engine's backends, as a fixture: every engine test runs on each of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bankladder.engine import backends

BACKENDS = (
    "duckdb",
    "sqlite",
    pytest.param("postgres", marks=pytest.mark.postgres),
    pytest.param("spark", marks=pytest.mark.spark),
)


@pytest.fixture(params=BACKENDS)
def backend_of(request: pytest.FixtureRequest) -> Iterator[Callable[[Path], Any]]:
    """Turns a store file into an Ibis backend of the kind under test. PostgreSQL gets a copy
    of the store's source tables in a database shared by the session (tables replaced)."""

    opened: list[Any] = []

    def open_backend(path: Path) -> Any:
        store = backends.sqlite(path)
        if request.param == "sqlite":
            return store
        if request.param == "postgres":
            target = backends.postgres(request.getfixturevalue("postgres_session_url"))
            opened.append(target)
        elif request.param == "spark":  # the session's own: stays open for the next test
            target = request.getfixturevalue("spark_backend")
        else:
            target = backends.duckdb(threads=2)
        backends.copy_sources(store, target)
        return target

    yield open_backend
    for backend in opened:
        backend.disconnect()
