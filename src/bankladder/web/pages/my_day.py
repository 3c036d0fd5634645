"""A placeholder for My day: who is signed in and in which role. The ranked worklist replaces
it in the pages task (issue 5, part 3); the route keeps its path."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from bankladder.web.dependencies import SignedIn, workbench

router = APIRouter()


@router.get("/", name="my_day_placeholder")
def my_day_placeholder(request: Request, caller: SignedIn) -> Response:
    return workbench(request).pages.render(
        "my_day_placeholder.html",
        caller.locale,
        account=caller.account,
        csrf_token=caller.csrf_token,
    )
