"""The network over the API: ``GET /api/v1/parties/{id}/network`` (a party's neighbourhood,
prospects, intermediary rank and fission figures), ``/api/v1/network/intermediaries`` and
``/api/v1/network/fission``, within the caller's scope (out of scope: 404, like unknown)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.encoders import jsonable_encoder
from starlette.responses import JSONResponse, Response

from bankladder.access.principal import Permission
from bankladder.network import service
from bankladder.network.schemas import ProspectList
from bankladder.referrals import service as referrals
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter(prefix="/api/v1")
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
Limit = Annotated[int, Query(ge=1, le=500)]


@router.get("/parties/{party_id}/network", name="api_party_network")
def party_network(
    request: Request, party_id: str, caller: Reader, session: StoreSession
) -> Response:
    today = workbench(request).clock().date()
    view = service.party_network(session, caller.principal, party_id, today)
    answer = jsonable_encoder(view)
    answer["prospects"] = prospects_json(view.prospects)
    return JSONResponse(answer)


@router.get("/network/intermediaries", name="api_network_intermediaries")
def intermediaries(
    caller: Reader, session: StoreSession, limit: Limit = service.LIST_SIZE
) -> Response:
    ranking = service.intermediary_ranking(session, caller.principal, limit=limit)
    return JSONResponse(jsonable_encoder(ranking))


@router.get("/network/fission", name="api_network_fission")
def fission(
    request: Request, caller: Reader, session: StoreSession, as_of: dt.date | None = None
) -> Response:
    day = as_of or workbench(request).clock().date()
    return JSONResponse(jsonable_encoder(referrals.fission(session, caller.principal, day)))


def prospects_json(found: ProspectList) -> dict[str, Any]:
    """The list with each prospect's ``identified`` flag spelled out."""
    return {
        "as_of": None if found.as_of is None else found.as_of.isoformat(),
        "not_identified": found.not_identified,
        "prospects": [
            {**jsonable_encoder(dataclasses.asdict(p)), "identified": p.identified}
            for p in found.prospects
        ],
    }
