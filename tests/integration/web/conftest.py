"""A workbench app on a real SQLite store with one user per role, and a moved clock."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import Engine

from bankladder.accounts.schemas import Account
from bankladder.config import Settings
from bankladder.store.vocabulary import UserRole
from bankladder.web.app import create_app
from tests.workbench import PASSWORD, Clock, small_bank, staff

HIDDEN_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def bank(tmp_path: Path) -> Iterator[Engine]:
    engine = small_bank(f"sqlite:///{tmp_path / 'store.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def users(bank: Engine) -> dict[UserRole, Account]:
    return staff(bank)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(bank: Engine, users: dict[UserRole, Account], clock: Clock) -> FastAPI:
    return create_app(Settings(), store=bank, clock=clock)  # Secure cookies: the default


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="https://workbench.test", follow_redirects=False) as client:
        yield client


def sign_in(client: TestClient, username: str = "wang", password: str = PASSWORD) -> Response:
    """Fill in and send the sign-in form, as a browser would."""
    page = client.get("/sign-in")
    token = HIDDEN_CSRF.search(page.text)
    assert token is not None
    return client.post(
        "/sign-in",
        data={"username": username, "password": password, "csrf_token": token.group(1)},
    )


def csrf_token(client: TestClient) -> str:
    """The session's CSRF token, from a signed-in page's forms."""
    found = HIDDEN_CSRF.search(client.get("/").text)
    assert found is not None
    return found.group(1)
