"""``GET /healthz``: the process answers and its store answers; for the bank's proxy."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text
from starlette.responses import JSONResponse

from bankladder.web.dependencies import Public, StoreSession

router = APIRouter()


@router.get("/healthz", dependencies=[Public], name="health")
def health(session: StoreSession) -> JSONResponse:
    session.execute(text("SELECT 1"))
    return JSONResponse({"status": "ok"})
