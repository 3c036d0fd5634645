"""Credit quotas: the lines a user may see for a year (a manager their branch; the auditor,
the approver, an admin and the command line every branch) and setting one allocation (an
admin any; a manager their own branch's RMs), audited as ``loan.quota``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.audit import service as audit
from bankladder.ladder.model import Text
from bankladder.loans import repository
from bankladder.loans.quota import allocation_refusal, quota_lines
from bankladder.loans.schemas import QuotaShown, Refused
from bankladder.store.vocabulary import UserRole

ALL_BRANCHES = (UserRole.AUDITOR, UserRole.APPROVER, UserRole.ADMIN)


def branch_seen(principal: Principal | None) -> tuple[bool, str | None]:
    """(whether any quota is seen, the one branch or None for all)."""
    if principal is None or principal.role in ALL_BRANCHES:
        return True, None
    if principal.role is UserRole.MANAGER and principal.branch_id is not None:
        return True, principal.branch_id
    return False, None


def quotas(session: Session, principal: Principal | None, year: int) -> tuple[QuotaShown, ...]:
    seen, branch = branch_seen(principal)
    if not seen:
        return ()
    lines = quota_lines(
        year,
        repository.allocations(session, year, branch),
        repository.approvals(session, year, branch),
    )
    return tuple(
        QuotaShown(
            line.branch_id,
            line.rm_id,
            line.allocated,
            line.used,
            line.available,
            float(line.used / line.allocated) if line.allocated > 0 else 0.0,
        )
        for line in lines
    )


def may_set(principal: Principal | None) -> bool:
    return principal is not None and principal.role in (UserRole.ADMIN, UserRole.MANAGER)


def set_quota(
    session: Session,
    principal: Principal,
    year: int,
    branch_id: str,
    rm_id: str | None,
    amount: Decimal | str,
    now: dt.datetime,
) -> None:
    """Allocate ``amount`` to the branch (``rm_id`` None) or one of its RMs for ``year``."""
    allocated = _amount(amount)
    _check_who(session, principal, branch_id, rm_id)
    current = repository.allocations(session, year, branch_id)
    branch = next((a.allocated for a in current if a.rm_id is None), None)
    rms = {a.rm_id: a.allocated for a in current if a.rm_id is not None}
    why = allocation_refusal(branch, rms, rm_id, allocated)
    if why is not None:
        raise Refused(why, where="allocated")
    repository.set_allocation(session, year, branch_id, rm_id, allocated)
    detail = {"year": year, "branch_id": branch_id, "rm_id": rm_id}
    audit.record(
        session,
        principal,
        "loan.quota",
        "credit_quota",
        f"{year}/{branch_id}/{rm_id or '-'}",
        now,
        detail=detail,
    )


def _amount(value: Decimal | str) -> Decimal:
    try:
        amount = value if isinstance(value, Decimal) else Decimal(value.strip().replace(",", ""))
    except InvalidOperation:
        raise Refused(
            Text("额度请填写金额（元）", "write the quota as a CNY amount"), where="allocated"
        ) from None
    if not amount.is_finite():
        raise Refused(
            Text("额度请填写金额（元）", "write the quota as a CNY amount"), where="allocated"
        )
    return amount.quantize(Decimal("0.01"))


def _check_who(session: Session, principal: Principal, branch_id: str, rm_id: str | None) -> None:
    if not may_set(principal):
        raise Refused(
            Text(
                "只有管理员或支行行长可以分配额度", "only an admin or a branch manager sets quotas"
            )
        )
    own = principal.role is UserRole.ADMIN or (
        principal.branch_id == branch_id and rm_id is not None
    )
    if not own:
        raise Refused(
            Text(
                "支行行长只能分配本支行客户经理的额度",
                "a manager sets the quotas of their own branch's RMs only",
            ),
            where="branch_id",
        )
    if rm_id is not None and repository.rm_branch(session, rm_id) != branch_id:
        raise Refused(
            Text(
                f"客户经理 {rm_id} 不属于支行 {branch_id}",
                f"RM {rm_id} is not of branch {branch_id}",
            ),
            where="rm_id",
        )
    if branch_id not in repository.branch_ids(session):
        raise Refused(Text(f"没有支行 {branch_id}", f"no branch {branch_id}"), where="branch_id")
