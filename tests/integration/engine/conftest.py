"""The engine's backends, as a fixture: every engine test runs on each of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bankladder.engine import backends

BACKENDS = ("duckdb", "sqlite")


@pytest.fixture(params=BACKENDS)
def backend_of(request: pytest.FixtureRequest) -> Callable[[Path], Any]:
    """Turns a store file into an Ibis backend of the kind under test."""

    def open_backend(path: Path) -> Any:
        store = backends.sqlite(path)
        if request.param == "sqlite":
            return store
        batch = backends.duckdb(threads=2)
        backends.copy_sources(store, batch)
        return batch

    return open_backend
