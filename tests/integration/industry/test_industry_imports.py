"""The shipped mappings load the bank's target industries and its RMs' specialisations from
extracts with Chinese headers; a second import of the same file changes nothing; the service
then reads what was imported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from bankladder.imports.examples import example_mappings
from bankladder.imports.mapping import load_mapping
from bankladder.imports.service import import_file
from bankladder.industry import service
from bankladder.store.database import unit_of_work
from bankladder.store.models import RmSpecialisation
from tests.integration.industry.seed import seed_enterprises
from tests.workbench import small_bank

pytestmark = pytest.mark.integration


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Engine]:
    engine = small_bank(f"sqlite:///{tmp_path / 'store.db'}")
    seed_enterprises(engine)
    yield engine
    engine.dispose()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_targets_and_specialisations_are_imported_once(store: Engine, tmp_path: Path) -> None:
    targets = write(
        tmp_path / "targets.csv",
        "行业代码,优先级,起始日期,备注\nC13,1,20260101,食品园区\nF,2,20260301,\n",
    )
    mapping = load_mapping(example_mappings()["core_target_industry"])
    done = import_file(store, "target_industry", targets, mapping)
    assert (done.added, done.rejections) == (2, [])
    again = import_file(store, "target_industry", targets, mapping)
    assert again.already_imported
    with unit_of_work(store) as session:
        shown = service.targets(session)
    assert [(t.industry.code, t.priority, t.since, t.note) for t in shown] == [
        ("C13", 1, dt.date(2026, 1, 1), "食品园区"),
        ("F", 2, dt.date(2026, 3, 1), None),
    ]
    specialised = write(
        tmp_path / "rm.csv", "客户经理号,专长行业代码\nRM01,C13\nRM01,F\nRM02,G54\n"
    )
    mapping = load_mapping(example_mappings()["core_rm_specialisation"])
    assert import_file(store, "rm_specialisation", specialised, mapping).added == 3
    with unit_of_work(store) as session:
        rows = session.execute(
            select(RmSpecialisation.rm_id, RmSpecialisation.industry_code).order_by(
                RmSpecialisation.rm_id, RmSpecialisation.industry_code
            )
        ).tuples()
        assert list(rows) == [("RM01", "C13"), ("RM01", "F"), ("RM02", "G54")]
        books = {b.rm_id: b for b in service.concentrations(session, None)}
    assert books["RM01"].concentration.in_specialisations == 3  # C13, C13, F52
    assert books["RM01"].concentration.in_targets == 3
