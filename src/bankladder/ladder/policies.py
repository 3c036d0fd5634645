"""The bank's rules around the ladder: guard rails on proposed actions, approval authority by
role, and limits on gifts. Pure data, read from the playbook's optional ``guards:``,
``authority:`` and ``gifts:`` sections (the defaults below when absent).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Purpose(StrEnum):
    """What an action is for, which decides the guard rails that hold it back.

    ``marketing``: contacting the party to grow the relationship; ``product``: offering or
    opening a product (also held back by an expired KYC); ``service``: answering the party
    (a complaint): never held back by a guard rail; ``compliance``: the bank's own duty (refresh
    the KYC): never held back.
    """

    MARKETING = "marketing"
    PRODUCT = "product"
    SERVICE = "service"
    COMPLIANCE = "compliance"


class Guard(StrEnum):
    """A guard rail, in the order it is checked: the first that holds an action back names it."""

    AML = "aml"  # an open anti-money-laundering alert
    KYC = "kyc"  # a customer whose KYC has expired (or was never recorded)
    CONTACT_FATIGUE = "contact_fatigue"  # contacted often enough this week


@dataclass(frozen=True, slots=True)
class Guards:
    """Which purposes each guard rail holds back, and the contact-fatigue limit: at most
    ``contacts_per_week`` contacts by the bank in the seven days up to the day."""

    contacts_per_week: int = 3
    blocks: dict[Guard, frozenset[Purpose]] = field(
        hash=False,
        default_factory=lambda: {
            Guard.AML: frozenset({Purpose.MARKETING, Purpose.PRODUCT}),
            Guard.KYC: frozenset({Purpose.PRODUCT}),
            Guard.CONTACT_FATIGUE: frozenset({Purpose.MARKETING, Purpose.PRODUCT}),
        },
    )
    refresh_kyc_due_days: int = 7

    def holds_back(self, guard: Guard, purpose: Purpose) -> bool:
        return purpose in self.blocks.get(guard, frozenset())

    def holding_back(self, purpose: Purpose, facts: Mapping[str, object]) -> Guard | None:
        """The first guard rail holding back an action of ``purpose`` for a party with these
        facts (``is_customer``, ``kyc_valid``, ``aml_flagged``, ``contacts_7d``; unknown
        facts hold nothing back): the rule ``engine/guards.py`` compiles, row by row."""
        contacts = facts.get("contacts_7d")
        holds = {
            Guard.AML: facts.get("aml_flagged") is True,
            Guard.KYC: facts.get("is_customer") is True and facts.get("kyc_valid") is False,
            Guard.CONTACT_FATIGUE: isinstance(contacts, int) and contacts >= self.contacts_per_week,
        }
        held = (g for g in Guard if holds[g] and self.holds_back(g, purpose))
        return next(held, None)


@dataclass(frozen=True, slots=True)
class Authority:
    """The largest decision one role may take as checker: a rate concession in basis points, a
    fee waived in percent of the standard fee, a loan's amount and a gift's worth, in CNY."""

    rate_bp: Decimal
    fee_pct: Decimal
    loan_amount: Decimal
    gift: Decimal


@dataclass(frozen=True, slots=True)
class Authorities:
    """Authority by role (the role's value: ``manager``, ``approver``); a role not listed
    decides nothing. ``levels`` lists the roles from the lowest authority up."""

    by_role: dict[str, Authority] = field(
        hash=False,
        default_factory=lambda: {
            "manager": Authority(Decimal(30), Decimal(30), Decimal(3_000_000), Decimal(300)),
            "approver": Authority(Decimal(150), Decimal(100), Decimal(50_000_000), Decimal(300)),
        },
    )

    @property
    def levels(self) -> tuple[str, ...]:
        return tuple(self.by_role)

    def of(self, role: str) -> Authority | None:
        return self.by_role.get(role)


@dataclass(frozen=True, slots=True)
class GiftLimits:
    """Gifts (benefit kind ``gift``): the most one gift may be worth, the most one party may
    receive in a calendar year, and the worth an RM may give without a checker's approval
    (CNY). A gift over a limit is refused with the reason."""

    per_gift: Decimal = Decimal(300)
    per_party_year: Decimal = Decimal(1000)
    without_approval: Decimal = Decimal(100)


DEFAULT_GUARDS = Guards()
DEFAULT_AUTHORITIES = Authorities()
DEFAULT_GIFTS = GiftLimits()
