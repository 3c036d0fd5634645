"""A demo bank built once per session, and its ladder read month by month."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from bankladder.demo import DemoSummary, build_demo_bank
from tests.integration.demo.ladder_rules import (
    AS_OF,
    PARTIES,
    SEED,
    LadderHistory,
    LadderReader,
    month_ends,
    new_store,
)


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, DemoSummary]]:
    engine = new_store(tmp_path_factory.mktemp("demo"))
    with engine.begin() as connection:
        summary = build_demo_bank(connection, parties=PARTIES, seed=SEED, as_of=AS_OF)
    yield engine, summary
    engine.dispose()


@pytest.fixture(scope="session")
def demo_store(demo_build: tuple[Engine, DemoSummary]) -> Engine:
    return demo_build[0]


@pytest.fixture(scope="session")
def demo_summary(demo_build: tuple[Engine, DemoSummary]) -> DemoSummary:
    return demo_build[1]


@pytest.fixture(scope="session")
def ladder(demo_store: Engine) -> LadderHistory:
    with demo_store.connect() as connection:
        reader = LadderReader(connection)
    ends = month_ends(AS_OF, 12)
    return LadderHistory(reader.rungs(AS_OF), {d: reader.rungs(d) for d in ends}, reader)
