"""``GET /api/v1/openapi.json``: the API's OpenAPI document, for signed-in users (no public
docs page: Swagger UI would load its scripts from a CDN)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from bankladder.web.dependencies import SignedIn

router = APIRouter(prefix="/api/v1")


@router.get("/openapi.json", name="api_openapi", include_in_schema=False)
def openapi(request: Request, _caller: SignedIn) -> dict[str, Any]:
    document: dict[str, Any] = request.app.openapi()
    return document
