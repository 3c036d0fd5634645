"""Demo users, one per role, with fresh random passwords: never a password written in the repo."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bankladder.accounts.schemas import NewUser
from bankladder.accounts.service import create_user
from bankladder.errors import NotFound
from bankladder.store.models import RelationshipManager
from bankladder.store.vocabulary import UserRole


@dataclass(frozen=True)
class DemoSignIn:
    username: str
    password: str
    role: UserRole
    bound_to: str | None  # the RM or branch the user's scope follows


def create_demo_users(session: Session, rm_id: str, now: dt.datetime) -> list[DemoSignIn]:
    """An rm user for RM ``rm_id``, a manager of its branch, an admin, the head office's
    approver and an auditor."""
    rm = session.get(RelationshipManager, rm_id)
    if rm is None:
        raise NotFound(f"the demo bank has no RM {rm_id!r}", fix="pick one with --rm, e.g. RM0101")
    wanted = [
        NewUser("demo-rm", UserRole.RM, rm_id=rm.id),
        NewUser("demo-manager", UserRole.MANAGER, branch_id=rm.branch_id),
        NewUser("demo-admin", UserRole.ADMIN),
        NewUser("demo-approver", UserRole.APPROVER),
        NewUser("demo-auditor", UserRole.AUDITOR),
    ]
    made = []
    for new in wanted:
        password = secrets.token_urlsafe(12)
        create_user(session, new, password, now)
        made.append(DemoSignIn(new.username, password, new.role, new.rm_id or new.branch_id))
    return made
