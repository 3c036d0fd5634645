"""The legal moves of a loan application and who may make each (pure).

received -> documents_complete -> credit_review -> approved -> disbursed; credit review may end
in declined; withdrawn from any step before a final one. No step is skipped and nothing leaves
a final state (disbursed, declined, withdrawn). The RM side (the party's RM, or their manager:
``parties.work`` on a party in scope) moves the file along and withdraws it; the credit decision
is a checker's: ``approvals.decide``, an authority whose ``loan_amount`` covers the amount (to
approve), and never the user who registered the application or submitted it to credit review.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bankladder.ladder.model import Text
from bankladder.store.vocabulary import LoanStatus

S = LoanStatus
STEPS: tuple[LoanStatus, ...] = (
    S.RECEIVED,
    S.DOCUMENTS_COMPLETE,
    S.CREDIT_REVIEW,
    S.APPROVED,
    S.DISBURSED,
)
"""The steps in order; a step's time is spent in every one but the last."""
ORDER: tuple[LoanStatus, ...] = (*STEPS, S.DECLINED, S.WITHDRAWN)
"""Every status in the pipeline's order: moves at the same instant are read in it."""
FINAL: frozenset[LoanStatus] = frozenset({S.DISBURSED, S.DECLINED, S.WITHDRAWN})
OPEN: tuple[LoanStatus, ...] = (S.RECEIVED, S.DOCUMENTS_COMPLETE, S.CREDIT_REVIEW, S.APPROVED)
DECISIONS: frozenset[LoanStatus] = frozenset({S.APPROVED, S.DECLINED})
NEXT: dict[LoanStatus, frozenset[LoanStatus]] = {
    S.RECEIVED: frozenset({S.DOCUMENTS_COMPLETE, S.WITHDRAWN}),
    S.DOCUMENTS_COMPLETE: frozenset({S.CREDIT_REVIEW, S.WITHDRAWN}),
    S.CREDIT_REVIEW: frozenset({S.APPROVED, S.DECLINED, S.WITHDRAWN}),
    S.APPROVED: frozenset({S.DISBURSED, S.WITHDRAWN}),
}
NAMES: dict[LoanStatus, Text] = {
    S.RECEIVED: Text("已受理", "received"),
    S.DOCUMENTS_COMPLETE: Text("资料齐全", "documents complete"),
    S.CREDIT_REVIEW: Text("授信审查", "credit review"),
    S.APPROVED: Text("已审批", "approved"),
    S.DISBURSED: Text("已放款", "disbursed"),
    S.DECLINED: Text("已否决", "declined"),
    S.WITHDRAWN: Text("已撤回", "withdrawn"),
}


@dataclass(frozen=True)
class Mover:
    """Who asks for a move: the user, whether they work the party (``parties.work`` with the
    party in scope), whether they may decide (``approvals.decide``), and the largest loan their
    role's authority covers (None: no authority)."""

    user_id: int
    works_party: bool
    decides: bool
    authority: Decimal | None


@dataclass(frozen=True)
class File:
    """What the rules read of an application: where it stands, its amount, who registered it
    and who submitted it to credit review, and the required documents not yet received."""

    status: LoanStatus
    amount: Decimal
    registered_by: int | None = None
    submitted_by: int | None = None
    missing: tuple[str, ...] = ()


def is_legal(status: LoanStatus, to: LoanStatus) -> bool:
    """Whether ``status -> to`` is a step of the pipeline (whoever asks)."""
    return to in NEXT.get(status, frozenset())


def refusal(file: File, to: LoanStatus, mover: Mover) -> Text | None:
    """Why ``mover`` may not move ``file`` to ``to``, in words; None when they may."""
    illegal = _illegal(file, to)
    if illegal is not None:
        return illegal
    if to in DECISIONS:
        return _decision_refusal(file, to, mover)
    if not mover.works_party:
        return Text(
            "只有客户经理一方（客户经理或其支行行长）可以推进或撤回申请",
            "only the RM side (the party's RM or their branch manager) moves or withdraws it",
        )
    return None


def moves_for(file: File, mover: Mover) -> tuple[LoanStatus, ...]:
    """The moves ``mover`` may make now, in the pipeline's order."""
    return tuple(to for to in ORDER if refusal(file, to, mover) is None)


def _illegal(file: File, to: LoanStatus) -> Text | None:
    now, then = NAMES[file.status], NAMES[to]
    if file.status in FINAL:
        return Text(
            f"申请已{now.zh}，不能再变更", f"the application is {now.en}: it cannot move again"
        )
    if not is_legal(file.status, to):
        return Text(
            f"不能从“{now.zh}”直接到“{then.zh}”：不能跳过或回退步骤",
            f"it cannot go from {now.en} to {then.en}: no step is skipped or undone",
        )
    if to is S.DOCUMENTS_COMPLETE and file.missing:
        listed = ", ".join(file.missing)
        return Text(f"必备资料尚未收齐：{listed}", f"required documents still missing: {listed}")
    return None


def _decision_refusal(file: File, to: LoanStatus, mover: Mover) -> Text | None:
    if not mover.decides:
        return Text("授信审批需要审批权限", "a credit decision needs the approvals permission")
    if mover.user_id in (file.registered_by, file.submitted_by):
        return Text(
            "经办人不能审批：您登记了此申请或提交了授信审查",
            "the maker is never the checker: you registered it or submitted it to credit review",
        )
    if to is S.APPROVED and (mover.authority is None or file.amount > mover.authority):
        return Text(
            "金额超出您岗位的审批权限，请提交上级审批人",
            "the amount is beyond your role's authority: it goes to a higher approver",
        )
    return None
