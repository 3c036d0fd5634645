"""The demo bank's loan pipeline: applications of enterprise customers over three months,
every move along the workflow's legal steps, some breaches, a bottleneck, the quotas."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import select

from bankladder.config import Settings
from bankladder.demo import build_demo_bank
from bankladder.loans import allocation, views
from bankladder.loans.workflow import is_legal
from bankladder.store.database import unit_of_work
from bankladder.store.models import LoanApplication, LoanMove, Party
from bankladder.store.vocabulary import LoanStatus, PartyKind
from tests.integration.demo.ladder_rules import AS_OF, new_store

pytestmark = pytest.mark.integration


def test_the_demo_pipeline_moves_legally_and_breaches_sometimes(tmp_path: Path) -> None:
    engine = new_store(tmp_path)
    with engine.begin() as connection:
        build_demo_bank(connection, parties=300, seed=5, as_of=AS_OF)
    now = dt.datetime.combine(AS_OF, dt.time())
    with unit_of_work(engine) as session:
        loans = session.scalars(select(LoanApplication)).all()
        kinds = set(session.scalars(select(Party.kind).join(LoanApplication)))
        paths: dict[str, list[LoanMove]] = defaultdict(list)
        for move in session.scalars(select(LoanMove).order_by(LoanMove.at, LoanMove.id)):
            paths[move.application_id].append(move)
        board = views.dashboard(session, Settings(), None, now, AS_OF.year)
        pipeline = views.pipeline(session, Settings(), None, now)
        quotas = allocation.quotas(session, None, AS_OF.year)
    engine.dispose()
    assert len(loans) >= 20
    assert kinds == {PartyKind.ENTERPRISE}
    earliest = AS_OF - dt.timedelta(days=92)
    assert all(earliest <= loan.received_at.date() < AS_OF for loan in loans)
    for loan in loans:
        statuses = [m.to_status for m in paths[loan.id]]
        assert statuses[0] is LoanStatus.RECEIVED
        assert statuses[-1] is loan.status
        assert all(is_legal(a, b) for a, b in itertools.pairwise(statuses))
    states = {a.sla.state for a in pipeline.applications if a.sla}
    assert {"met", "missed"} <= states
    assert board.bottleneck is not None
    assert [q for q in quotas if q.rm_id is None and q.allocated > 0]
