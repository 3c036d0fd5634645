"""SQLAlchemy 2 models of the operational store.

Source tables (what the bank knows) come first, then the engine's outputs (assessment,
transition, action), then the workbench's users and their sessions. Columns holding personal
financial information of class C2 (JR/T 0171-2020: ID, phone and account numbers, balances)
carry ``info={"pi": "C2"}`` so that masking and the crawl tests can find them. Relationships
load with ``lazy="raise"``: every query says what it needs.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bankladder.store.vocabulary import (
    ActionStatus,
    BenefitKind,
    BenefitStatus,
    ConcessionDecisionKind,
    ConcessionKind,
    ConcessionStatus,
    FeedbackOutcome,
    InteractionKind,
    LoanStatus,
    NeedNature,
    NeedStatus,
    PartyKind,
    ReferralStatus,
    RelationshipKind,
    SizeBand,
    TransitionDirection,
    UserLocale,
    UserRole,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
C1: dict[str, Any] = {"pi": "C1"}  # personal, low sensitivity: dates, kinds, segments, stages
C2: dict[str, Any] = {
    "pi": "C2"
}  # personal, masked by default: names, IDs, phones, accounts, money
NONE: dict[str, Any] = {"pi": "none"}  # not personal: the bank, its branches, RMs and products
Money = Numeric(18, 2)
Code = String(32)
NOT_IMPORTED: dict[str, Any] = {"imported": False}  # kept by the workbench, never by an extract
LIVE_ACTION = "status in ('open', 'snoozed')"  # at most one live action per party and criterion


def vocabulary(enum: type[StrEnum], name: str, length: int = 16) -> Enum:
    """A closed vocabulary stored as its string value, checked by the database."""
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Bank(Base):
    """The bank running this store; its profile picks the ladder's variant."""

    __tablename__ = "bank"
    id: Mapped[int] = mapped_column(primary_key=True, info=NONE)
    name: Mapped[str] = mapped_column(String(200), info=NONE)
    profile: Mapped[str] = mapped_column(String(16), info=NONE)
    __table_args__ = (CheckConstraint("profile in ('young', 'established')", name="profile"),)


class Branch(Base):
    __tablename__ = "branch"
    id: Mapped[str] = mapped_column(Code, primary_key=True, info=NONE)
    name: Mapped[str] = mapped_column(String(200), info=NONE)
    city: Mapped[str | None] = mapped_column(String(100), info=NONE)


class RelationshipManager(Base):
    """An RM (客户经理): a user of the bank who owns a book of parties."""

    __tablename__ = "rm"
    id: Mapped[str] = mapped_column(Code, primary_key=True, info=NONE)
    name: Mapped[str] = mapped_column(String(100), info=NONE)
    branch_id: Mapped[str] = mapped_column(ForeignKey("branch.id"), index=True, info=NONE)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true(), info=NONE)


class Party(Base):
    """A customer or prospect: a person or an enterprise."""

    __tablename__ = "party"
    id: Mapped[str] = mapped_column(Code, primary_key=True, info=C1)
    kind: Mapped[PartyKind] = mapped_column(vocabulary(PartyKind, "party_kind"), info=C1)
    name: Mapped[str] = mapped_column(String(200), info=C2)
    id_number: Mapped[str | None] = mapped_column(String(32), info=C2)
    mobile: Mapped[str | None] = mapped_column(String(20), info=C2)
    segment: Mapped[str | None] = mapped_column(String(32), info=C1)
    industry_code: Mapped[str | None] = mapped_column(String(8), info=C1)
    region: Mapped[str | None] = mapped_column(String(100), info=C1)
    rm_id: Mapped[str | None] = mapped_column(ForeignKey("rm.id"), info=C1)
    prospect_group: Mapped[str | None] = mapped_column(String(100), info=C1)
    first_contact_on: Mapped[dt.date | None] = mapped_column(Date, info=C1)
    customer_since: Mapped[dt.date | None] = mapped_column(Date, info=C1)  # null: a prospect
    kyc_expires_on: Mapped[dt.date | None] = mapped_column(Date, info=C1)
    size_band: Mapped[SizeBand | None] = mapped_column(
        vocabulary(SizeBand, "size_band"), info=C1
    )  # enterprises only
    annual_turnover: Mapped[Decimal | None] = mapped_column(Money, info=C2)  # enterprises, CNY
    created_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime, info={**C1, **NOT_IMPORTED}
    )  # when added in the workbench; null: came with an extract
    version: Mapped[int] = mapped_column(Integer, server_default="1", info={**NONE, **NOT_IMPORTED})
    """Raised by every change made in the workbench: the ETag of optimistic concurrency."""
    __table_args__ = (
        # an RM's book: on PostgreSQL it also carries what a worklist shows of each party, so
        # My day reads the book from the index alone (the parties of one RM lie scattered)
        Index("ix_party_rm_id", "rm_id", postgresql_include=["id", "name", "kind"]),
    )


class Product(Base):
    __tablename__ = "product"
    code: Mapped[str] = mapped_column(Code, primary_key=True, info=NONE)
    name_zh: Mapped[str] = mapped_column(String(200), info=NONE)
    name_en: Mapped[str] = mapped_column(String(200), info=NONE)
    family: Mapped[str] = mapped_column(String(32), index=True, info=NONE)
    target_segments: Mapped[list[str]] = mapped_column(JSON, default=list, info=NONE)
    target_industries: Mapped[list[str]] = mapped_column(JSON, default=list, info=NONE)
    selling_points_zh: Mapped[str | None] = mapped_column(Text, info=NONE)
    selling_points_en: Mapped[str | None] = mapped_column(Text, info=NONE)
    need_kinds: Mapped[list[str]] = mapped_column(
        JSON, default=list, server_default="[]", info=NONE
    )
    """The need kinds (``need.kind``) this product answers: how a recorded need finds it."""
    sla_working_days: Mapped[int | None] = mapped_column(Integer, info=NONE)
    """A loan product's turnaround target, received to disbursed, in working days."""
    prerequisites: Mapped[list[str]] = mapped_column(
        JSON, default=list, server_default="[]", info=NONE
    )
    """Product codes a party must hold before this one is offered (e.g. a loan needs an account)."""


class SellingPoint(Base):
    """Why our product beats a named competitor's (a bank, or a kind of bank), in both languages."""

    __tablename__ = "selling_point"
    id: Mapped[int] = mapped_column(primary_key=True, info=NONE)
    product_code: Mapped[str] = mapped_column(ForeignKey("product.code"), info=NONE)
    competitor: Mapped[str] = mapped_column(String(100), info=NONE)
    point_zh: Mapped[str] = mapped_column(Text, info=NONE)
    point_en: Mapped[str] = mapped_column(Text, info=NONE)
    __table_args__ = (UniqueConstraint("product_code", "competitor"),)


class Holding(Base):
    """A product a party holds (an account, a card, a loan, a wealth product)."""

    __tablename__ = "holding"
    id: Mapped[int] = mapped_column(primary_key=True, info=C1)
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), index=True, info=C1)
    product_code: Mapped[str] = mapped_column(ForeignKey("product.code"), info=C1)
    account_no: Mapped[str | None] = mapped_column(String(40), index=True, info=C2)
    opened_on: Mapped[dt.date] = mapped_column(Date, info=C1)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, info=C1)


class BalanceSnapshot(Base):
    """The balance of one holding at the end of one day."""

    __tablename__ = "balance"
    holding_id: Mapped[int] = mapped_column(ForeignKey("holding.id"), primary_key=True, info=C1)
    snapshot_on: Mapped[dt.date] = mapped_column(Date, primary_key=True, info=C1)
    amount: Mapped[Decimal] = mapped_column(Money, info=C2)


class Interaction(Base):
    """A contact between an RM and a party; complaints are closed by ``resolved_at``."""

    __tablename__ = "interaction"
    id: Mapped[int] = mapped_column(primary_key=True, info=C1)
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), info=C1)
    rm_id: Mapped[str | None] = mapped_column(ForeignKey("rm.id"), info=C1)
    kind: Mapped[InteractionKind] = mapped_column(
        vocabulary(InteractionKind, "interaction_kind"), info=C1
    )
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime, info=C1)
    outcome: Mapped[str | None] = mapped_column(String(32), info=C1)
    note: Mapped[str | None] = mapped_column(Text, info=C2)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, info=C1)
    __table_args__ = (Index("ix_interaction_natural", "party_id", "occurred_at", "kind"),)


class Need(Base):
    """A need of a party: existing (served by a competitor) or latent."""

    __tablename__ = "need"
    id: Mapped[int] = mapped_column(primary_key=True, info=C1)
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), index=True, info=C1)
    kind: Mapped[str] = mapped_column(String(32), info=C1)
    nature: Mapped[NeedNature] = mapped_column(vocabulary(NeedNature, "need_nature"), info=C1)
    competitor_bank: Mapped[str | None] = mapped_column(String(100), info=C1)
    status: Mapped[NeedStatus] = mapped_column(vocabulary(NeedStatus, "need_status"), info=C1)
    identified_on: Mapped[dt.date] = mapped_column(Date, info=C1)
    presented_on: Mapped[dt.date | None] = mapped_column(Date, info=C1)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, info=C1)
    __table_args__ = (Index("ix_need_natural", "party_id", "kind", "identified_on"),)


class Relationship(Base):
    """A typed edge between two parties: ``from_party`` is the supplier of ``to_party``..."""

    __tablename__ = "relationship"
    id: Mapped[int] = mapped_column(primary_key=True, info=C1)
    from_party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), index=True, info=C1)
    to_party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), index=True, info=C1)
    kind: Mapped[RelationshipKind] = mapped_column(
        vocabulary(RelationshipKind, "relationship_kind"), info=C1
    )
    since: Mapped[dt.date | None] = mapped_column(Date, info=C1)
    __table_args__ = (UniqueConstraint("from_party_id", "to_party_id", "kind"),)


class Referral(Base):
    __tablename__ = "referral"
    id: Mapped[int] = mapped_column(primary_key=True, info=C1)
    referrer_id: Mapped[str] = mapped_column(ForeignKey("party.id"), index=True, info=C1)
    referee_id: Mapped[str] = mapped_column(ForeignKey("party.id"), index=True, info=C1)
    referred_on: Mapped[dt.date] = mapped_column(Date, info=C1)
    status: Mapped[ReferralStatus] = mapped_column(
        vocabulary(ReferralStatus, "referral_status"), info=C1
    )
    converted_on: Mapped[dt.date | None] = mapped_column(Date, info=C1)
    __table_args__ = (Index("ix_referral_natural", "referrer_id", "referee_id", "referred_on"),)


class Benefit(Base):
    """What the bank gave a party (an introduction, a knowledge session, a price concession, a VIP
    service): the bank's side of the reciprocity ledger. The party's side (balances, settlement
    flows, referrals) is read from the tables that record them."""

    __tablename__ = "benefit"
    id: Mapped[int] = mapped_column(primary_key=True, info=C1)
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), info=C1)
    given_on: Mapped[dt.date] = mapped_column(Date, info=C1)
    kind: Mapped[BenefitKind] = mapped_column(vocabulary(BenefitKind, "benefit_kind"), info=C1)
    worth: Mapped[Decimal | None] = mapped_column(Money, info=C2)  # CNY a year, when known
    counterpart_id: Mapped[str | None] = mapped_column(
        ForeignKey("party.id"), info=C1
    )  # an introduction: the party introduced
    rm_id: Mapped[str | None] = mapped_column(ForeignKey("rm.id"), info=C1)
    note: Mapped[str | None] = mapped_column(Text, info=C2)
    status: Mapped[BenefitStatus] = mapped_column(
        vocabulary(BenefitStatus, "benefit_status"), server_default="given", info=C1
    )  # an extract's rows were given; only the workbench requests and approves
    maker_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id"), info={**NONE, **NOT_IMPORTED}
    )
    checker_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id"), info={**NONE, **NOT_IMPORTED}
    )
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, info={**C1, **NOT_IMPORTED})
    version: Mapped[int] = mapped_column(Integer, server_default="1", info={**NONE, **NOT_IMPORTED})
    __table_args__ = (Index("ix_benefit_natural", "party_id", "given_on", "kind"),)


class Settlement(Base):
    """A party's settlement flows through our bank in one month (first day of the month)."""

    __tablename__ = "settlement"
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), primary_key=True, info=C1)
    month: Mapped[dt.date] = mapped_column(Date, primary_key=True, info=C1)
    inflow: Mapped[Decimal] = mapped_column(Money, info=C2)
    outflow: Mapped[Decimal] = mapped_column(Money, info=C2)
    transactions: Mapped[int] = mapped_column(Integer, info=C1)


class AmlFlag(Base):
    """An anti-money-laundering alert on a party from the bank's AML system: while it is open
    (raised on or before a day, not cleared by then) no marketing step is proposed."""

    __tablename__ = "aml_flag"
    id: Mapped[int] = mapped_column(primary_key=True, info=C1)
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), index=True, info=C1)
    raised_on: Mapped[dt.date] = mapped_column(Date, info=C1)
    cleared_on: Mapped[dt.date | None] = mapped_column(Date, info=C1)
    reference: Mapped[str | None] = mapped_column(String(64), info=C1)  # the AML case number
    __table_args__ = (Index("ix_aml_flag_natural", "party_id", "raised_on"),)


class TargetIndustry(Base):
    """An industry the bank aims at (GB/T 4754-2017: a section letter such as ``C``, or a
    section and division such as ``C13``): parties whose industry code starts with it."""

    __tablename__ = "target_industry"
    code: Mapped[str] = mapped_column(String(8), primary_key=True, info=NONE)
    priority: Mapped[int] = mapped_column(Integer, server_default="1", info=NONE)  # 1: first
    since: Mapped[dt.date | None] = mapped_column(Date, info=NONE)
    note: Mapped[str | None] = mapped_column(String(500), info=NONE)


class RmSpecialisation(Base):
    """An industry an RM specialises in (a GB/T 4754 section or division code, as above)."""

    __tablename__ = "rm_specialisation"
    rm_id: Mapped[str] = mapped_column(ForeignKey("rm.id"), primary_key=True, info=NONE)
    industry_code: Mapped[str] = mapped_column(String(8), primary_key=True, info=NONE)


class WorkingCalendar(Base):
    """An exception to the Monday-to-Friday working week: a public holiday on a weekday
    (``working`` false) or a weekend made a working day (调休, ``working`` true)."""

    __tablename__ = "working_calendar"
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True, info=NONE)
    working: Mapped[bool] = mapped_column(Boolean, info=NONE)
    note: Mapped[str | None] = mapped_column(String(100), info=NONE)


class LoanDocument(Base):
    """A document a loan product's application needs (the checklist), in the order asked."""

    __tablename__ = "loan_document"
    product_code: Mapped[str] = mapped_column(
        ForeignKey("product.code"), primary_key=True, info=NONE
    )
    code: Mapped[str] = mapped_column(Code, primary_key=True, info=NONE)
    name_zh: Mapped[str] = mapped_column(String(200), info=NONE)
    name_en: Mapped[str] = mapped_column(String(200), info=NONE)
    position: Mapped[int] = mapped_column(Integer, server_default="0", info=NONE)
    required: Mapped[bool] = mapped_column(Boolean, server_default=true(), info=NONE)


class LoanApplication(Base):
    """A loan application moving received -> documents complete -> credit review -> approved
    -> disbursed (or declined, or withdrawn); ``status_at`` is the time of its last move."""

    __tablename__ = "loan_application"
    id: Mapped[str] = mapped_column(Code, primary_key=True, info=C1)  # the core system's number
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), index=True, info=C1)
    product_code: Mapped[str] = mapped_column(ForeignKey("product.code"), info=C1)
    amount: Mapped[Decimal] = mapped_column(Money, info=C2)
    rm_id: Mapped[str | None] = mapped_column(ForeignKey("rm.id"), index=True, info=C1)
    status: Mapped[LoanStatus] = mapped_column(vocabulary(LoanStatus, "loan_status", 24), info=C1)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, info=C1)
    status_at: Mapped[dt.datetime] = mapped_column(DateTime, info=C1)
    version: Mapped[int] = mapped_column(Integer, server_default="1", info={**NONE, **NOT_IMPORTED})
    __table_args__ = (Index("ix_loan_application_status", "status", "received_at"),)


class LoanMove(Base):
    """One move of a loan application: from, to, when, and who (a user in the workbench, or
    the actor an extract names)."""

    __tablename__ = "loan_move"
    id: Mapped[int] = mapped_column(primary_key=True, info=C1)
    application_id: Mapped[str] = mapped_column(
        ForeignKey("loan_application.id"), index=True, info=C1
    )
    from_status: Mapped[LoanStatus | None] = mapped_column(
        vocabulary(LoanStatus, "loan_move_from", 24), info=C1
    )  # null: the application was received
    to_status: Mapped[LoanStatus] = mapped_column(
        vocabulary(LoanStatus, "loan_move_to", 24), info=C1
    )
    at: Mapped[dt.datetime] = mapped_column(DateTime, info=C1)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), info=NONE)
    actor: Mapped[str | None] = mapped_column(String(64), info=C1)  # as an extract names it
    note: Mapped[str | None] = mapped_column(String(500), info=C2)
    __table_args__ = (Index("ix_loan_move_natural", "application_id", "at", "to_status"),)


class LoanDocumentReceived(Base):
    """A checklist document received for an application."""

    __tablename__ = "loan_document_received"
    application_id: Mapped[str] = mapped_column(
        ForeignKey("loan_application.id"), primary_key=True, info=C1
    )
    document_code: Mapped[str] = mapped_column(Code, primary_key=True, info=C1)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, info=C1)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), info=NONE)


class CreditQuota(Base):
    """Credit quota allocated for a year to a branch (``rm_id`` null) or to one of its RMs;
    used = loans approved or disbursed in the year, available = allocated - used."""

    __tablename__ = "credit_quota"
    id: Mapped[int] = mapped_column(primary_key=True, info=NONE)
    year: Mapped[int] = mapped_column(Integer, info=NONE)
    branch_id: Mapped[str] = mapped_column(ForeignKey("branch.id"), info=NONE)
    rm_id: Mapped[str | None] = mapped_column(ForeignKey("rm.id"), info=NONE)
    allocated: Mapped[Decimal] = mapped_column(Money, info=NONE)  # the bank's, not a party's
    __table_args__ = (UniqueConstraint("year", "branch_id", "rm_id"),)


class PriceConcession(Base):
    """A price concession (议价) asked for a party: the standard and the requested rate or fee,
    why, and who may decide it (``required_role``: the lowest role whose authority covers its
    size, set when it is requested). Its maker never decides it."""

    __tablename__ = "price_concession"
    id: Mapped[int] = mapped_column(primary_key=True, info=C1)
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), index=True, info=C1)
    product_code: Mapped[str] = mapped_column(ForeignKey("product.code"), info=C1)
    kind: Mapped[ConcessionKind] = mapped_column(
        vocabulary(ConcessionKind, "concession_kind"), info=C1
    )
    standard: Mapped[Decimal] = mapped_column(Numeric(18, 4), info=C2)
    requested: Mapped[Decimal] = mapped_column(Numeric(18, 4), info=C2)
    justification: Mapped[str] = mapped_column(Text, info=C2)
    status: Mapped[ConcessionStatus] = mapped_column(
        vocabulary(ConcessionStatus, "concession_status"), info=C1
    )
    required_role: Mapped[UserRole] = mapped_column(
        vocabulary(UserRole, "concession_required_role"), info=NONE
    )
    rm_id: Mapped[str | None] = mapped_column(ForeignKey("rm.id"), info=C1)
    maker_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), info=NONE)
    requested_at: Mapped[dt.datetime] = mapped_column(DateTime, info=C1)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, info=C1)
    version: Mapped[int] = mapped_column(Integer, server_default="1", info={**NONE, **NOT_IMPORTED})
    __table_args__ = (Index("ix_price_concession_status", "status", "required_role"),)


class ConcessionDecision(Base):
    """One entry of a concession's history: requested, approved, rejected, withdrawn."""

    __tablename__ = "concession_decision"
    id: Mapped[int] = mapped_column(primary_key=True, info=C1)
    concession_id: Mapped[int] = mapped_column(
        ForeignKey("price_concession.id"), index=True, info=C1
    )
    decision: Mapped[ConcessionDecisionKind] = mapped_column(
        vocabulary(ConcessionDecisionKind, "concession_decision_kind"), info=C1
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), info=NONE)
    role: Mapped[UserRole] = mapped_column(
        vocabulary(UserRole, "concession_decider_role"), info=NONE
    )
    at: Mapped[dt.datetime] = mapped_column(DateTime, info=C1)
    note: Mapped[str | None] = mapped_column(String(500), info=C2)


class WalletEstimate(Base):
    """A party's estimated wallet as of a date: what it holds with every bank, estimated from a
    high quantile of what its peers hold with us; ``share`` = at our bank / wallet, in [0, 1]."""

    __tablename__ = "wallet_estimate"
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), primary_key=True, info=C1)
    as_of: Mapped[dt.date] = mapped_column(Date, primary_key=True, info=C1)
    at_bank: Mapped[Decimal] = mapped_column(Money, info=C2)
    wallet: Mapped[Decimal] = mapped_column(Money, info=C2)
    share: Mapped[float] = mapped_column(Float, info=C1)
    opportunity: Mapped[Decimal] = mapped_column(Money, info=C2)
    peer_group: Mapped[str] = mapped_column(String(200), info=C1)
    peers: Mapped[int] = mapped_column(Integer, info=C1)  # parties in the peer group
    method: Mapped[str] = mapped_column(String(32), info=NONE)
    __table_args__ = (Index("ix_wallet_estimate_as_of", "as_of"),)


class PropensityScore(Base):
    """How likely a party is to reach a model's outcome (``target``: ``advance`` = a higher rung
    within 90 days, ``product:<family>`` = a product of that family opened within 90 days), as
    scored by the active model as of a date. ``lift`` = probability / the model's base rate
    (1 = as likely as the average party), what the worklist's priority multiplies by;
    ``reasons``: the features that moved the score most, as
    ``[{"feature": name, "value": str | float | None, "effect": log-odds}]``, largest first."""

    __tablename__ = "propensity_score"
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), primary_key=True, info=C1)
    as_of: Mapped[dt.date] = mapped_column(Date, primary_key=True, info=C1)
    target: Mapped[str] = mapped_column(String(64), primary_key=True, info=NONE)
    probability: Mapped[float] = mapped_column(Float, info=C1)
    lift: Mapped[float] = mapped_column(Float, info=C1)
    model_version: Mapped[str] = mapped_column(String(64), info=NONE)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, info=C1)
    __table_args__ = (Index("ix_propensity_score_as_of", "as_of", "target"),)


class PeerHolding(Base):
    """How many parties of a peer group hold a product, as of a date: what similar customers
    hold, for product advice."""

    __tablename__ = "peer_holding"
    as_of: Mapped[dt.date] = mapped_column(Date, primary_key=True, info=NONE)
    peer_group: Mapped[str] = mapped_column(String(200), primary_key=True, info=NONE)
    product_code: Mapped[str] = mapped_column(
        ForeignKey("product.code"), primary_key=True, info=NONE
    )
    holders: Mapped[int] = mapped_column(Integer, info=NONE)
    peers: Mapped[int] = mapped_column(Integer, info=NONE)


class Assessment(Base):
    """Where a party stood on the ladder as of a date, and the evidence for it."""

    __tablename__ = "assessment"
    id: Mapped[int] = mapped_column(primary_key=True, info=C1)
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), info=C1)
    as_of: Mapped[dt.date] = mapped_column(Date, index=True, info=C1)
    stage_id: Mapped[str | None] = mapped_column(String(64), info=C1)  # null: not on the ladder
    stage_rank: Mapped[int] = mapped_column(Integer, info=C1)  # 0: not yet on the ladder
    score: Mapped[float] = mapped_column(Float, info=C1)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, info=C2)
    playbook: Mapped[str] = mapped_column(String(64), info=C1)
    __table_args__ = (UniqueConstraint("party_id", "as_of"),)


class Transition(Base):
    """A change of stage, forward or back."""

    __tablename__ = "transition"
    id: Mapped[int] = mapped_column(primary_key=True, info=C1)
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), info=C1)
    from_stage: Mapped[str | None] = mapped_column(String(64), info=C1)
    to_stage: Mapped[str | None] = mapped_column(String(64), info=C1)
    direction: Mapped[TransitionDirection] = mapped_column(
        vocabulary(TransitionDirection, "transition_direction"), info=C1
    )
    changed_on: Mapped[dt.date] = mapped_column(Date, index=True, info=C1)
    __table_args__ = (UniqueConstraint("party_id", "changed_on"),)


class Action(Base):
    """A step proposed to an RM: the gap to the next rung, in words, ranked."""

    __tablename__ = "action"
    id: Mapped[int] = mapped_column(primary_key=True, info=C1)
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), info=C1)
    rm_id: Mapped[str | None] = mapped_column(ForeignKey("rm.id"), info=C1)
    kind: Mapped[str] = mapped_column(String(64), info=C1)
    criterion_id: Mapped[str] = mapped_column(String(64), info=C1)
    target_stage: Mapped[str] = mapped_column(String(64), info=C1)
    reason_zh: Mapped[str] = mapped_column(Text, info=C1)
    reason_en: Mapped[str] = mapped_column(Text, info=C1)
    priority: Mapped[float] = mapped_column(Float, info=C1)
    due_on: Mapped[dt.date] = mapped_column(Date, info=C1)
    status: Mapped[ActionStatus] = mapped_column(vocabulary(ActionStatus, "action_status"), info=C1)
    proposed_on: Mapped[dt.date] = mapped_column(Date, info=C1)
    updated_on: Mapped[dt.date] = mapped_column(Date, info=C1)
    blocked_by: Mapped[str | None] = mapped_column(String(32), info=C1)
    """The guard rail holding the step back (aml, kyc, contact_fatigue), null when free."""
    blocked_zh: Mapped[str | None] = mapped_column(Text, info=C1)
    blocked_en: Mapped[str | None] = mapped_column(Text, info=C1)
    version: Mapped[int] = mapped_column(Integer, server_default="1", info={**NONE, **NOT_IMPORTED})
    """Raised by every change (an RM's answer, an evaluation's refresh): the ETag."""
    __table_args__ = (
        Index("ix_action_rm_status_priority", "rm_id", "status", "priority"),
        Index(
            "uq_action_live_per_criterion",
            "party_id",
            "criterion_id",
            unique=True,
            sqlite_where=text(LIVE_ACTION),
            postgresql_where=text(LIVE_ACTION),
        ),
    )


class NetworkProspect(Base):
    """A prospect (not yet a customer) within two hops of a party at rung 5 or above, with the
    path of introductions that leads there, ranked per introducer by path strength and the
    prospect's potential. Replaced by each network run."""

    __tablename__ = "network_prospect"
    as_of: Mapped[dt.date] = mapped_column(Date, primary_key=True, info=C1)
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), primary_key=True, info=C1)
    prospect_id: Mapped[str] = mapped_column(ForeignKey("party.id"), primary_key=True, info=C1)
    hops: Mapped[int] = mapped_column(Integer, info=C1)
    via_id: Mapped[str | None] = mapped_column(ForeignKey("party.id"), info=C1)
    path: Mapped[list[dict[str, Any]]] = mapped_column(JSON, info=C1)  # ids and kinds, no names
    strength: Mapped[float] = mapped_column(Float, info=C1)
    potential: Mapped[float] = mapped_column(Float, info=C1)
    score: Mapped[float] = mapped_column(Float, info=C1)
    rank: Mapped[int] = mapped_column(Integer, info=C1)
    __table_args__ = (Index("ix_network_prospect_prospect_id", "prospect_id"),)


class IntermediaryScore(Base):
    """How well a party reaches parties that are not yet customers (personalised PageRank),
    and its rank among the bank's intermediaries, as of a date."""

    __tablename__ = "intermediary_score"
    as_of: Mapped[dt.date] = mapped_column(Date, primary_key=True, info=C1)
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), primary_key=True, info=C1)
    score: Mapped[float] = mapped_column(Float, info=C1)
    reach: Mapped[int] = mapped_column(Integer, info=C1)  # prospects within two hops
    rank: Mapped[int] = mapped_column(Integer, info=C1)


class ImportBatch(Base):
    """A file that landed in the store: the same file (by content) is never applied twice.

    A chunked import records its checkpoint here as it goes: ``rows`` data rows have landed and
    ``finished_at`` stays empty until the last chunk, so an interrupted import resumes after them.
    """

    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(primary_key=True, info=NONE)
    table_name: Mapped[str] = mapped_column(String(32), info=NONE)
    file_name: Mapped[str] = mapped_column(String(500), info=NONE)
    sha256: Mapped[str] = mapped_column(String(64), info=NONE)
    rows: Mapped[int] = mapped_column(Integer, info=NONE)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, info=NONE)
    mode: Mapped[str] = mapped_column(
        String(16), default="incremental", server_default="incremental", info=NONE
    )
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime, info=NONE)
    __table_args__ = (UniqueConstraint("table_name", "sha256"),)


class PartyAlias(Base):
    """Another customer number of a party: a duplicate merged into it, or a row of an import
    recognised as the same person or enterprise. Old references by the alias resolve here."""

    __tablename__ = "party_alias"
    alias_id: Mapped[str] = mapped_column(Code, primary_key=True, info=C1)
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), index=True, info=C1)
    reason: Mapped[str] = mapped_column(String(32), info=C1)  # same_id_number, ..., merged
    merged_at: Mapped[dt.datetime] = mapped_column(DateTime, info=C1)


class UserAccount(Base):
    """A person who signs in to the workbench. An RM user is bound to an RM of the bank, a
    manager to a branch: the access scope follows from them (``bankladder.access``).

    The argon2id hash of a staff member's password is not customer data (JR/T 0171 C3 is the
    customer's own credentials, which are never stored): tagged ``none``.
    """

    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True, info=NONE)
    username: Mapped[str] = mapped_column(String(64), unique=True, info=NONE)
    password_hash: Mapped[str] = mapped_column(String(200), info=NONE)
    role: Mapped[UserRole] = mapped_column(vocabulary(UserRole, "user_role"), info=NONE)
    rm_id: Mapped[str | None] = mapped_column(ForeignKey("rm.id"), index=True, info=NONE)
    branch_id: Mapped[str | None] = mapped_column(ForeignKey("branch.id"), info=NONE)
    locale: Mapped[UserLocale] = mapped_column(vocabulary(UserLocale, "user_locale"), info=NONE)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true(), info=NONE)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, info=NONE)
    __table_args__ = (
        CheckConstraint("role <> 'rm' or rm_id is not null", name="rm_has_book"),
        CheckConstraint("role <> 'manager' or branch_id is not null", name="manager_has_branch"),
    )


class WebSession(Base):
    """A signed-in browser. ``id`` is the SHA-256 of the cookie's random token: the store never
    holds a token that could be replayed. ``csrf_token`` is the synchronizer token of its forms."""

    __tablename__ = "web_session"
    id: Mapped[str] = mapped_column(String(64), primary_key=True, info=NONE)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True, info=NONE)
    csrf_token: Mapped[str] = mapped_column(String(64), info=NONE)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, info=NONE)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, info=NONE)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, info=NONE)


class SignInFailure(Base):
    """A refused sign-in, counted against the username and against the client's address for
    throttling; rows older than the throttling window are pruned."""

    __tablename__ = "sign_in_failure"
    id: Mapped[int] = mapped_column(primary_key=True, info=NONE)
    scope: Mapped[str] = mapped_column(String(16), info=NONE)  # account or address
    key: Mapped[str] = mapped_column(String(200), info=C1)  # a username or a client address
    failed_at: Mapped[dt.datetime] = mapped_column(DateTime, info=NONE)
    __table_args__ = (
        CheckConstraint("scope in ('account', 'address')", name="scope"),
        Index("ix_sign_in_failure_scope_key", "scope", "key", "failed_at"),
    )


class ApiToken(Base):
    """A personal token for the REST API (``Authorization: Bearer``); only its SHA-256 is kept,
    the token itself is shown once when it is made."""

    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(primary_key=True, info=NONE)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, info=NONE)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True, info=NONE)
    name: Mapped[str] = mapped_column(String(100), info=NONE)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, info=NONE)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, info=NONE)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, info=NONE)


class ActionFeedback(Base):
    """An RM's answer to a proposed action: done, snoozed to a day, or not relevant with a
    reason. Kept, never overwritten: it is the bank's own record of what worked (the
    propensity models learn from it) and keeps a dismissed step from being proposed again
    at once."""

    __tablename__ = "action_feedback"
    id: Mapped[int] = mapped_column(primary_key=True, info=NONE)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"), index=True, info=C1)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), info=NONE)
    outcome: Mapped[FeedbackOutcome] = mapped_column(
        vocabulary(FeedbackOutcome, "feedback_outcome"), info=C1
    )
    reason: Mapped[str | None] = mapped_column(String(500), info=C2)  # free text an RM typed
    snoozed_until: Mapped[dt.date | None] = mapped_column(Date, info=C1)
    at: Mapped[dt.datetime] = mapped_column(DateTime, info=C1)


class AuditEvent(Base):
    """What a user did that the bank must be able to show: personal data unmasked (with the
    reason stated), records created or changed in the workbench, exports. Append-only; the
    sequence number is the primary key. ``detail`` never holds a personal value."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(
        primary_key=True, autoincrement=False, info=NONE
    )  # the sequence number, dense: handed out under the head's lock
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True, info=NONE)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), info=NONE)
    event: Mapped[str] = mapped_column(String(64), info=NONE)  # e.g. party.unmask
    object_type: Mapped[str] = mapped_column(String(64), info=NONE)
    object_id: Mapped[str] = mapped_column(String(64), info=C1)
    reason: Mapped[str | None] = mapped_column(String(500), info=C2)  # free text a user typed
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, info=NONE)
    prev_hash: Mapped[str] = mapped_column(String(64), info=NONE)
    hash: Mapped[str] = mapped_column(String(64), info=NONE)
    """SHA-256 of this event's content and ``prev_hash``: the chain ``audit verify`` walks."""
    __table_args__ = (Index("ix_audit_event_object", "object_type", "object_id"),)


class AuditHead(Base):
    """The audit trail's head: its last sequence number and hash, in one row (id 1). Recording
    an event updates this row first, which serialises writers (a row lock on PostgreSQL, the
    write lock on SQLite), so sequence numbers are dense and every entry follows the one
    before; ``audit verify`` also finds entries cut off the end."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True, info=NONE)
    seq: Mapped[int] = mapped_column(Integer, info=NONE)
    hash: Mapped[str] = mapped_column(String(64), info=NONE)
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)
