"""The shipped mappings load a credit system's extracts (Chinese headers): the working-day
calendar, a product's checklist, applications and their moves; the same file again changes
nothing; turnaround, SLA and the checklist then read what was imported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert

from bankladder.access.principal import Principal
from bankladder.config import Settings
from bankladder.imports.examples import example_mappings
from bankladder.imports.mapping import load_mapping
from bankladder.imports.service import import_file
from bankladder.loans import views
from bankladder.store.database import unit_of_work
from bankladder.store.models import Product
from bankladder.store.vocabulary import UserRole
from tests.workbench import small_bank

pytestmark = pytest.mark.integration
NOW = dt.datetime(2026, 6, 30, 12, 0)

CALENDAR = "日期,是否工作日,说明\n2026-06-22,否,端午节\n2026-06-28,是,调休\n"
CHECKLIST = (
    "产品代码,资料代码,资料名称,英文名称,序号,是否必备\n"
    "LOAN01,LICENCE,营业执照,Business licence,1,是\n"
    "LOAN01,SITE,实地调查照片,Site visit photos,2,否\n"
)
APPLICATIONS = (
    "申请编号,客户号,产品代码,申请金额,客户经理号,申请状态,受理时间,状态时间\n"
    "CR001,P-RM01-1,LOAN01,1000000,RM01,已放款,2026-06-19 15:00,2026-06-25 12:00\n"
    "CR002,P-RM02-1,LOAN01,500000,RM02,审查中,2026-06-24 00:00,2026-06-25 00:00\n"
)
MOVES = (
    "申请编号,原状态,新状态,变更时间,经办人,备注\n"
    "CR001,,已受理,2026-06-19 15:00,张三,\n"
    "CR001,已受理,资料齐全,2026-06-23 00:00,张三,\n"
    "CR001,资料齐全,授信审查,2026-06-23 12:00,张三,\n"
    "CR001,授信审查,审批通过,2026-06-24 12:00,李四,\n"
    "CR001,审批通过,已放款,2026-06-25 12:00,张三,\n"
    "CR002,,已受理,2026-06-24 00:00,王五,\n"
    "CR002,已受理,资料齐全,2026-06-25 00:00,王五,\n"
    "CR002,资料齐全,授信审查,2026-06-25 00:00,王五,\n"
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Engine]:
    engine = small_bank(f"sqlite:///{tmp_path / 'store.db'}")
    with unit_of_work(engine) as session:
        loan = {"code": "LOAN01", "name_zh": "流动资金贷款", "name_en": "Working capital loan"}
        session.execute(insert(Product), [{**loan, "family": "loan", "sla_working_days": 2}])
    yield engine
    engine.dispose()


def _import(store: Engine, tmp_path: Path, table: str, mapping: str, text: str) -> int:
    path = tmp_path / f"{table}.csv"
    path.write_text(text, encoding="utf-8")
    done = import_file(store, table, path, load_mapping(example_mappings()[mapping]))
    assert done.rejections == []
    assert import_file(
        store, table, path, load_mapping(example_mappings()[mapping])
    ).already_imported
    return done.added


def test_an_extract_of_applications_and_moves_lands_and_turnaround_reads_it(
    store: Engine, tmp_path: Path
) -> None:
    assert _import(store, tmp_path, "working_calendar", "core_working_calendar", CALENDAR) == 2
    assert _import(store, tmp_path, "loan_document", "core_loan_document", CHECKLIST) == 2
    assert _import(store, tmp_path, "loan_application", "core_loan_application", APPLICATIONS) == 2
    assert _import(store, tmp_path, "loan_move", "core_loan_move", MOVES) == 8
    settings = Settings()
    with unit_of_work(store) as session:
        board = views.dashboard(session, settings, None, NOW)
        listed = views.pipeline(session, settings, None, NOW)
        detail = views.detail(session, settings, _auditor(), "CR001", NOW)
    # CR001: 0.375 received (Mon 06-22 a holiday), 0.5 documents, 1.0 review, 1.0 approved
    # CR002: 1.0 received, 0 documents, review Thu, Fri, Sun 06-28 (worked), Mon, half Tue: 4.5
    steps = {s.step: s.total_days for s in board.per_step}
    assert steps == {
        "received": 1.38,
        "documents_complete": 0.5,
        "credit_review": 5.5,
        "approved": 1.0,
    }
    assert {r.rm_id: r.median_days for r in board.per_rm} == {"RM01": 2.88, "RM02": 5.5}
    states = {a.id: a.sla.state for a in listed.applications if a.sla}
    assert states == {"CR001": "missed", "CR002": "breached"}
    assert [m.by for m in detail.moves] == ["张三", "张三", "张三", "李四", "张三"]
    assert [d.code for d in detail.documents] == ["LICENCE", "SITE", "SUPPLEMENT"]


def _auditor() -> Principal:
    return Principal(0, UserRole.AUDITOR)
