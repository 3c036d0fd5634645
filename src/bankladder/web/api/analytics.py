"""``GET /api/v1/analytics``: the analytics views by name; ``GET /api/v1/analytics/{view}``: one
view's table as JSON (rows typed, names masked, in the caller's language), with the filters of
the pages (``from``, ``to``, ``branch``, ``rm``, ``segment``, ``industry``). Both need
``team.view``; the scope is the caller's (a manager: their branch; an auditor: every party)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel

from bankladder.access.principal import Permission
from bankladder.analytics import render, service, views
from bankladder.evaluation.ladders import bank_ladder
from bankladder.ladder.model import Text
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench
from bankladder.web.pages.analytics import AskedFilters, chosen_filters, known_view

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


@router.get("/analytics/{view}", name="api_analytics_view")
def one_view(
    request: Request,
    view: Annotated[str, Path(max_length=32)],
    caller: TeamViewer,
    session: StoreSession,
    form: AskedFilters,
) -> ViewOut:
    """One view over the caller's parties: its columns, typed rows and how to read it."""
    bench = workbench(request)
    name = known_view(view)
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
