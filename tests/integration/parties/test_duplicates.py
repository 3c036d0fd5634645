"""Blocking in the store finds exactly the pairs that comparing every pair would find."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, insert

from bankladder.parties.resolution import PartyRecord, decide
from bankladder.parties.service import find_duplicates
from bankladder.store.database import connect, session_factory
from bankladder.store.models import Party

pytestmark = pytest.mark.integration

parties = st.lists(
    st.builds(
        dict,
        kind=st.sampled_from(["person", "enterprise"]),
        name=st.sampled_from(["张三", "张 三", "李四", "星河贸易有限公司", "星河贸易有限责任公司"]),
        id_number=st.none() | st.sampled_from(["11010519491231002X", "440305199003071237"]),
        mobile=st.none() | st.sampled_from(["13800138000", "13900139000"]),
        region=st.none() | st.sampled_from(["北京市朝阳区", "上海市浦东新区"]),
    ),
    max_size=12,
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return connect(f"sqlite:///{tmp_path_factory.mktemp('dups') / Path('store.db')}")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=parties)
def test_blocking_finds_every_pair_a_rule_joins(engine: Engine, rows: list[dict[str, str]]) -> None:
    rows = [{"id": f"P{i:02d}", **row} for i, row in enumerate(rows)]
    records = [PartyRecord(**row) for row in rows]
    expected = {}
    for a, b in combinations(records, 2):
        match = decide(a, b)
        if match is not None:
            expected[(a.id, b.id)] = match.rule
    with session_factory(engine)() as session:  # rolled back: every example starts empty
        if rows:
            session.execute(insert(Party), rows)
        found = {(p.first_id, p.second_id): p.rule for p in find_duplicates(session)}
        session.rollback()
    assert found == expected
