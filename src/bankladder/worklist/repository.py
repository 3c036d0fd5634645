"""Every query the worklist feature makes of the store."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from bankladder.store.models import Action, Assessment, Party, RelationshipManager
from bankladder.store.vocabulary import ActionStatus


def rm_exists(session: Session, rm_id: str) -> bool:
    return session.get(RelationshipManager, rm_id) is not None


def rm_ids(session: Session, limit: int = 5) -> list[str]:
    return list(
        session.scalars(
            select(RelationshipManager.id).order_by(RelationshipManager.id).limit(limit)
        )
    )


def latest_as_of(session: Session) -> dt.date | None:
    return session.scalar(select(func.max(Assessment.as_of)))


def standing(as_of: dt.date) -> Any:
    """Each party's latest assessment on or before ``as_of``: where it stands that day, even
    when only some parties were evaluated on the day itself (one party after a visit)."""
    latest = (
        select(Assessment.party_id, func.max(Assessment.as_of).label("as_of"))
        .where(Assessment.as_of <= as_of)
        .group_by(Assessment.party_id)
        .subquery()
    )
    return (
        select(Assessment.party_id, Assessment.stage_id, Assessment.stage_rank)
        .join(
            latest,
            and_(Assessment.party_id == latest.c.party_id, Assessment.as_of == latest.c.as_of),
        )
        .subquery()
    )


def open_actions(session: Session, rm_id: str, as_of: dt.date, limit: int) -> list[Any]:
    """The RM's open actions, most pressing first, with the party and its stage on ``as_of``."""
    stand = standing(as_of)
    query = (
        select(
            Action.party_id,
            Party.name.label("party_name"),
            Party.kind.label("party_kind"),
            stand.c.stage_id,
            Action.kind,
            Action.target_stage,
            Action.reason_zh,
            Action.reason_en,
            Action.priority,
            Action.due_on,
        )
        .join(Party, Party.id == Action.party_id)
        .outerjoin(stand, stand.c.party_id == Action.party_id)
        .where(Action.rm_id == rm_id, Action.status == ActionStatus.OPEN)
        .order_by(Action.priority.desc(), Action.due_on, Action.party_id, Action.criterion_id)
        .limit(limit)
    )
    return list(session.execute(query))


def counts_by_rank(session: Session, as_of: dt.date, rm_id: str | None = None) -> dict[int, int]:
    stand = standing(as_of)
    query = select(stand.c.stage_rank, func.count())
    if rm_id is not None:
        query = query.join(Party, Party.id == stand.c.party_id).where(Party.rm_id == rm_id)
    rows = session.execute(query.group_by(stand.c.stage_rank)).tuples()
    return dict(rows.all())
