"""The demo bank's loan pipeline: SLAs and document checklists for its loan products, the
2026 holidays and make-up working days (China's schedule as this demo assumes it; a bank
imports its own calendar), a few hundred applications of enterprise customers received over
the three months before the demo's date, each moved through its steps with times drawn per RM
(some RMs are quick, some slow; credit review is the usual bottleneck) so that some breach
their SLA, some are still open, a few are declined or withdrawn; and each branch's and RM's
credit quota for the year.

``with_loans_after`` is the loader's hook: it passes the last step's rows through, then writes
the pipeline, when the parties and RMs it reads are in the store. Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, insert, select, update

from bankladder.loans.calendar import WorkingCalendar
from bankladder.store.models import (
    CreditQuota,
    LoanApplication,
    LoanDocument,
    LoanMove,
    Party,
    Product,
    RelationshipManager,
)
from bankladder.store.models import WorkingCalendar as CalendarRow
from bankladder.store.vocabulary import LoanStatus as S
from bankladder.store.vocabulary import PartyKind

Row = dict[str, Any]
SLA = {"LN-BIZ": 2, "LN-SUPPLY": 5, "LN-BILL": 3, "LN-CONSUMER": 3, "LN-MORTGAGE": 10}
ENTERPRISE_LOANS = ("LN-BIZ", "LN-BIZ", "LN-BIZ", "LN-SUPPLY", "LN-BILL")  # drawn in this mix
COMMON = (
    ("LICENCE", "营业执照", "Business licence", True),
    ("STATEMENTS", "近两年财务报表", "Financial statements of two years", True),
    ("BANK_FLOW", "近六个月银行流水", "Bank statements of six months", True),
)
CHECKLISTS: dict[str, tuple[tuple[str, str, str, bool], ...]] = {
    "LN-BIZ": (*COMMON, ("SITE", "实地调查照片", "Site visit photos", False)),
    "LN-SUPPLY": (*COMMON, ("CONTRACTS", "购销合同", "Sales and purchase contracts", True)),
    "LN-BILL": (*COMMON, ("INVOICES", "增值税发票", "VAT invoices", True)),
}
OFF_2026 = (
    "2026-01-01",
    "2026-01-02",
    "2026-02-16",
    "2026-02-17",
    "2026-02-18",
    "2026-02-19",
    "2026-02-20",
    "2026-02-23",
    "2026-04-06",
    "2026-05-01",
    "2026-05-04",
    "2026-05-05",
    "2026-06-19",
    "2026-09-25",
    "2026-10-01",
    "2026-10-02",
    "2026-10-05",
    "2026-10-06",
    "2026-10-07",
)
WORKED_2026 = ("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10")
HISTORY_DAYS = 91
STEP_MEANS = {S.RECEIVED: 0.4, S.DOCUMENTS_COMPLETE: 0.2, S.CREDIT_REVIEW: 0.8, S.APPROVED: 0.25}
"""Mean working days an application waits in each step, for an RM of average speed."""
CREDIT_DEPARTMENT = "信审部"


def calendar_rows() -> list[Row]:
    off = [
        {"day": dt.date.fromisoformat(d), "working": False, "note": "法定节假日"} for d in OFF_2026
    ]
    worked = [
        {"day": dt.date.fromisoformat(d), "working": True, "note": "调休上班"} for d in WORKED_2026
    ]
    return sorted(off + worked, key=lambda r: r["day"])


def checklist_rows() -> list[Row]:
    return [
        {
            "product_code": product,
            "code": code,
            "name_zh": zh,
            "name_en": en,
            "position": position,
            "required": required,
        }
        for product, sheet in CHECKLISTS.items()
        for position, (code, zh, en, required) in enumerate(sheet, start=1)
    ]


def with_loans_after(
    rows: Iterable[list[Row]], connection: Connection, as_of: dt.date, rng: random.Random
) -> Iterator[list[Row]]:
    """``rows`` as they come; then the demo's loan pipeline, written through ``connection``."""
    yield from rows
    load_pipeline(connection, as_of, rng)


def load_pipeline(connection: Connection, as_of: dt.date, rng: random.Random) -> int:
    """Write the pipeline of the bank in the store; the number of applications."""
    for code, days in SLA.items():
        connection.execute(
            update(Product).where(Product.code == code).values(sla_working_days=days)
        )
    connection.execute(insert(CalendarRow), calendar_rows())
    connection.execute(insert(LoanDocument), checklist_rows())
    parties = _enterprise_customers(connection)
    if not parties:
        return 0
    calendar = WorkingCalendar({r["day"]: r["working"] for r in calendar_rows()})
    applications, moves = _draw(parties, as_of, calendar, rng)
    connection.execute(insert(LoanApplication), applications)
    connection.execute(insert(LoanMove), moves)
    connection.execute(insert(CreditQuota), _quotas(connection, applications, as_of.year))
    return len(applications)


def _enterprise_customers(connection: Connection) -> list[tuple[str, str]]:
    query = (
        select(Party.id, Party.rm_id)
        .where(
            Party.kind == PartyKind.ENTERPRISE,
            Party.customer_since.is_not(None),
            Party.rm_id.is_not(None),
        )
        .order_by(Party.id)
    )
    return [(party, rm) for party, rm in connection.execute(query)]


def _draw(
    parties: list[tuple[str, str]], as_of: dt.date, calendar: WorkingCalendar, rng: random.Random
) -> tuple[list[Row], list[Row]]:
    count = min(300, 2 * len(parties))
    speed: dict[str, float] = {}
    now = dt.datetime.combine(as_of, dt.time())
    applications: list[Row] = []
    moves: list[Row] = []
    per_day: dict[dt.date, int] = defaultdict(int)
    for _ in range(count):
        party, rm = rng.choice(parties)
        pace = speed.setdefault(rm, rng.lognormvariate(0, 0.45))
        received = _received_at(as_of, calendar, rng)
        per_day[received.date()] += 1
        application_id = f"LA{received:%Y%m%d}{per_day[received.date()]:04d}"
        path = _path(received, now, pace, calendar, rng)
        status, status_at = path[-1]
        applications.append(
            {
                "id": application_id,
                "party_id": party,
                "product_code": rng.choice(ENTERPRISE_LOANS),
                "amount": _amount(rng),
                "rm_id": rm,
                "status": status,
                "received_at": received,
                "status_at": status_at,
            }
        )
        moves += _moves(application_id, path, rm)
    return applications, moves


def _received_at(as_of: dt.date, calendar: WorkingCalendar, rng: random.Random) -> dt.datetime:
    while True:
        day = as_of - dt.timedelta(days=rng.randint(1, HISTORY_DAYS))
        if calendar.is_working(day):
            minutes = rng.randint(9 * 60, 17 * 60)
            return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60))


def _path(
    received: dt.datetime,
    now: dt.datetime,
    pace: float,
    calendar: WorkingCalendar,
    rng: random.Random,
) -> list[tuple[S, dt.datetime]]:
    """The statuses the application reached by ``now``, each with the time it got there."""
    path = [(S.RECEIVED, received)]
    ending = rng.random()
    for step, following in zip(
        (S.RECEIVED, S.DOCUMENTS_COMPLETE, S.CREDIT_REVIEW, S.APPROVED),
        (S.DOCUMENTS_COMPLETE, S.CREDIT_REVIEW, S.APPROVED, S.DISBURSED),
        strict=True,
    ):
        if step is S.CREDIT_REVIEW and ending < 0.1:
            following = S.DECLINED
        elif step is S.RECEIVED and ending > 0.95:
            following = S.WITHDRAWN
        waited = rng.expovariate(1 / (STEP_MEANS[step] * (1 if step is S.CREDIT_REVIEW else pace)))
        at = calendar.deadline(path[-1][1], round(waited, 3))
        if at > now:
            break
        path.append((following, at))
        if following in (S.DECLINED, S.WITHDRAWN):
            break
    return path


def _moves(application_id: str, path: list[tuple[S, dt.datetime]], rm: str) -> list[Row]:
    rows = []
    for n, (status, at) in enumerate(path):
        actor = CREDIT_DEPARTMENT if status in (S.APPROVED, S.DECLINED) else rm
        before = path[n - 1][0] if n else None
        rows.append(
            {
                "application_id": application_id,
                "from_status": before,
                "to_status": status,
                "at": at,
                "actor": actor,
            }
        )
    return rows


def _amount(rng: random.Random) -> Decimal:
    return Decimal(round(rng.lognormvariate(13.8, 0.7), -4))  # about 1 million, to 10,000


def _quotas(connection: Connection, applications: list[Row], year: int) -> list[Row]:
    """Each RM with applications gets twice what was asked of them in the three months,
    rounded to a million; each branch 10% more than its RMs together."""
    branch_of = dict(
        connection.execute(select(RelationshipManager.id, RelationshipManager.branch_id))
        .tuples()
        .all()
    )
    asked: dict[str, Decimal] = defaultdict(Decimal)
    for application in applications:
        asked[application["rm_id"]] += application["amount"]
    rms = {rm: Decimal(round(float(total) * 2, -6)) for rm, total in asked.items()}
    branches: dict[str, Decimal] = defaultdict(Decimal)
    for rm, allocated in rms.items():
        branches[branch_of[rm]] += allocated
    rows = [
        {"year": year, "branch_id": b, "rm_id": None, "allocated": a * Decimal("1.1")}
        for b, a in sorted(branches.items())
    ]
    return rows + [
        {"year": year, "branch_id": branch_of[rm], "rm_id": rm, "allocated": a}
        for rm, a in sorted(rms.items())
    ]
