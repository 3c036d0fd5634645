"""The composition root: ``create_app(settings)`` builds the workbench; nothing connects at
import time, and the store is opened when the app starts (its lifespan)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from importlib import resources

from fastapi import FastAPI
from sqlalchemy import Engine
from starlette.staticfiles import StaticFiles

from bankladder.accounts.schemas import SessionPolicy, ThrottlePolicy
from bankladder.accounts.service import Clock
from bankladder.config import Settings, bank_now
from bankladder.store.database import connect
from bankladder.web import health
from bankladder.web.api import actions, me, openapi, parties
from bankladder.web.api import analytics as analytics_api
from bankladder.web.api import approvals as approvals_api
from bankladder.web.api import concessions as concessions_api
from bankladder.web.api import industries as industries_api
from bankladder.web.api import loans as loans_api
from bankladder.web.api import network as network_api
from bankladder.web.api import products as products_api
from bankladder.web.api import prospects as prospects_api
from bankladder.web.api import reciprocity as reciprocity_api
from bankladder.web.api import team as team_api
from bankladder.web.errors import install_error_handlers
from bankladder.web.headers import SecurityHeaders
from bankladder.web.pages import analytics as analytics_pages
from bankladder.web.pages import approvals as approvals_pages
from bankladder.web.pages import concessions as concessions_pages
from bankladder.web.pages import gift_report as gift_report_pages
from bankladder.web.pages import industries as industries_pages
from bankladder.web.pages import loans as loans_pages
from bankladder.web.pages import my_day, party, prospects, search, sign_in, team
from bankladder.web.pages import network as network_pages
from bankladder.web.pages import products as products_pages
from bankladder.web.pages import reciprocity as reciprocity_pages
from bankladder.web.templating import load_pages
from bankladder.web.workbench import Workbench, secure_cookies


def create_app(
    settings: Settings, *, store: Engine | None = None, clock: Clock | None = None
) -> FastAPI:
    """The workbench app. ``store``: an engine the caller owns (tests); by default the app
    opens the settings' store when it starts and disposes of it when it stops. ``clock``: the
    time the app sees; by default the bank's wall clock (``bank_timezone``), so a contact
    logged at 9:00 in Beijing is stored at 9:00 like the bank's own extracts."""
    bench = Workbench(
        settings=settings,
        clock=clock if clock is not None else (lambda: bank_now(settings)),
        sessions=SessionPolicy.from_settings(settings),
        throttle=ThrottlePolicy.from_settings(settings),
        secure_cookies=secure_cookies(settings),
        pages=load_pages(),
        store=store,
    )
    app = FastAPI(
        title="bankladder",
        lifespan=_lifespan(bench, owns_store=store is None),
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        debug=False,
    )
    app.state.workbench = bench
    app.add_middleware(SecurityHeaders)
    install_error_handlers(app)
    for module in (sign_in, my_day, me, openapi, health):
        app.include_router(module.router)
    for module in (prospects, search, prospects_api):  # prospects, search
        app.include_router(module.router)
    for module in (party, parties):  # party 360, log a contact, unmask
        app.include_router(module.router)
    for module in (team, actions, team_api):  # My day's answers, the team
        app.include_router(module.router)
    for module in (reciprocity_pages, reciprocity_api):  # the reciprocity ledger (win-win)
        app.include_router(module.router)
    app.include_router(gift_report_pages.router)  # the auditor's gifts of a year
    for module in (concessions_pages, concessions_api):  # price talks: pages before the API
        app.include_router(module.router)
    app.include_router(products_pages.router)  # resource mining, the catalogue
    app.include_router(products_api.router)
    for module in (network_pages, network_api):  # the network: prospects, intermediaries, fission
        app.include_router(module.router)
    for module in (industries_pages, industries_api):  # industry focus: targets, books, prospects
        app.include_router(module.router)
    for module in (loans_pages, loans_api):  # the loan pipeline, its SLA and turnaround
        app.include_router(module.router)
    for module in (approvals_pages, approvals_api):  # what waits for a checker's decision
        app.include_router(module.router)
    for module in (analytics_pages, analytics_api):  # manager analytics: dashboards, exports
        app.include_router(module.router)
    static = resources.files("bankladder.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app


def _lifespan(
    bench: Workbench, *, owns_store: bool
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if owns_store:
            bench.store = connect(bench.settings.store_url())
        try:
            yield
        finally:
            if owns_store and bench.store is not None:
                bench.store.dispose()
                bench.store = None

    return lifespan


def app_from_environment() -> FastAPI:
    """The app of a worker process started by ``bankladder serve`` (uvicorn's factory)."""
    return create_app(Settings())
