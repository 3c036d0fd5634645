"""Record audit events: unmasking personal data (with the reason given), records created or
changed in the workbench, exports. Append-only: nothing here updates or deletes an event.

Callers pass what happened in words the bank uses (``event`` such as ``party.unmask``,
``interaction.log``, ``action.answer``) and the object's type and id; ``detail`` names fields
or counts, never a personal value (the C2 columns stay out of the trail). The caller owns the
transaction, so an event lands with the change it records, or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.store.models import AuditEvent


def record(
    session: Session,
    principal: Principal | None,
    event: str,
    object_type: str,
    object_id: str,
    at: dt.datetime,
    *,
    reason: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Append one event; ``principal`` None for the system (a batch, the command line)."""
    session.execute(
        insert(AuditEvent).values(
            at=at,
            user_id=principal.user_id if principal is not None else None,
            event=event,
            object_type=object_type,
            object_id=object_id,
            reason=reason,
            detail=dict(detail or {}),
        )
    )
