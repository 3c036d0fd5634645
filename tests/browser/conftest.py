"""Real Chromium, driven by Playwright for Python, against a live workbench.

The browser is Debian's Chromium (``apt-get install chromium``; ``.ci/run`` installs it):
Playwright drives it through ``executable_path`` and downloads nothing. The workbench runs in
this process on a free loopback port (uvicorn in a thread), on a demo bank built once for the
session, with one user per role. Under CI=true a missing Chromium fails the run; elsewhere the
browser tests are skipped. Screenshots go to ``test-results/screenshots`` (or
``BANKLADDER_SCREENSHOTS``), named by test and viewport.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import Engine, func, select

from bankladder.cli import run
from bankladder.config import Settings, sqlite_url
from bankladder.store.database import connect
from bankladder.store.models import Action, RelationshipManager
from bankladder.store.vocabulary import UserRole
from bankladder.web.app import create_app
from tests.workbench import PASSWORD, add_user

AS_OF = "2026-06-30"
CHROMIUM = os.environ.get("BANKLADDER_TEST_CHROMIUM") or shutil.which("chromium")
SCREENSHOTS = Path(os.environ.get("BANKLADDER_SCREENSHOTS", "test-results/screenshots"))
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1366, "height": 900}}


@dataclass(frozen=True)
class Workbench:
    """A live workbench: its address, its store file, and the demo RM its rm user serves."""

    url: str
    store: Path
    rm_id: str
    password: str = PASSWORD


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None or not Path(CHROMIUM).exists():
        message = "no Chromium: apt-get install -y chromium (or set BANKLADDER_TEST_CHROMIUM)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        # Chromium's sandbox needs user namespaces, which a root CI container lacks.
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def workbench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workbench]:
    store = tmp_path_factory.mktemp("workbench") / "demo.db"
    assert run(["demo", "--parties", "600", "--db", str(store), "--as-of", AS_OF]) == 0
    engine = connect(sqlite_url(store))
    rm_id = _busiest_rm(engine)
    branch = _branch_of(engine, rm_id)
    add_user(engine, "wang", UserRole.RM, rm_id=rm_id)
    add_user(engine, "zhao", UserRole.MANAGER, branch_id=branch)
    add_user(engine, "root", UserRole.ADMIN)
    add_user(engine, "shen", UserRole.AUDITOR)
    engine.dispose()
    settings = Settings(database_url=sqlite_url(store), secure_cookies=False)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    _wait_until_started(server)
    yield Workbench(f"http://127.0.0.1:{port}", store, rm_id)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(params=list(VIEWPORTS))
def page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """A fresh browser context (no cookies) at a phone's or a desktop's width, in Chinese."""
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="zh-CN")  # type: ignore[arg-type]
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


def screenshot(page: Page, request: pytest.FixtureRequest, step: str) -> Path:
    """Save the page as the run's evidence: test name, viewport and step in the file name."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = request.node.name.replace("[", "-").rstrip("]")
    path = SCREENSHOTS / f"{name}-{step}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _busiest_rm(engine: Engine) -> str:
    with engine.connect() as connection:
        query = select(Action.rm_id).group_by(Action.rm_id).order_by(func.count().desc())
        found = connection.execute(query.limit(1)).scalar_one()
    return str(found)


def _branch_of(engine: Engine, rm_id: str) -> str:
    with engine.connect() as connection:
        query = select(RelationshipManager.branch_id).where(RelationshipManager.id == rm_id)
        return str(connection.execute(query).scalar_one())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_started(server: uvicorn.Server, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the workbench did not start")
        time.sleep(0.05)
