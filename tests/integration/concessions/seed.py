"""The small bank of ``tests.workbench`` with its staff and two products to talk prices on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Engine, insert

from bankladder.accounts.schemas import Account
from bankladder.concessions.schemas import NewConcession
from bankladder.store.database import unit_of_work
from bankladder.store.models import Product
from bankladder.store.vocabulary import UserRole
from tests.workbench import staff

NOW = dt.datetime(2026, 6, 30, 10, 0)
PARTY = "P-RM01-1"  # wang's book, zhao's branch
OTHER_BRANCH = "P-RM03-1"  # branch BR02: out of wang's and zhao's scope
WHY = "结算量大，近一年日均存款稳定增长"


def seed(engine: Engine) -> dict[UserRole, Account]:
    people = staff(engine)
    with unit_of_work(engine) as session:
        session.execute(
            insert(Product),
            [
                {"code": "LOAN01", "name_zh": "流动资金贷款", "name_en": "Working capital loan"}
                | {"family": "loan"},
                {"code": "DEP01", "name_zh": "单位定期存款", "name_en": "Corporate time deposit"}
                | {"family": "deposit"},
            ],
        )
    return people


def loan_rate(requested: str, standard: str = "4.35") -> NewConcession:
    return NewConcession("LOAN01", "loan_rate", Decimal(standard), Decimal(requested), WHY)
