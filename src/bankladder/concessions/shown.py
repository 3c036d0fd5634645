"""How requests are shown: masked by default (see ``schemas``), the size always, and the
party's reciprocity beside them from the reciprocity ledger (read-only, masked)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.concessions.schemas import ConcessionShown, DecisionShown, Standing
from bankladder.concessions.workflow import Size, size_of
from bankladder.config import Settings
from bankladder.privacy.masking import MASKED_AMOUNT, party_name
from bankladder.reciprocity import service as reciprocity
from bankladder.store.models import PriceConcession
from bankladder.store.vocabulary import ConcessionKind


def size(concession: PriceConcession) -> Size:
    return size_of(concession.kind, Decimal(concession.standard), Decimal(concession.requested))


def price(kind: ConcessionKind, value: Decimal) -> str:
    """A rate as percent a year, a fee in CNY."""
    if kind is ConcessionKind.FEE:
        return f"{value:,.2f}"
    return f"{value.quantize(Decimal('0.0001')).normalize():f}%"


def concession(row: Row[Any], *, unmasked: bool) -> ConcessionShown:
    c: PriceConcession = row.PriceConcession
    measured = size(c)
    return ConcessionShown(
        id=c.id,
        party_id=c.party_id,
        party_name=party_name(row.party_name, row.party_kind.value),
        product_code=c.product_code,
        product_zh=row.name_zh,
        product_en=row.name_en,
        kind=c.kind.value,
        standard=price(c.kind, Decimal(c.standard)) if unmasked else MASKED_AMOUNT,
        requested=price(c.kind, Decimal(c.requested)) if unmasked else MASKED_AMOUNT,
        size=measured.shown,
        size_amount=measured.amount,
        unit=measured.unit.value,
        status=c.status.value,
        required_role=c.required_role.value,
        rm_id=c.rm_id,
        maker=row.maker,
        requested_at=c.requested_at,
        decided_at=c.decided_at,
        version=c.version,
        justification=c.justification if unmasked else None,
        unmasked=unmasked,
    )


def decisions(rows: list[Row[Any]], *, unmasked: bool) -> tuple[DecisionShown, ...]:
    return tuple(
        DecisionShown(
            decision=row.ConcessionDecision.decision.value,
            username=row.username,
            role=row.ConcessionDecision.role.value,
            at=row.ConcessionDecision.at,
            note=row.ConcessionDecision.note if unmasked else None,
            has_note=bool(row.ConcessionDecision.note),
        )
        for row in rows
    )


def standing(
    session: Session, settings: Settings, principal: Principal | None, party_id: str, day: dt.date
) -> Standing:
    """The party's contribution, VIP tier and balance of favours in words, masked."""
    ledger = reciprocity.ledger(session, settings, principal, party_id, day)
    return Standing(ledger.contribution, ledger.vip_tier, ledger.win_win, ledger.statement)
