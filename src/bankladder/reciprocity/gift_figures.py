"""The auditor's gift figures of one calendar year, pure: per party (gifts given, their total,
the share of the yearly limit used, refusals), per RM, and every refused request.

The share used counts what the limit counts (given, approved and requested gifts), against
``per_party_year``; the totals count given gifts only, as the ledger does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from bankladder.reciprocity.gifts import LIVE, PENDING, ZERO
from bankladder.store.vocabulary import BenefitStatus

TENTH = Decimal("0.1")


@dataclass(frozen=True)
class GiftLine:
    """One gift of the year as the report reads it."""

    id: int
    party_id: str
    party_name: str  # as shown (a person's masked)
    rm_id: str | None
    branch_id: str | None
    status: BenefitStatus
    given_on: dt.date
    worth: Decimal
    refusal: str | None = None  # the checker's reason code, for a refused gift


@dataclass(frozen=True)
class PartyFigures:
    party_id: str
    party_name: str
    rm_id: str | None
    given: int
    given_total: Decimal
    pending_total: Decimal
    limit_used_pct: Decimal  # of per_party_year, one decimal
    refused: int


@dataclass(frozen=True)
class RmFigures:
    rm_id: str | None
    branch_id: str | None
    parties: int
    given: int
    given_total: Decimal
    refused: int


def per_party(lines: Iterable[GiftLine], per_party_year: Decimal) -> list[PartyFigures]:
    """One row per party with a gift in the year, by party id."""
    grouped: dict[str, list[GiftLine]] = {}
    for line in lines:
        grouped.setdefault(line.party_id, []).append(line)
    return [_party(gifts, per_party_year) for _id, gifts in sorted(grouped.items())]


def per_rm(lines: Iterable[GiftLine]) -> list[RmFigures]:
    """One row per RM who recorded a gift in the year, by RM id (no RM last)."""
    grouped: dict[str | None, list[GiftLine]] = {}
    for line in lines:
        grouped.setdefault(line.rm_id, []).append(line)
    ordered = sorted(grouped.items(), key=lambda item: (item[0] is None, item[0] or ""))
    return [_rm(rm_id, gifts) for rm_id, gifts in ordered]


def refused(lines: Iterable[GiftLine]) -> list[GiftLine]:
    return [line for line in lines if line.status is BenefitStatus.REFUSED]


def share(used: Decimal, limit: Decimal) -> Decimal:
    if limit <= 0:
        return Decimal("100.0") if used > 0 else Decimal("0.0")
    return (used * 100 / limit).quantize(TENTH, rounding=ROUND_HALF_UP)


def _party(gifts: list[GiftLine], per_party_year: Decimal) -> PartyFigures:
    given = [g for g in gifts if g.status is BenefitStatus.GIVEN]
    live = sum((g.worth for g in gifts if g.status in LIVE), ZERO)
    first = gifts[0]
    return PartyFigures(
        party_id=first.party_id,
        party_name=first.party_name,
        rm_id=first.rm_id,
        given=len(given),
        given_total=sum((g.worth for g in given), ZERO),
        pending_total=sum((g.worth for g in gifts if g.status in PENDING), ZERO),
        limit_used_pct=share(live, per_party_year),
        refused=sum(1 for g in gifts if g.status is BenefitStatus.REFUSED),
    )


def _rm(rm_id: str | None, gifts: list[GiftLine]) -> RmFigures:
    given = [g for g in gifts if g.status is BenefitStatus.GIVEN]
    return RmFigures(
        rm_id=rm_id,
        branch_id=gifts[0].branch_id,
        parties=len({g.party_id for g in gifts}),
        given=len(given),
        given_total=sum((g.worth for g in given), ZERO),
        refused=sum(1 for g in gifts if g.status is BenefitStatus.REFUSED),
    )
