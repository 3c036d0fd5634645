"""Every query the contacts feature makes of the store."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.access.scope import scope_party_owned
from bankladder.store.models import Assessment, Interaction, Party


def add_interaction(
    session: Session,
    party: Party,
    kind: str,
    occurred_at: dt.datetime,
    outcome: str,
    note: str | None,
) -> int:
    """Insert the contact for the party's RM; its id."""
    inserted = session.execute(
        insert(Interaction)
        .values(
            party_id=party.id,
            rm_id=party.rm_id,
            kind=kind,
            occurred_at=occurred_at,
            outcome=outcome,
            note=note,
        )
        .returning(Interaction.id)
    )
    return int(inserted.scalar_one())


def latest_standing(
    session: Session, principal: Principal, party_id: str
) -> tuple[str | None, int] | None:
    """(stage, rank) of the party's latest assessment, None when never assessed."""
    query = select(Assessment.stage_id, Assessment.stage_rank).where(
        Assessment.party_id == party_id
    )
    query = scope_party_owned(query, Assessment.party_id.expression, principal)
    row = session.execute(query.order_by(Assessment.as_of.desc()).limit(1)).first()
    return None if row is None else (row.stage_id, row.stage_rank)


def latest_assessment_date(session: Session) -> dt.date | None:
    """The newest date the store was evaluated for (any party)."""
    return session.scalar(select(func.max(Assessment.as_of)))
