"""``GET /api/v1/analytics``: the analytics views by name; ``GET /api/v1/analytics/funnel``
(a route per view): one view's table as JSON (rows typed, names masked, in the caller's
language), with the filters of the pages (``from``, ``to``, ``branch``, ``rm``, ``segment``,
``industry``). Both need ``team.view``; the scope is the caller's (a manager: their branch; an
auditor: every party)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from bankladder.access.principal import Permission
from bankladder.analytics import render, service, views
from bankladder.evaluation.ladders import bank_ladder
from bankladder.ladder.model import Text
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench
from bankladder.web.pages.analytics import Asked, AskedFilters, chosen_filters

router = APIRouter(prefix="/api/v1")
TeamViewer = Annotated[Caller, Depends(Requires(Permission.TEAM_VIEW))]


class TextOut(BaseModel):
    zh: str
    en: str


class ColumnOut(BaseModel):
    key: str
    kind: str
    title: TextOut


class ViewOut(BaseModel):
    view: str
    title: TextOut
    filters: dict[str, str]
    columns: list[ColumnOut]
    rows: list[dict[str, Any]]
    note: TextOut | None


class ViewListed(BaseModel):
    view: str
    title: TextOut
    href: str


def _text(text: Text) -> TextOut:
    return TextOut(zh=text.zh, en=text.en)


@router.get("/analytics", name="api_analytics")
def listed(caller: TeamViewer) -> list[ViewListed]:
    """Every view, in the order the dashboard shows them."""
    return [
        ViewListed(view=name, title=_text(views.title(name)), href=f"/api/v1/analytics/{name}")
        for name in views.MODULES
    ]


def _one_view(
    request: Request, name: str, caller: Caller, session: StoreSession, form: Asked
) -> ViewOut:
    bench = workbench(request)
    chosen = chosen_filters(session, caller.principal, bench.clock().date(), form)
    ladder = bank_ladder(session, bench.settings)
    table = service.report(session, caller.principal, ladder, name, chosen)
    return ViewOut(
        view=table.view,
        title=_text(table.title),
        filters=chosen.described(),
        columns=[
            ColumnOut(key=c.key, kind=c.kind.value, title=_text(c.title)) for c in table.columns
        ],
        rows=render.records(table, caller.locale.value),
        note=_text(table.note) if table.note is not None else None,
    )


def _route_of(name: str) -> None:
    """``GET /api/v1/analytics/{name}``: a route per view of the registry (as the pages have)."""

    def one_view(
        request: Request, caller: TeamViewer, session: StoreSession, form: AskedFilters
    ) -> ViewOut:
        return _one_view(request, name, caller, session, form)

    one_view.__doc__ = f"The view {name!r} over the caller's parties: columns, typed rows, note."
    router.add_api_route(
        f"/analytics/{name}",
        one_view,
        methods=["GET"],
        name=f"api_analytics_{name}",
        response_model=ViewOut,
    )


for _name in views.MODULES:
    _route_of(_name)
