"""The industry configuration through the service on a real SQLite store, under random codes
(valid or not), additions, removals and specialisations: the store holds exactly what a model
of the rules says, a refused change writes nothing, and each accepted change is one audit
event."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from sqlalchemy import Engine, func, select

from bankladder.errors import NotFound
from bankladder.industry import gbt4754, service
from bankladder.industry.schemas import IndustryRefused
from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import AuditEvent, RmSpecialisation, TargetIndustry
from tests.workbench import small_bank

pytestmark = pytest.mark.integration
NOW = dt.datetime(2026, 6, 30, 10, 0)
CODES = st.sampled_from(["C", "C13", "c34", "F51", "G54", "F13", "13", "X", "", "C999"])


@cache
def template() -> Path:
    """A migrated small bank, made once; each example works on a copy."""
    path = Path(tempfile.mkdtemp(prefix="industry-machine-")) / "store.db"
    small_bank(f"sqlite:///{path}").dispose()
    return path


class IndustryConfiguration(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="industry-example-"))
        shutil.copy(template(), self.dir / "store.db")
        self.engine: Engine = connect(f"sqlite:///{self.dir / 'store.db'}")
        self.targets: dict[str, int] = {}
        self.specialised: dict[str, list[str]] = {}
        self.changes = 0

    def teardown(self) -> None:
        self.engine.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)

    @rule(code=CODES, priority=st.integers(0, 10))
    def aim(self, code: str, priority: int) -> None:
        valid = gbt4754.is_valid(code) and 1 <= priority <= 9
        try:
            with unit_of_work(self.engine) as session:
                service.add_target(session, None, code, NOW, priority=priority)
        except IndustryRefused:
            assert not valid
            return
        assert valid
        self.targets[gbt4754.normal(code)] = priority
        self.changes += 1

    @rule(code=CODES)
    def stop_aiming(self, code: str) -> None:
        try:
            with unit_of_work(self.engine) as session:
                service.remove_target(session, None, code, NOW)
        except IndustryRefused:
            assert not gbt4754.is_valid(code)
            return
        except NotFound:
            assert gbt4754.normal(code) not in self.targets
            return
        del self.targets[gbt4754.normal(code)]
        self.changes += 1

    @rule(rm=st.sampled_from(["RM01", "RM02"]), codes=st.lists(CODES, max_size=3))
    def specialise(self, rm: str, codes: list[str]) -> None:
        given = [c for c in codes if c.strip()]
        try:
            with unit_of_work(self.engine) as session:
                service.specialise(session, None, rm, codes, NOW)
        except IndustryRefused:
            assert not all(gbt4754.is_valid(c) for c in given)
            return
        assert all(gbt4754.is_valid(c) for c in given)
        self.specialised[rm] = list(dict.fromkeys(gbt4754.normal(c) for c in given))
        self.changes += 1

    @invariant()
    def the_store_holds_what_the_rules_allow(self) -> None:
        with unit_of_work(self.engine) as session:
            targets = dict(
                session.execute(select(TargetIndustry.code, TargetIndustry.priority)).tuples().all()
            )
            rows = session.execute(
                select(RmSpecialisation.rm_id, RmSpecialisation.industry_code)
            ).tuples()
            events = session.scalar(select(func.count()).select_from(AuditEvent))
        assert targets == self.targets
        stored: dict[str, set[str]] = {}
        for rm, code in rows:
            stored.setdefault(rm, set()).add(code)
        assert stored == {rm: set(codes) for rm, codes in self.specialised.items() if codes}
        assert events == self.changes


IndustryConfiguration.TestCase.settings = settings(
    max_examples=10,
    stateful_step_count=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_industry_configuration_on_a_store = IndustryConfiguration.TestCase
