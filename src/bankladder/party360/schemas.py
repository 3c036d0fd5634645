"""The read model of one party (its 360 view), as the service returns it.

Personal values (C2) are already masked here unless the view was asked for unmasked; the
page and the API only dress what they get.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bankladder.ladder.model import Text
from bankladder.privacy.masking import MASKED_AMOUNT
from bankladder.propensity.reasons import Chance

MASK = MASKED_AMOUNT
"""What a masked amount shows (a balance, a money fact of the evidence)."""


@dataclass(frozen=True)
class Rung:
    """A rung of the bank's ladder; ``current`` for the rung the party stands on."""

    id: str
    rank: int
    name: Text
    current: bool


@dataclass(frozen=True)
class FactShown:
    """A fact a criterion reads, with its value as shown (an amount masked by default)."""

    name: str
    description: Text
    value: Text


@dataclass(frozen=True)
class CriterionShown:
    """One criterion of a rung: met (evidence) or unmet (the gap to the next rung).

    ``value``, ``target`` and ``gap`` are set for a criterion with a threshold; ``reason`` is
    what the RM should do while it is unmet, in words."""

    stage_id: str
    criterion_id: str
    when: str
    met: bool
    facts: tuple[FactShown, ...]
    value: Text | None
    target: Text | None
    gap: Text | None
    reason: Text | None


@dataclass(frozen=True)
class Identity:
    """Who the party is. ``name``, ``id_number`` and ``mobile`` are masked by default."""

    id: str
    kind: str
    name: str
    id_number: str | None
    mobile: str | None
    segment: str | None
    industry_code: str | None
    region: str | None
    prospect_group: str | None
    rm_id: str | None
    rm_name: str | None
    first_contact_on: dt.date | None
    customer_since: dt.date | None
    kyc_expires_on: dt.date | None
    version: int


@dataclass(frozen=True)
class HoldingShown:
    product_code: str
    product: Text
    family: str | None
    account_no: str | None
    opened_on: dt.date
    closed_on: dt.date | None
    balance: str | None  # masked by default; None: no snapshot
    balance_on: dt.date | None


@dataclass(frozen=True)
class NeedShown:
    kind: str
    nature: str
    competitor_bank: str | None
    status: str
    identified_on: dt.date
    presented_on: dt.date | None


@dataclass(frozen=True)
class InteractionShown:
    """A contact. The note (free text, C2) is left out unless unmasked."""

    occurred_at: dt.datetime
    kind: str
    outcome: str | None
    has_note: bool
    note: str | None
    resolved_at: dt.datetime | None


@dataclass(frozen=True)
class LinkShown:
    """Another party this one is linked to (a relationship or a referral), name masked;
    ``visible`` when the user may open that party's own page."""

    party_id: str
    name: str
    kind: str  # relationship kind, or referral role: referred_by / referred
    outgoing: bool
    on: dt.date | None
    status: str | None
    visible: bool


@dataclass(frozen=True)
class ActionShown:
    id: int
    kind: str
    criterion_id: str
    target_stage: str
    reason: Text
    due_on: dt.date
    status: str
    priority: float
    version: int


@dataclass(frozen=True)
class WalletShown:
    """The newest share-of-wallet estimate and the peer group that explains it (the share is
    not personal money; the amounts stay on the wallet view, masked)."""

    share: float
    peer_group: str
    peers: int
    as_of: dt.date


@dataclass(frozen=True)
class Party360:
    """One party's whole picture: ladder, evidence and gap, tactics, book and history."""

    identity: Identity
    ladder: tuple[Rung, ...]
    stage: Rung | None  # None: not yet on the ladder (or never assessed)
    next_stage: Rung | None
    assessed_on: dt.date | None
    evidence: tuple[CriterionShown, ...]  # criteria met, up to the party's rung
    gap: tuple[CriterionShown, ...]  # unmet criteria of the next rung
    tactics: tuple[Text, ...]
    holdings: tuple[HoldingShown, ...]
    needs: tuple[NeedShown, ...]
    interactions: tuple[InteractionShown, ...]
    relationships: tuple[LinkShown, ...]
    referrals: tuple[LinkShown, ...]
    actions: tuple[ActionShown, ...]
    unmasked: bool
    masked_fields: tuple[str, ...]  # the C2 fields this view holds (shown in full if unmasked)
    wallet: WalletShown | None = None  # None: no estimate yet
    chance: Chance | None = None  # the chance to move up a rung; None: no recent model score
