"""Closed vocabularies of the store, named in the bank's language."""

from __future__ import annotations

from enum import StrEnum


class PartyKind(StrEnum):
    PERSON = "person"
    ENTERPRISE = "enterprise"


class InteractionKind(StrEnum):
    VISIT = "visit"
    CALL = "call"
    MESSAGE = "message"
    EVENT = "event"
    CARE = "care"
    SERVICE = "service"
    COMPLAINT = "complaint"


class NeedNature(StrEnum):
    EXISTING = "existing"  # already served elsewhere; he will compare
    LATENT = "latent"  # he has not thought of it yet


class NeedStatus(StrEnum):
    IDENTIFIED = "identified"
    PRESENTED = "presented"
    WON = "won"
    LOST = "lost"


class RelationshipKind(StrEnum):
    SUPPLIER_OF = "supplier_of"
    BUYER_OF = "buyer_of"
    FAMILY = "family"
    EMPLOYER_OF = "employer_of"
    SHAREHOLDER_OF = "shareholder_of"


class ReferralStatus(StrEnum):
    INTRODUCED = "introduced"
    CONTACTED = "contacted"
    CONVERTED = "converted"
    LOST = "lost"


class BenefitKind(StrEnum):
    """What the bank gave a party: the bank's side of the reciprocity ledger (win-win)."""

    INTRODUCTION = "introduction"  # a business contact or customer introduced to the party
    KNOWLEDGE = "knowledge"  # a finance or management knowledge session, advice
    PRICE_CONCESSION = "price_concession"  # a rate or fee below the standard one
    VIP_SERVICE = "vip_service"  # a VIP service: lounge, fast lane, health check, events
    GIFT = "gift"  # a gift in kind: limited per gift and per party and year (the playbook's gifts:)
    OTHER = "other"


class BenefitStatus(StrEnum):
    """Where a favour stands: a gift or service worth more than the playbook lets an RM give
    alone is requested first and given only once a checker (not its maker) approved it."""

    REQUESTED = "requested"
    APPROVED = "approved"
    GIVEN = "given"
    REFUSED = "refused"  # by the checker, or over a limit
    CANCELLED = "cancelled"  # withdrawn by its maker before it was given


class SizeBand(StrEnum):
    """An enterprise's size band (the MIIT classification of small and medium enterprises)."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class TransitionDirection(StrEnum):
    ENTERED = "entered"  # first placed on the ladder
    ADVANCED = "advanced"
    REGRESSED = "regressed"
    LEFT = "left"  # fell off the first rung


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    SNOOZED = "snoozed"
    DISMISSED = "dismissed"  # the RM said it is not relevant
    RESOLVED = "resolved"  # the engine no longer proposes it: its criterion is met or moot


class UserRole(StrEnum):
    """What a user of the workbench may do; see ``bankladder.access.principal``."""

    RM = "rm"  # own book
    MANAGER = "manager"  # own branch
    ADMIN = "admin"  # users and configuration, no customer data
    AUDITOR = "auditor"  # read-only
    APPROVER = "approver"  # head office: decides concessions, loans and gifts beyond a branch's


class UserLocale(StrEnum):
    ZH_CN = "zh-CN"
    EN = "en"


class FeedbackOutcome(StrEnum):
    """What an RM answered to a proposed action (``action_feedback``)."""

    DONE = "done"
    SNOOZED = "snoozed"  # put off to a later day
    NOT_RELEVANT = "not_relevant"  # with a reason in words


class LoanStatus(StrEnum):
    """The steps of a loan application, in order; declined and withdrawn end it early."""

    RECEIVED = "received"
    DOCUMENTS_COMPLETE = "documents_complete"
    CREDIT_REVIEW = "credit_review"
    APPROVED = "approved"
    DISBURSED = "disbursed"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class ConcessionKind(StrEnum):
    """What a price concession (议价) lowers or raises: a loan's rate (lower is a concession), a
    deposit's rate (higher is one) or a fee (lower is one)."""

    LOAN_RATE = "loan_rate"  # percent a year
    DEPOSIT_RATE = "deposit_rate"  # percent a year
    FEE = "fee"  # CNY


class ConcessionStatus(StrEnum):
    REQUESTED = "requested"  # waiting for a checker with the authority for its size
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"  # by its maker before a decision


class ConcessionDecisionKind(StrEnum):
    """One entry of a concession's history."""

    REQUEST = "request"
    APPROVE = "approve"
    REJECT = "reject"
    WITHDRAW = "withdraw"
