"""``bankladder parties``: duplicates listed masked, a merge confirmed, shown and refused twice."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import Outcome
from tests.support import StoreBuilder, at

pytestmark = pytest.mark.e2e

ID_A = "11010519491231002X"
MOBILE = "13900139000"
Cli = Callable[..., Outcome]


@pytest.fixture
def store(store_path: Path) -> str:
    b = StoreBuilder()
    b.party("P1", id_number=ID_A)
    b.party("P2", id_number=ID_A)
    b.party("P3", mobile=MOBILE)
    b.party("P4", mobile=MOBILE)
    b.contact("P2", "visit", at("2026-02-10"))
    b.holding("P2", "DEP", "2025-01-01")
    b.build(store_path).dispose()
    return str(store_path)


def assert_masked(text: str) -> None:
    for secret in (ID_A, MOBILE, "客户P1", "客户P3"):
        assert secret not in text


def test_duplicates_are_listed_masked(cli: Cli, store: str) -> None:
    shown = cli("parties duplicates --locale en --db", store)
    assert shown.code == 0, shown.err
    assert "same_id_number" in shown.out
    assert "shared_mobile" in shown.out
    assert "110***********002X" in shown.out
    assert_masked(shown.out + shown.err)


def test_duplicates_as_json_carry_the_masked_evidence(cli: Cli, store: str) -> None:
    shown = cli("parties duplicates --format json --db", store)
    pairs = json.loads(shown.out)
    assert [(p["first_id"], p["second_id"], p["verdict"]) for p in pairs] == [
        ("P1", "P2", "same"),
        ("P3", "P4", "likely"),
    ]
    assert pairs[1]["evidence"]["mobile"] == "139****9000"
    assert_masked(shown.out)


def test_a_merge_with_yes_moves_the_rows_and_prints_what_it_did(cli: Cli, store: str) -> None:
    merged = cli("parties merge P1 P2 --yes --db", store)
    assert merged.code == 0, merged.err
    assert "Merging P2 into P1" in merged.out
    assert "interaction" in merged.out
    assert "holding" in merged.out
    assert "P2 is now an alias of P1" in merged.out
    assert_masked(merged.out)
    listed = json.loads(cli("parties duplicates --format json --db", store).out)
    assert [(p["first_id"], p["second_id"]) for p in listed] == [("P3", "P4")]


def test_merging_the_same_party_twice_says_where_it_went(cli: Cli, store: str) -> None:
    cli("parties merge P1 P2 --yes --db", store)
    again = cli("parties merge P1 P2 --yes --db", store)
    assert again.code == 3
    assert "P2 was already merged into P1" in again.err
    assert "use P1 instead" in again.err


def test_a_merge_not_confirmed_changes_nothing(
    cli: Cli, store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    declined = cli("parties merge P1 P2 --db", store)
    assert declined.code == 1
    assert "Nothing was merged." in declined.out
    listed = json.loads(cli("parties duplicates --format json --db", store).out)
    assert ("P1", "P2") in [(p["first_id"], p["second_id"]) for p in listed]


def test_a_person_is_not_merged_into_itself(cli: Cli, store: str) -> None:
    refused = cli("parties merge P1 P1 --yes --db", store)
    assert refused.code == 2
    assert "cannot merge party P1 into itself" in refused.err
