"""The network pages: a party's network (``GET /parties/{id}/network``: the drawing, its
prospects with the introducer's path, its intermediary rank and fission figures), the
intermediary ranking (``/network/intermediaries``) and the fission figures
(``/network/fission``), each within the user's scope."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from markupsafe import Markup
from starlette.responses import Response

from bankladder.access.principal import Permission
from bankladder.network import service, svg
from bankladder.network.schemas import NetworkGraph
from bankladder.referrals import service as referrals
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter()
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]


@router.get("/parties/{party_id}/network", name="party_network")
def party_network(
    request: Request, party_id: str, caller: Reader, session: StoreSession
) -> Response:
    bench = workbench(request)
    view = service.party_network(session, caller.principal, party_id, bench.clock().date())
    return bench.pages.render(
        "network_party.html",
        caller.locale,
        account=caller.account,
        csrf_token=caller.csrf_token,
        view=view,
        names={node.key: node.name.in_(caller.locale.value) for node in view.graph.nodes},
        drawing=_drawing(caller.locale.value),
    )


@router.get("/network/intermediaries", name="network_intermediaries")
def intermediaries(request: Request, caller: Reader, session: StoreSession) -> Response:
    ranking = service.intermediary_ranking(session, caller.principal)
    return workbench(request).pages.render(
        "network_intermediaries.html",
        caller.locale,
        account=caller.account,
        csrf_token=caller.csrf_token,
        ranking=ranking,
    )


@router.get("/network/fission", name="network_fission")
def fission(request: Request, caller: Reader, session: StoreSession) -> Response:
    bench = workbench(request)
    report = referrals.fission(session, caller.principal, bench.clock().date())
    return bench.pages.render(
        "network_fission.html",
        caller.locale,
        account=caller.account,
        csrf_token=caller.csrf_token,
        report=report,
    )


def _drawing(locale: str) -> object:
    """What the template calls with its translated texts to draw the graph (``svg.render``
    escapes every name, so its markup is safe to embed)."""

    def draw(
        graph: NetworkGraph,
        title: str,
        description: str,
        kinds: Mapping[str, str],
        customer: str,
        prospect: str,
    ) -> Markup:
        texts = svg.SvgTexts(title, description, kinds, customer, prospect)
        return Markup(svg.render(graph, texts, locale))  # noqa: S704 - escaped by svg.render

    return draw
