"""Fixtures shared by every tier."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bankladder.engine.catalogue import fact_types
from bankladder.ladder.model import BankProfile, Ladder
from bankladder.ladder.playbook import load_playbook
from bankladder.playbooks import default_playbook_path

pytest_plugins = ["tests.postgres"]


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads the developer's own ~/.bankladder or BANKLADDER_ settings."""
    for name in list(os.environ):
        if name.startswith("BANKLADDER_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("BANKLADDER_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(scope="session")
def young_ladder() -> Ladder:
    return load_playbook(default_playbook_path(), fact_types(), BankProfile.young)


@pytest.fixture(scope="session")
def established_ladder() -> Ladder:
    return load_playbook(default_playbook_path(), fact_types(), BankProfile.established)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"
