"""Product fit over the API: ``GET /api/v1/products`` (the catalogue with its selling points)
and ``GET /api/v1/parties/{id}/products`` (wallet, idle cash, matched products; amounts
masked). Unmasking goes through the page or the party's own unmask."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.encoders import jsonable_encoder
from starlette.responses import JSONResponse, Response

from bankladder.access.principal import Permission
from bankladder.products import service
from bankladder.web.dependencies import Caller, Requires, StoreSession

router = APIRouter(prefix="/api/v1")
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]


@router.get("/products", name="api_products")
def get_catalogue(caller: Reader, session: StoreSession) -> Response:
    return JSONResponse(jsonable_encoder({"products": service.catalogue(session)}))


@router.get("/parties/{party_id}/products", name="api_party_products")
def get_party_products(party_id: str, caller: Reader, session: StoreSession) -> Response:
    view = service.party_products(session, caller.principal, party_id)
    return JSONResponse(jsonable_encoder(view))
