"""The demo catalogue holds together: every need the demo records finds a product, every
prerequisite is a product of the catalogue that its dependants' parties can hold, every selling
point is written against a kind of bank that ``competitors`` knows, in both languages."""

from __future__ import annotations

import pytest

from bankladder.demo.catalogue import CATALOGUE, DEMO_HELD, Family, ProductSheet
from bankladder.demo.holdings import NEXT_FAMILY
from bankladder.products.competitors import KIND_NAMES

pytestmark = pytest.mark.unit
BY_CODE = {p.code: p for p in CATALOGUE}


def test_codes_are_unique_and_the_demo_still_opens_the_first_sixteen() -> None:
    assert len(BY_CODE) == len(CATALOGUE) == 22
    assert len(DEMO_HELD) == 16


@pytest.mark.parametrize(
    ("person", "family"),
    [(person, family) for person, odds in NEXT_FAMILY.items() for family in odds],
)
def test_every_need_the_demo_records_finds_a_product_for_that_kind_of_party(
    person: bool, family: Family
) -> None:
    answering = [p for p in CATALOGUE if family.value in p.need_kinds]
    assert any(p.for_persons if person else p.for_enterprises for p in answering)


@pytest.mark.parametrize("product", CATALOGUE, ids=lambda p: p.code)
def test_a_prerequisite_is_a_product_the_same_parties_can_hold(product: ProductSheet) -> None:
    sheet = BY_CODE[product.code]
    for code in sheet.prerequisites:
        first = BY_CODE[code]
        assert not first.prerequisites  # one step: the account to open first
        assert set(sheet.target_segments) & set(first.target_segments)


@pytest.mark.parametrize("product", CATALOGUE, ids=lambda p: p.code)
def test_each_product_has_points_against_known_kinds_in_both_languages(
    product: ProductSheet,
) -> None:
    sheet = BY_CODE[product.code]
    assert len(sheet.points) >= 2
    assert all(p.competitor in KIND_NAMES for p in sheet.points)
    assert len({p.competitor for p in sheet.points}) == len(sheet.points)
    assert all(p.zh and p.en.isascii() for p in sheet.points)
    assert set(sheet.need_kinds) <= {f.value for f in Family}
