"""Docs that cannot drift: the fact page, the README's settings and commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from bankladder.cli import app
from bankladder.cli.facts import markdown
from bankladder.config import Settings

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]


def test_the_fact_page_is_generated_from_the_catalogue() -> None:
    page = (ROOT / "docs" / "facts.md").read_text(encoding="utf-8")
    assert page == markdown(), "regenerate docs/facts.md from bankladder.cli.facts.markdown()"


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [
        f"BANKLADDER_{n.upper()}"
        for n in Settings.model_fields
        if f"BANKLADDER_{n.upper()}" not in readme
    ]
    assert missing == []


def test_every_command_is_named_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    assert [n for n in names if f"bankladder {n}" not in readme] == []
