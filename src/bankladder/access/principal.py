"""The signed-in user as access control sees them, and what each role may do.

Pure: no I/O. Deny by default: a permission not listed for a role is refused.

- rm: their own book (the parties whose RM they are); works on it; may unmask its personal
  data with a reason (audited).
- manager: the parties of their branch's RMs; works on them, may unmask as an RM does, and
  sees the team.
- admin: users and configuration; no customer data (their party scope is empty).
- auditor: reads every party and the audit trail, changes nothing.
- approver: the head office's checker: reads every party, decides price concessions, loan
  applications in credit review and gifts beyond a branch manager's authority; works on none.

A manager decides too (within the playbook's ``authority:`` for the role); nobody decides what
they made themselves (maker is never checker).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bankladder.store.vocabulary import UserRole


class Permission(StrEnum):
    SELF_VIEW = "self.view"  # one's own profile, home page, sign-out, own API tokens
    PARTIES_READ = "parties.read"
    PARTIES_WORK = "parties.work"  # log interactions, act on actions, add prospects
    PARTIES_UNMASK = "parties.unmask"  # see a masked value in full, with a reason (audited)
    TEAM_VIEW = "team.view"  # the funnel, overdue actions and stage moves per RM
    USERS_MANAGE = "users.manage"
    CONFIG_MANAGE = "config.manage"  # playbook and settings
    AUDIT_READ = "audit.read"
    APPROVALS_DECIDE = "approvals.decide"  # concessions, credit decisions, gifts: as checker
    REPORTS_EXPORT = "reports.export"  # analytics as CSV, XLSX or PDF (masked, logged)


PERMISSIONS: dict[UserRole, frozenset[Permission]] = {
    UserRole.RM: frozenset(
        {
            Permission.SELF_VIEW,
            Permission.PARTIES_READ,
            Permission.PARTIES_WORK,
            Permission.PARTIES_UNMASK,
        }
    ),
    UserRole.MANAGER: frozenset(
        {
            Permission.SELF_VIEW,
            Permission.PARTIES_READ,
            Permission.PARTIES_WORK,
            Permission.PARTIES_UNMASK,
            Permission.TEAM_VIEW,
            Permission.REPORTS_EXPORT,
            Permission.APPROVALS_DECIDE,
        }
    ),
    UserRole.ADMIN: frozenset(
        {Permission.SELF_VIEW, Permission.USERS_MANAGE, Permission.CONFIG_MANAGE}
    ),
    UserRole.AUDITOR: frozenset(
        {
            Permission.SELF_VIEW,
            Permission.PARTIES_READ,
            Permission.TEAM_VIEW,
            Permission.REPORTS_EXPORT,
            Permission.AUDIT_READ,
        }
    ),
    UserRole.APPROVER: frozenset(
        {Permission.SELF_VIEW, Permission.PARTIES_READ, Permission.APPROVALS_DECIDE}
    ),
}


@dataclass(frozen=True)
class Principal:
    """A signed-in user: who they are, their role, and the book or branch it binds them to."""

    user_id: int
    role: UserRole
    rm_id: str | None = None
    branch_id: str | None = None

    @property
    def permissions(self) -> frozenset[Permission]:
        return PERMISSIONS[self.role]

    def may(self, permission: Permission) -> bool:
        return permission in self.permissions
