"""A small bank for the workbench tests: two branches, three RMs, their parties, and users.

branch BR01: RM01 (parties P-RM01-1, P-RM01-2), RM02 (P-RM02-1)
branch BR02: RM03 (P-RM03-1)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Engine, insert

from bankladder.accounts.schemas import Account, NewUser
from bankladder.accounts.service import create_user
from bankladder.store.database import connect_for_upgrade, unit_of_work, upgrade
from bankladder.store.models import Bank, Branch, Party, RelationshipManager
from bankladder.store.vocabulary import UserLocale, UserRole

PASSWORD = "correct horse battery staple"
ACCOUNT_EVENTS = ("user.create", "api_token.issue", "api_token.revoke")
"""Audit events of setting up staff accounts: tests of a feature's own events leave them out."""
RMS = {"RM01": "BR01", "RM02": "BR01", "RM03": "BR02"}
PARTIES = {"P-RM01-1": "RM01", "P-RM01-2": "RM01", "P-RM02-1": "RM02", "P-RM03-1": "RM03"}
START = dt.datetime(2026, 6, 30, 9, 0)


@dataclass
class Clock:
    """The time the code under test sees; tests move it instead of sleeping."""

    now: dt.datetime = field(default=START)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def small_bank(url: str) -> Engine:
    """A migrated store at ``url`` holding the bank above."""
    engine = connect_for_upgrade(url)
    upgrade(engine)
    with unit_of_work(engine) as session:
        session.execute(insert(Bank), [{"name": "测试银行", "profile": "young"}])
        session.execute(insert(Branch), [{"id": b, "name": b} for b in ("BR01", "BR02")])
        session.execute(
            insert(RelationshipManager),
            [{"id": rm, "name": rm, "branch_id": branch} for rm, branch in RMS.items()],
        )
        session.execute(
            insert(Party),
            [
                {"id": party, "kind": "person", "name": f"客户{party}", "rm_id": rm}
                for party, rm in PARTIES.items()
            ],
        )
    return engine


def add_user(
    engine: Engine,
    username: str,
    role: UserRole,
    *,
    rm_id: str | None = None,
    branch_id: str | None = None,
    locale: UserLocale = UserLocale.ZH_CN,
    password: str = PASSWORD,
) -> Account:
    with unit_of_work(engine) as session:
        new = NewUser(username, role, rm_id=rm_id, branch_id=branch_id, locale=locale)
        return create_user(session, new, password, START)


def staff(engine: Engine) -> dict[UserRole, Account]:
    """One user per role: wang (RM01), zhao (manager of BR01), root (admin), shen (auditor),
    qian (approver, head office)."""
    return {
        UserRole.RM: add_user(engine, "wang", UserRole.RM, rm_id="RM01"),
        UserRole.MANAGER: add_user(engine, "zhao", UserRole.MANAGER, branch_id="BR01"),
        UserRole.ADMIN: add_user(engine, "root", UserRole.ADMIN),
        UserRole.AUDITOR: add_user(engine, "shen", UserRole.AUDITOR),
        UserRole.APPROVER: add_user(engine, "qian", UserRole.APPROVER),
    }
