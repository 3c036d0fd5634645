"""A small loan book on the bank of ``tests.workbench``, with its known answers.

Products: LOAN01 (working capital, SLA 2 working days, checklist: LICENCE and STATEMENTS
required, SITE optional), LOAN02 (SLA 5, no checklist), DEP01 (a deposit). Calendar: Monday
2026-06-22 a holiday, Sunday 2026-06-28 a make-up working day. Now: Tuesday 2026-06-30 12:00.

- LA-A (P-RM01-1, RM01, LOAN01, 1,000,000): received Fri 06-19 15:00, documents complete Tue
  06-23 00:00 (0.375 in received), credit review Tue 12:00 (0.5), approved Wed 06-24 12:00
  (1.0 in review), disbursed Thu 06-25 12:00 (1.0): turnaround 2.875; due Wed 06-24 15:00: missed.
- LA-B (P-RM01-2, RM01, LOAN01, 2,000,000): received Sun 06-28 18:00 (a working Sunday), still
  received: 0.25 + 1 + 0.5 = 1.75 used of 2, 0.25 left (< 25% of 2): near breach; due Tue 18:00.
- LA-C (P-RM02-1, RM02, LOAN02, 500,000): received Wed 06-24 00:00, documents complete and
  credit review Thu 06-25 00:00 (1.0 in received, 0 in documents); in review Thu, Fri, Sun, Mon
  and half of Tue = 4.5; 5.5 used of 5: breached (due Tue 06-30 00:00).
- LA-D (P-RM03-1, RM03, LOAN02, 300,000): received Mon 06-29 09:00, withdrawn 15:00 (0.25): met.

Per step: received 0.375 + 1.75 + 1.0 + 0.25 = 3.375 (median 0.6875), documents 0.5 (median
0.25), review 5.5 (median 2.75), approved 1.0; all 10.375: the bottleneck is credit review.
Per RM: RM01 2.875 and 1.75 (median 2.3125), RM02 5.5, RM03 0.25.
Quotas 2026: BR01 5,000,000; RM01 3,000,000; RM02 1,000,000. Used: RM01 1,000,000 (LA-A).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, insert, select, update

from bankladder.store.database import unit_of_work
from bankladder.store.models import (
    CreditQuota,
    LoanApplication,
    LoanDocument,
    LoanMove,
    Party,
    Product,
    UserAccount,
    WorkingCalendar,
)

NOW = dt.datetime(2026, 6, 30, 12, 0)
T = dt.datetime


def at(day: int, hour: int = 0) -> dt.datetime:
    return dt.datetime(2026, 6, day, hour)


def seed_loans(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        session.execute(update(Party).values(kind="enterprise"))
        session.execute(insert(Product), _products())
        session.execute(insert(LoanDocument), _checklist())
        session.execute(
            insert(WorkingCalendar),
            [
                {"day": dt.date(2026, 6, 22), "working": False, "note": "端午节"},
                {"day": dt.date(2026, 6, 28), "working": True, "note": "调休"},
            ],
        )
        wang = session.scalar(select(UserAccount.id).where(UserAccount.username == "wang"))
        for application, moves in _book():
            session.execute(insert(LoanApplication), [application])
            session.execute(
                insert(LoanMove),
                [
                    {
                        "application_id": application["id"],
                        "from_status": f,
                        "to_status": t,
                        "at": when,
                        "user_id": wang,
                    }
                    for f, t, when in moves
                ],
            )
        session.execute(
            insert(CreditQuota),
            [
                {"year": 2026, "branch_id": "BR01", "rm_id": None, "allocated": 5_000_000},
                {"year": 2026, "branch_id": "BR01", "rm_id": "RM01", "allocated": 3_000_000},
                {"year": 2026, "branch_id": "BR01", "rm_id": "RM02", "allocated": 1_000_000},
            ],
        )


def _products() -> list[dict[str, Any]]:
    return [
        {
            "code": "LOAN01",
            "name_zh": "流动资金贷款",
            "name_en": "Working capital loan",
            "family": "loan",
            "sla_working_days": 2,
        },
        {
            "code": "LOAN02",
            "name_zh": "固定资产贷款",
            "name_en": "Fixed asset loan",
            "family": "loan",
            "sla_working_days": 5,
        },
        {
            "code": "DEP01",
            "name_zh": "单位定期存款",
            "name_en": "Corporate time deposit",
            "family": "deposit",
        },
    ]


def _checklist() -> list[dict[str, Any]]:
    return [
        {
            "product_code": "LOAN01",
            "code": "LICENCE",
            "name_zh": "营业执照",
            "name_en": "Business licence",
            "position": 1,
            "required": True,
        },
        {
            "product_code": "LOAN01",
            "code": "STATEMENTS",
            "name_zh": "财务报表",
            "name_en": "Financial statements",
            "position": 2,
            "required": True,
        },
        {
            "product_code": "LOAN01",
            "code": "SITE",
            "name_zh": "实地调查照片",
            "name_en": "Site visit photos",
            "position": 3,
            "required": False,
        },
    ]


def _app(
    id_: str, party: str, rm: str, product: str, amount: int, received: T, status: str, status_at: T
) -> dict[str, Any]:
    return {
        "id": id_,
        "party_id": party,
        "product_code": product,
        "amount": amount,
        "rm_id": rm,
        "status": status,
        "received_at": received,
        "status_at": status_at,
    }


def _book() -> list[tuple[dict[str, Any], list[tuple[str | None, str, T]]]]:
    return [
        (
            _app(
                "LA-A", "P-RM01-1", "RM01", "LOAN01", 1_000_000, at(19, 15), "disbursed", at(25, 12)
            ),
            [
                (None, "received", at(19, 15)),
                ("received", "documents_complete", at(23)),
                ("documents_complete", "credit_review", at(23, 12)),
                ("credit_review", "approved", at(24, 12)),
                ("approved", "disbursed", at(25, 12)),
            ],
        ),
        (
            _app(
                "LA-B", "P-RM01-2", "RM01", "LOAN01", 2_000_000, at(28, 18), "received", at(28, 18)
            ),
            [(None, "received", at(28, 18))],
        ),
        (
            _app("LA-C", "P-RM02-1", "RM02", "LOAN02", 500_000, at(24), "credit_review", at(25)),
            [
                (None, "received", at(24)),
                ("received", "documents_complete", at(25)),
                ("documents_complete", "credit_review", at(25)),
            ],
        ),
        (
            _app("LA-D", "P-RM03-1", "RM03", "LOAN02", 300_000, at(29, 9), "withdrawn", at(29, 15)),
            [(None, "received", at(29, 9)), ("received", "withdrawn", at(29, 15))],
        ),
    ]
