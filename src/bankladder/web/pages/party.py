"""Party 360 (``GET /parties/{id}``), unmasking it with a reason, and logging a contact in
two taps: the pre-filled form (``GET /parties/{id}/log?kind=visit``) and its one-tap save."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse, Response

from bankladder.access.principal import Permission
from bankladder.contacts import service as contacts
from bankladder.contacts.schemas import DEFAULT_OUTCOME, NOTE_MAX, OUTCOMES
from bankladder.errors import InvalidInput
from bankladder.party360 import service as party360
from bankladder.party360.schemas import Identity, Party360
from bankladder.store.vocabulary import InteractionKind
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter()
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
Worker = Annotated[Caller, Depends(Requires(Permission.PARTIES_WORK))]
Unmasker = Annotated[Caller, Depends(Requires(Permission.PARTIES_UNMASK))]
MINUTE = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends and shows


@router.get("/parties/{party_id}", name="party_360")
def party_page(
    request: Request,
    party_id: str,
    caller: Reader,
    session: StoreSession,
    logged: str | None = None,
    was: str | None = None,
) -> Response:
    bench = workbench(request)
    view = party360.party_360(
        session, bench.settings, caller.principal, party_id, on=bench.clock().date()
    )
    return _render_360(request, caller, view, notice=_notice(view, logged, was))


@router.post("/parties/{party_id}/unmask", name="party_unmask")
def unmask_page(
    request: Request,
    party_id: str,
    caller: Unmasker,
    session: StoreSession,
    reason: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    bench = workbench(request)
    try:
        view = party360.unmask(
            session, bench.settings, caller.principal, party_id, reason, bench.clock()
        )
    except InvalidInput:
        view = party360.party_360(
            session, bench.settings, caller.principal, party_id, on=bench.clock().date()
        )
        return _render_360(request, caller, view, status=400, reason_refused=True)
    return _render_360(request, caller, view)


@router.get("/parties/{party_id}/log", name="log_contact_form")
def log_form(
    request: Request, party_id: str, caller: Worker, session: StoreSession, kind: str = "visit"
) -> Response:
    party = party360.identity(session, caller.principal, party_id)
    chosen = kind if kind in {k.value for k in InteractionKind} else InteractionKind.VISIT.value
    filled = {
        "kind": chosen,
        "occurred_at": workbench(request).clock().strftime(MINUTE),
        "outcome": DEFAULT_OUTCOME,
        "note": "",
    }
    return _render_log(request, caller, party, filled)


@router.post("/parties/{party_id}/interactions", name="log_contact")
def log_contact(
    request: Request,
    party_id: str,
    caller: Worker,
    session: StoreSession,
    kind: Annotated[str, Form(max_length=16)] = "",
    occurred_at: Annotated[str, Form(max_length=32)] = "",
    outcome: Annotated[str, Form(max_length=32)] = "",
    note: Annotated[str, Form(max_length=NOTE_MAX * 2)] = "",
) -> Response:
    bench = workbench(request)
    now = bench.clock()
    party = party360.identity(session, caller.principal, party_id)
    try:
        contact = contacts.read_contact(
            kind, _minute(occurred_at), outcome, note, now, bench.settings.bank_timezone
        )
    except contacts.ContactInvalid as invalid:
        filled = {"kind": kind, "occurred_at": occurred_at, "outcome": outcome, "note": note}
        return _render_log(request, caller, party, filled, invalid.problems, status=422)
    logged = contacts.log_contact(session, caller.principal, party_id, contact, now)
    # The contact lands before the party is re-evaluated: the engine reads the store itself.
    session.commit()
    result = contacts.reevaluate(
        bench.engine(), bench.settings, caller.principal, party_id, logged, now.date()
    )
    target = f"/parties/{party_id}?logged={contact.kind.value}&was={result.before.stage_id or ''}"
    return RedirectResponse(target, status_code=303)


def _minute(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _notice(view: Party360, logged: str | None, was: str | None) -> dict[str, object] | None:
    """After a contact was logged: its kind, and whether the party moved from the rung it
    stood on before (``was``: a rung's id, or empty for none)."""
    if logged not in {k.value for k in InteractionKind}:
        return None
    before = next((rung for rung in view.ladder if rung.id == was), None)
    before_rank = before.rank if before else 0
    after_rank = view.stage.rank if view.stage else 0
    return {
        "kind": logged,
        "before": before,
        "moved": was is not None and before_rank != after_rank,
        "up": after_rank > before_rank,
    }


def _render_360(
    request: Request,
    caller: Caller,
    view: Party360,
    *,
    notice: dict[str, object] | None = None,
    status: int = 200,
    reason_refused: bool = False,
) -> Response:
    principal = caller.principal
    return workbench(request).pages.render(
        "party.html",
        caller.locale,
        status,
        account=caller.account,
        csrf_token=caller.csrf_token,
        view=view,
        notice=notice,
        reason_refused=reason_refused,
        may_work=principal.may(Permission.PARTIES_WORK),
        may_unmask=principal.may(Permission.PARTIES_UNMASK),
        reason_min=party360.REASON_MIN,
    )


def _render_log(
    request: Request,
    caller: Caller,
    party: Identity,
    filled: dict[str, str],
    problems: tuple[str, ...] = (),
    status: int = 200,
) -> Response:
    return workbench(request).pages.render(
        "log_contact.html",
        caller.locale,
        status,
        account=caller.account,
        csrf_token=caller.csrf_token,
        party=party,
        filled=filled,
        problems=problems,
        kinds=[k.value for k in InteractionKind],
        outcomes=OUTCOMES,
        note_max=NOTE_MAX,
    )
