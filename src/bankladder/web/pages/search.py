"""Search the user's parties by name, mobile, ID number or party number. The query travels
in the POST body only: it never appears in a URL, a redirect or a log line."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import Response

from bankladder.access.principal import Permission
from bankladder.prospects import service
from bankladder.prospects.schemas import SearchResults
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter()
Reader = Annotated[Caller, Depends(Requires(Permission.PARTIES_READ))]


class SearchForm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    csrf_token: str = Field(default="", max_length=100)
    query: str = Field(default="", max_length=200)


def search_page(
    request: Request, caller: Caller, query: str, results: SearchResults | None
) -> Response:
    return workbench(request).pages.render(
        "search.html",
        caller.locale,
        account=caller.account,
        csrf_token=caller.csrf_token,
        query=query,
        results=results,
        may_add=caller.principal.may(Permission.PARTIES_WORK),
    )


@router.get("/search", name="search_form")
def search_form(request: Request, caller: Reader) -> Response:
    return search_page(request, caller, "", None)


@router.post("/search", name="search")
def search(
    request: Request,
    form: Annotated[SearchForm, Form()],
    caller: Reader,
    session: StoreSession,
) -> Response:
    results = service.search_parties(session, caller.principal, form.query)
    return search_page(request, caller, form.query, results)
