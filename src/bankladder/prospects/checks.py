"""Checks of what a user typed about a party (pure): identifiers by their standards
(``parties.identifiers``), required fields, lengths. Values come back normalised as stored:
a mobile as its 11 digits, an ID number without spaces and in upper case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bankladder.parties.identifiers import check_credit_code, check_mobile, check_resident_id
from bankladder.parties.resolution import mobile_key, normalise_id_number
from bankladder.prospects.schemas import NewProspect, Problem
from bankladder.store.vocabulary import PartyKind

LENGTHS = {
    "name": 200,
    "mobile": 20,
    "id_number": 32,
    "prospect_group": 100,
    "segment": 32,
    "region": 100,
    "note": 2000,
    "competitor_bank": 100,
}
REQUIRED = frozenset({"name", "mobile"})


def text(value: str | None) -> str | None:
    """The value without surrounding spaces; None when nothing is left."""
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None


def too_long(name: str, value: str | None) -> Problem | None:
    limit = LENGTHS.get(name)
    if value is not None and limit is not None and len(value) > limit:
        return Problem(name, "too_long", f"at most {limit} characters, found {len(value)}")
    return None


def required(name: str, value: str | None) -> Problem | None:
    return Problem(name, "required", "is required") if value is None else None


def mobile_problem(value: str | None) -> Problem | None:
    reason = None if value is None else check_mobile(value)
    return None if reason is None else Problem("mobile", "mobile", reason)


def id_number_problem(value: str | None, kind: PartyKind, today: dt.date) -> Problem | None:
    """A person's resident ID (GB 11643) or an enterprise's credit code (GB 32100)."""
    if value is None:
        return None
    if kind is PartyKind.ENTERPRISE:
        reason = check_credit_code(value)
        return None if reason is None else Problem("id_number", "credit_code", reason)
    reason = check_resident_id(value, today)
    return None if reason is None else Problem("id_number", "resident_id", reason)


def checked_fields(
    values: Mapping[str, str | None], kind: PartyKind, today: dt.date
) -> tuple[dict[str, Any], list[Problem]]:
    """The fields given, normalised, and the problems found (at most one per field). A name
    and a mobile, when given, cannot be empty."""
    cleaned: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, value in values.items():
        cleaned[name] = text(value)
        problem = _problem(name, cleaned[name], kind, today)
        if problem is not None:
            problems.append(problem)
    if "id_number" in cleaned:
        cleaned["id_number"] = normalise_id_number(cleaned["id_number"])
    if cleaned.get("mobile") is not None and not any(p.field == "mobile" for p in problems):
        cleaned["mobile"] = mobile_key(cleaned["mobile"])
    return cleaned, problems


def _problem(name: str, value: str | None, kind: PartyKind, today: dt.date) -> Problem | None:
    problem = too_long(name, value)
    if problem is None and name in REQUIRED:
        problem = required(name, value)
    if problem is None and name == "mobile":
        problem = mobile_problem(value)
    if problem is None and name == "id_number":
        problem = id_number_problem(normalise_id_number(value), kind, today)
    return problem


def checked_prospect(new: NewProspect, today: dt.date) -> tuple[NewProspect, list[Problem]]:
    """The prospect with its fields normalised, and the problems found."""
    values = {
        "name": new.name,
        "mobile": new.mobile,
        "id_number": new.id_number,
        "prospect_group": new.prospect_group,
        "note": new.note,
    }
    cleaned, problems = checked_fields(values, new.kind, today)
    return replace(new, **cleaned), problems
