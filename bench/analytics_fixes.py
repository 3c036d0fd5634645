"""Candidate fixes for the views over 2 s, tried here only (the views are not changed): each
runs the view with its SQL rewritten, checks the table is the same, and times it."""

from __future__ import annotations

from typing import Any


def run(snapshot: Any, cases: dict[str, Any], runs: int) -> None:
    """Nothing to try yet."""
