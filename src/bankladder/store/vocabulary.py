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
    OTHER = "other"


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


class UserLocale(StrEnum):
    ZH_CN = "zh-CN"
    EN = "en"


class FeedbackOutcome(StrEnum):
    """What an RM answered to a proposed action (``action_feedback``)."""

    DONE = "done"
    SNOOZED = "snoozed"  # put off to a later day
    NOT_RELEVANT = "not_relevant"  # with a reason in words
