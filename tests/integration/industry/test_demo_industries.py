"""The demo bank aims at industries its enterprises are in, and every RM specialises in two
of them; the concentration and prospect lists have something to show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from bankladder.demo import build_demo_bank
from bankladder.industry import gbt4754, service
from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import Party, RelationshipManager
from bankladder.store.vocabulary import PartyKind

pytestmark = pytest.mark.integration


def test_the_demo_banks_targets_and_specialisations(tmp_path: Path) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'demo.db'}")
    with engine.begin() as connection:
        build_demo_bank(connection, parties=300, seed=7, as_of=dt.date(2026, 6, 30))
    with unit_of_work(engine) as session:
        targets = [t.industry.code for t in service.targets(session)]
        trades = set(
            session.scalars(select(Party.industry_code).where(Party.kind == PartyKind.ENTERPRISE))
        )
        rms = list(session.scalars(select(RelationshipManager.id)))
        specialised = {
            s.rm_id: [i.code for i in s.industries] for s in service.specialisations(session)
        }
        books = service.concentrations(session, None)
        prospects = service.prospects(session, None, "C")
    engine.dispose()
    assert targets[:2] == ["C13", "C34"]
    assert all(gbt4754.is_valid(code) and code in trades for code in targets)
    assert sorted(specialised) == sorted(rms)
    assert all(
        len(codes) == 2 and all(map(gbt4754.is_valid, codes)) for codes in specialised.values()
    )
    assert sum(b.concentration.classified for b in books) > 0
    assert prospects.total > 0
    assert prospects.prospects[0].targeted  # C13 and C34 come before the other divisions of C
