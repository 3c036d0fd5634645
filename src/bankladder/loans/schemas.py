"""What the loan use cases take and return. An application's amount (C2) is a shown string:
the mask in the pipeline, the dashboard, the API's lists and the command line; in full only on
one application's page (and its API answer) to a checker offered the credit decision, who needs
the amount to decide it. The bank's own quota figures (allocated, used, available per branch
and RM) are shown in full to those who see the quotas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from bankladder.errors import InvalidInput
from bankladder.ladder.model import Text


@dataclass(frozen=True)
class NewApplication:
    """An application as typed: the service checks every field."""

    product_code: str
    amount: Decimal | str
    received_at: dt.datetime | str | None = None  # None or empty: now


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    detail: str


class ApplicationRefused(InvalidInput):
    """One or more fields of a new application cannot be accepted; nothing was saved."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        fields = ", ".join(p.field for p in problems)
        super().__init__(
            f"the application cannot be registered: {fields}",
            where=fields,
            fix="correct the fields named and send again",
        )

    def by_field(self) -> dict[str, str]:
        return {p.field: p.code for p in self.problems}


class Refused(InvalidInput):
    """A move, a document or a quota refused, with the reason in both languages."""

    def __init__(self, reason: Text, *, where: str | None = None) -> None:
        self.reason = reason
        super().__init__(reason.en, where=where, fix=None)


@dataclass(frozen=True)
class SlaShown:
    target: int  # working days
    deadline: dt.datetime
    used: float  # working days, one decimal
    state: str  # calendar.SlaState


@dataclass(frozen=True)
class ApplicationShown:
    id: str
    party_id: str
    party_name: str  # a person's name masked
    product_code: str
    product: Text
    amount: str  # masked unless unmasked
    rm_id: str | None
    status: str
    status_name: Text
    received_at: dt.datetime
    status_at: dt.datetime
    version: int
    sla: SlaShown | None


@dataclass(frozen=True)
class MoveShown:
    from_status: str | None
    to_status: str
    to_name: Text
    at: dt.datetime
    by: str | None  # the user's name, or the actor an extract names


@dataclass(frozen=True)
class DocumentShown:
    code: str
    name: Text
    required: bool
    received_at: dt.datetime | None


@dataclass(frozen=True)
class MoveOffered:
    to_status: str
    name: Text
    decision: bool  # a checker's (approve or decline)


@dataclass(frozen=True)
class ApplicationDetail:
    application: ApplicationShown
    moves: tuple[MoveShown, ...]
    documents: tuple[DocumentShown, ...]
    offered: tuple[MoveOffered, ...]  # the moves the caller may make now
    may_receive: bool  # whether the caller may record a document received


@dataclass(frozen=True)
class Pipeline:
    applications: tuple[ApplicationShown, ...]
    by_status: dict[str, int]
    by_sla: dict[str, int]


@dataclass(frozen=True)
class RmLine:
    rm_id: str | None
    count: int
    open: int
    median_days: float


@dataclass(frozen=True)
class StepLine:
    step: str
    name: Text
    count: int
    median_days: float
    total_days: float
    share: float


@dataclass(frozen=True)
class QuotaShown:
    branch_id: str
    rm_id: str | None
    allocated: Decimal
    used: Decimal
    available: Decimal
    used_share: float  # used / allocated, 0 without an allocation


@dataclass(frozen=True)
class SlaAlert:
    """An open application breached or near breach, and why, for My day."""

    application_id: str
    party_id: str
    rm_id: str | None
    state: str
    deadline: dt.datetime
    reason: Text


@dataclass(frozen=True)
class PendingDecision:
    """An application in credit review the caller may decide."""

    application_id: str
    party_id: str
    product: Text
    amount: str  # masked
    rm_id: str | None
    submitted_at: dt.datetime


@dataclass(frozen=True)
class Dashboard:
    year: int
    per_rm: tuple[RmLine, ...]
    per_step: tuple[StepLine, ...]
    bottleneck: Text | None
    alerts: tuple[SlaAlert, ...]
    quotas: tuple[QuotaShown, ...]
    may_set_quota: bool


@dataclass(frozen=True)
class PartyShown:
    id: str
    name: str  # a person's name masked
    rm_id: str | None


@dataclass(frozen=True)
class LoanProduct:
    code: str
    name: Text
    sla_working_days: int | None
