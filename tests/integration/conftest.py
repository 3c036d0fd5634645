"""Fixtures shared by the integration tests: one Spark session for the whole run."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bankladder.engine import backends

SMALL_DATA = {
    "spark.sql.shuffle.partitions": "1",
    "spark.default.parallelism": "1",
    "spark.sql.codegen.wholeStage": "false",
}
"""Test rows are few: one partition, and no code generation (compiling it costs more than the
rows take to run). Results are the same; only the time differs."""


@pytest.fixture(scope="session")
def spark_backend() -> Iterator[Any]:
    """Ibis on a local Spark session (two cores, Java 17, nothing downloaded), started once:
    each test registers its sources as temporary views, replacing the previous test's."""
    backend = backends.spark(backends.SPARK_LOCAL, SMALL_DATA)
    yield backend
    backend.disconnect()
