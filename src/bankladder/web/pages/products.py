"""Resource mining on the page: a party's wallet, idle cash and the products to put before it
(``GET /parties/{id}/products``, amounts masked; ``POST .../products/unmask`` shows them with a
reason), and the catalogue with its selling points by competitor (``GET /products``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import Response

from bankladder.access.principal import Permission
from bankladder.errors import InvalidInput
from bankladder.products import service
from bankladder.products.families import family_name
from bankladder.products.schemas import PartyProducts
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter()
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]
Unmasker = Annotated[Caller, Depends(Requires(Permission.PARTIES_UNMASK))]


@router.get("/products", name="products_catalogue")
def catalogue_page(request: Request, caller: Reader, session: StoreSession) -> Response:
    cards = service.catalogue(session)
    families = list(dict.fromkeys(card.family for card in cards))
    return workbench(request).pages.render(
        "products_catalogue.html",
        caller.locale,
        account=caller.account,
        csrf_token=caller.csrf_token,
        families=[(family_name(f), [c for c in cards if c.family == f]) for f in families],
    )


@router.get("/parties/{party_id}/products", name="party_products")
def party_page(request: Request, party_id: str, caller: Reader, session: StoreSession) -> Response:
    view = service.party_products(session, caller.principal, party_id)
    return _render(request, caller, view)


@router.post("/parties/{party_id}/products/unmask", name="party_products_unmask")
def unmask_page(
    request: Request,
    party_id: str,
    caller: Unmasker,
    session: StoreSession,
    reason: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    bench = workbench(request)
    try:
        view = service.unmask(session, caller.principal, party_id, reason, bench.clock())
    except InvalidInput:
        view = service.party_products(session, caller.principal, party_id)
        return _render(request, caller, view, status=400, reason_refused=True)
    return _render(request, caller, view)


def _render(
    request: Request,
    caller: Caller,
    view: PartyProducts,
    *,
    status: int = 200,
    reason_refused: bool = False,
) -> Response:
    return workbench(request).pages.render(
        "party_products.html",
        caller.locale,
        status,
        account=caller.account,
        csrf_token=caller.csrf_token,
        view=view,
        family_name=family_name,
        reason_refused=reason_refused,
        may_unmask=caller.principal.may(Permission.PARTIES_UNMASK),
        reason_min=service.REASON_MIN,
    )
