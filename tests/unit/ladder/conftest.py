"""Fixtures for the ladder's unit tests: the fact catalogue and small playbooks on disk."""

from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

import pytest

from bankladder.ladder.facts import FactType
from bankladder.ladder.model import BankProfile, Ladder
from bankladder.ladder.playbook import load_playbook
from bankladder.playbooks import default_playbook_path

INTEGER_FACTS = [
    "days_since_first_contact",
    "days_since_last_contact",
    "contacts_total",
    "interactions_30d",
    "interactions_90d",
    "visits_90d",
    "calls_90d",
    "events_attended_365d",
    "care_events_180d",
    "service_events_180d",
    "complaints_180d",
    "complaints_open",
    "needs_existing",
    "needs_latent",
    "needs_identified",
    "needs_presented",
    "needs_won",
    "competitor_banks_noted",
    "products_held",
    "product_families_held",
    "months_as_customer",
    "vip_tier",
    "referrals_made",
    "referrals_converted",
    "supply_chain_links",
    "partners_on_books",
]
DECIMAL_FACTS = ("total_balance", "balance_change_90d")
BOOLEAN_FACTS = ("kyc_valid", "is_customer")

FACT_TYPES: dict[str, FactType] = {
    **dict.fromkeys(INTEGER_FACTS, FactType.integer),
    **dict.fromkeys(DECIMAL_FACTS, FactType.decimal),
    **dict.fromkeys(BOOLEAN_FACTS, FactType.boolean),
}

WritePlaybook = Callable[[str], Path]


@pytest.fixture
def fact_types() -> dict[str, FactType]:
    """The engine's fact catalogue, as the engine will pass it."""
    return dict(FACT_TYPES)


@pytest.fixture
def write_playbook(tmp_path: Path) -> WritePlaybook:
    """Writes a (dedented) playbook text to ``playbook.yaml`` and returns its path."""

    def write(text: str) -> Path:
        path = tmp_path / "playbook.yaml"
        path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture
def young_ladder(fact_types: dict[str, FactType]) -> Ladder:
    return load_playbook(default_playbook_path(), fact_types, BankProfile.young)


@pytest.fixture
def established_ladder(fact_types: dict[str, FactType]) -> Ladder:
    return load_playbook(default_playbook_path(), fact_types, BankProfile.established)
