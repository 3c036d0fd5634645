"""Deny by default: every route declares a permission, except the few that are public on
purpose (sign-in and health) and the static files."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts
from starlette.routing import Mount

from bankladder.config import Settings
from bankladder.web.app import create_app
from bankladder.web.dependencies import Requires, public

pytestmark = pytest.mark.integration

PUBLIC = {("GET", "/sign-in"), ("POST", "/sign-in"), ("GET", "/healthz")}


def _calls(dependant: Dependant) -> list[object]:
    found: list[object] = [dependant.call]
    for sub in dependant.dependencies:
        found += _calls(sub)
    return found


def routes(app: FastAPI) -> list[RouteContext]:
    """Every route as it is served, routers included (with their prefixes and dependencies)."""
    return list(iter_route_contexts(app.routes))


def _guard(route: RouteContext) -> str:
    """'permission', 'public', 'static', or 'none' for a route without any."""
    if isinstance(route.original_route, Mount) and route.name == "static":
        return "static"
    if not isinstance(route.original_route, APIRoute):
        return "none"
    calls = _calls(route.dependant)
    if any(isinstance(call, Requires) for call in calls):
        return "permission"
    return "public" if public in calls else "none"


def unguarded(app: FastAPI) -> list[str | None]:
    return [route.path for route in routes(app) if _guard(route) == "none"]


def public_routes(app: FastAPI) -> set[tuple[str, str | None]]:
    return {
        (method, route.path)
        for route in routes(app)
        if _guard(route) == "public"
        for method in route.methods or ()
    }


def test_every_route_declares_a_permission_or_is_public_on_purpose() -> None:
    assert unguarded(create_app(Settings())) == []


def test_only_sign_in_and_health_are_public() -> None:
    assert public_routes(create_app(Settings())) == PUBLIC


def test_the_walker_catches_a_route_added_without_a_permission() -> None:
    app = create_app(Settings())

    @app.get("/forgotten")
    def forgotten() -> dict[str, str]:
        return {}

    assert unguarded(app) == ["/forgotten"]


def test_no_docs_page_loads_scripts_from_a_cdn() -> None:
    paths = {route.path for route in routes(create_app(Settings()))}
    assert {"/docs", "/redoc", "/openapi.json"} & paths == set()
