"""Use case: the approvals inbox of a checker (a manager within the branch, the head office's
approver for all): loan applications in credit review, price concessions and gifts they may
decide now, each feature's own answer (maker is never checker, authority by role, scope).
Reads only; the decisions are taken on each object's own page."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bankladder.access.principal import Permission, Principal
from bankladder.concessions import service as concessions
from bankladder.concessions.schemas import ConcessionShown
from bankladder.config import Settings
from bankladder.loans import service as loans
from bankladder.loans.schemas import PendingDecision
from bankladder.reciprocity import approvals as gifts
from bankladder.reciprocity.schemas import PendingGift


@dataclass(frozen=True)
class Inbox:
    """What waits for the principal, by kind, the longest waiting first within each."""

    loans: list[PendingDecision]
    concessions: list[ConcessionShown]
    gifts: list[PendingGift]

    @property
    def total(self) -> int:
        return len(self.loans) + len(self.concessions) + len(self.gifts)


def inbox(session: Session, settings: Settings, principal: Principal) -> Inbox:
    """The principal's inbox; empty for a role that does not decide."""
    if not principal.may(Permission.APPROVALS_DECIDE):
        return Inbox([], [], [])
    return Inbox(
        loans=loans.pending_for(session, principal, settings),
        concessions=concessions.pending_for(session, principal, settings),
        gifts=gifts.pending_for(session, settings, principal),
    )
