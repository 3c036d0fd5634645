"""The analytics read the store through the caller's scope, on SQLite and PostgreSQL alike:
a manager's funnel counts only the branch's parties, the command line's every party, and an
export leaves an audit event naming the view, never a value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select

from bankladder.access.principal import Principal
from bankladder.analytics import service
from bankladder.config import Settings
from bankladder.errors import InvalidInput
from bankladder.evaluation.ladders import bank_ladder
from bankladder.ladder.model import Ladder
from bankladder.store.database import unit_of_work
from bankladder.store.models import AuditEvent, Transition
from bankladder.store.vocabulary import UserRole
from tests.workbench import ACCOUNT_EVENTS, small_bank, staff

pytestmark = pytest.mark.integration

# Four parties (tests.workbench): P-RM01-1, P-RM01-2, P-RM02-1 in branch BR01, P-RM03-1 in BR02.
MOVES = [
    # party, from, to, day
    ("P-RM01-1", None, "acquaintance", "2026-01-31"),
    ("P-RM01-1", "acquaintance", "discovery", "2026-03-31"),
    ("P-RM01-2", None, "acquaintance", "2026-02-28"),
    ("P-RM03-1", None, "acquaintance", "2026-01-31"),
    ("P-RM03-1", "acquaintance", "discovery", "2026-02-28"),
    ("P-RM03-1", "discovery", "goodwill", "2026-04-30"),
    ("P-RM01-2", "acquaintance", "retired_rung", "2026-04-30"),  # an older playbook's stage
]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = small_bank(url)
    with unit_of_work(engine) as session:
        session.execute(
            insert(Transition),
            [
                {
                    "party_id": party,
                    "from_stage": before,
                    "to_stage": after,
                    "direction": "entered" if before is None else "advanced",
                    "changed_on": dt.date.fromisoformat(day),
                }
                for party, before, after, day in MOVES
            ],
        )
    yield engine
    engine.dispose()


def _ladder(store: Engine) -> Ladder:
    with unit_of_work(store) as session:
        return bank_ladder(session, Settings())


def funnel(store: Engine, principal: Principal | None, **asked: str) -> dict[int, int]:
    with unit_of_work(store) as session:
        chosen = service.filters(session, dt.date(2026, 11, 30), **asked)  # type: ignore[arg-type]
        table = service.report(session, principal, _ladder(store), "funnel", chosen)
    return {row["stage"]: row["parties"] for row in table.rows}


MANAGER = Principal(1, UserRole.MANAGER, branch_id="BR01")
AUDITOR = Principal(2, UserRole.AUDITOR)


def test_the_command_line_counts_every_party_and_a_manager_only_the_branch(
    store: Engine,
) -> None:
    # At 2026-04-30: P-RM01-1 on rung 2; P-RM03-1 on rung 3; P-RM01-2's newest move names a
    # stage the ladder no longer has, so it is left out and the party stands where it was
    # (rung 1); P-RM02-1 never placed (0).
    assert funnel(store, None) == {0: 1, 1: 1, 2: 1, 3: 1, 4: 0, 5: 0, 6: 0}
    assert funnel(store, AUDITOR) == funnel(store, None)
    # BR01 only: P-RM01-1 (2), P-RM01-2 (1), P-RM02-1 (0); BR02's P-RM03-1 is out of scope.
    assert funnel(store, MANAGER) == {0: 1, 1: 1, 2: 1, 3: 0, 4: 0, 5: 0, 6: 0}
    # A manager asking for another branch's RM sees nobody, not that RM's book.
    assert sum(funnel(store, MANAGER, rm="RM03").values()) == 0


def test_the_period_ends_at_the_newest_stage_change_and_filters_narrow(store: Engine) -> None:
    with unit_of_work(store) as session:
        chosen = service.filters(session, dt.date(2026, 11, 30))
    # the newest transition is 2026-04-30; twelve calendar months up to it would start on
    # 2025-05-01, but the oldest is 2026-01-31: the period starts with its month
    assert (chosen.start, chosen.end) == (dt.date(2026, 1, 1), dt.date(2026, 4, 30))
    with unit_of_work(store) as session:
        ended = service.filters(session, dt.date(2026, 11, 30), end=dt.date(2026, 2, 15))
    assert (ended.start, ended.end) == (dt.date(2026, 1, 1), dt.date(2026, 2, 15))
    # as of 2026-02-28 P-RM01-1 was still on rung 1, P-RM01-2 had just entered
    assert funnel(store, None, end=dt.date(2026, 2, 28), rm="RM01") == {  # type: ignore[arg-type]
        0: 0,
        1: 2,
        2: 0,
        3: 0,
        4: 0,
        5: 0,
        6: 0,
    }


def test_a_reversed_or_endless_period_is_refused_in_words(store: Engine) -> None:
    with unit_of_work(store) as session, pytest.raises(InvalidInput, match="after it ends"):
        service.filters(
            session, dt.date(2026, 11, 30), start=dt.date(2026, 5, 1), end=dt.date(2026, 4, 1)
        )
    with unit_of_work(store) as session, pytest.raises(InvalidInput, match="five years"):
        service.filters(session, dt.date(2026, 11, 30), start=dt.date(2016, 5, 1))
    # a typo in the industry would show an empty dashboard; it is refused with a near code
    with unit_of_work(store) as session, pytest.raises(InvalidInput, match="did you mean C13"):
        service.filters(session, dt.date(2026, 11, 30), industry="F13")
    with unit_of_work(store) as session:
        assert service.filters(session, dt.date(2026, 11, 30), industry="c13").industry == "C13"


def test_an_export_is_audited_with_the_view_and_filters_never_a_value(store: Engine) -> None:
    manager = staff(store)[UserRole.MANAGER].principal  # zhao, manager of BR01
    with unit_of_work(store) as session:
        chosen = service.filters(session, dt.date(2026, 11, 30), branch="BR01")
        table = service.report(session, manager, bank_ladder(session, Settings()), "funnel", chosen)
        service.record_export(session, manager, table, "xlsx", dt.datetime(2026, 11, 30, 9))
    with unit_of_work(store) as session:
        events = session.execute(
            select(
                AuditEvent.event, AuditEvent.object_id, AuditEvent.user_id, AuditEvent.detail
            ).where(AuditEvent.event.not_in(ACCOUNT_EVENTS))
        ).all()
    assert len(events) == 1
    event, view, user, detail = events[0]
    assert (event, view, user) == ("analytics.export", "funnel", manager.user_id)
    assert detail == {
        "format": "xlsx",
        "rows": 7,
        "start": "2026-01-01",
        "end": "2026-04-30",
        "branch": "BR01",
    }


def test_the_default_period_is_twelve_months_unless_the_history_is_younger() -> None:
    today = dt.date(2026, 11, 30)
    # a long history: the twelve calendar months up to the newest change
    assert service.default_period(dt.date(2023, 3, 31), dt.date(2026, 10, 31), today) == (
        dt.date(2025, 11, 1),
        dt.date(2026, 10, 31),
    )
    # a young one: from the month of its first change
    assert service.default_period(dt.date(2026, 5, 31), dt.date(2026, 10, 31), today) == (
        dt.date(2026, 5, 1),
        dt.date(2026, 10, 31),
    )
    # no history at all: the twelve months up to today
    assert service.default_period(None, None, today) == (dt.date(2025, 12, 1), today)
