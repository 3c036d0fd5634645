"""The concentration of a book across industries, on books worked out by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankladder.industry import gbt4754
from bankladder.industry.concentration import Spread, concentration, hhi, spread, tallied
from bankladder.industry.matching import matches

pytestmark = pytest.mark.unit
DIVISIONS = [h.code for h in gbt4754.all_divisions()]


def test_a_section_covers_its_divisions_and_a_division_only_itself() -> None:
    assert matches("C13", ["C"])
    assert matches("C13", ["C13"])
    assert matches("C1311", ["C13"])  # a finer group of the division
    assert not matches("C14", ["C13"])
    assert not matches("F51", ["C", "E47"])
    assert matches("e47", [" E "])
    assert not matches(None, ["C"])
    assert not matches("C13", [])
    assert not matches("C13", [""])


def test_a_book_of_ten_hand_worked() -> None:
    # C: C13 C13 C34 C38 (4), F: F51 F52 F52 (3), E: E47 (1), unclassified: None, "ZZ9"
    book = ["C13", "C13", "C34", "C38", "F51", "F52", "F52", "E47", None, "ZZ9"]
    found = concentration(book, targets=["C13", "F"], specialisations=["C"])
    assert (found.parties, found.classified, found.unclassified) == (10, 8, 2)
    assert [(s.section, s.count) for s in found.sections] == [("C", 4), ("F", 3), ("E", 1)]
    assert [s.share for s in found.sections] == pytest.approx([0.5, 0.375, 0.125])
    # 0.5^2 + 0.375^2 + 0.125^2 = 0.25 + 0.140625 + 0.015625
    assert found.hhi == pytest.approx(0.40625)
    assert found.spread is Spread.CONCENTRATED
    assert (found.top_section, found.top_share) == ("C", 0.5)
    assert found.in_targets == 5  # C13 x2, F51, F52 x2
    assert found.target_share == pytest.approx(5 / 8)
    assert found.in_specialisations == 4
    assert found.specialisation_share == pytest.approx(0.5)


def test_ties_are_ordered_by_letter_and_an_even_spread_is_diversified() -> None:
    book = ["H62", "A01", "G54", "C13", "E47", "F51", "I65", "K70"]
    found = concentration(book)
    assert [s.section for s in found.sections] == list("ACEFGHIK")
    assert found.hhi == pytest.approx(1 / 8)
    assert found.spread is Spread.DIVERSIFIED
    assert (found.in_targets, found.target_share) == (0, 0.0)


def test_an_empty_or_unclassified_book_has_no_index() -> None:
    for book in ([], [None, "", "nonsense"]):
        found = concentration(book, ["C"], ["C"])
        assert (found.hhi, found.spread, found.top_section, found.top_share) == (
            None,
            None,
            None,
            None,
        )
        assert (found.target_share, found.specialisation_share) == (None, None)
        assert found.sections == ()


def test_the_bands_of_the_index() -> None:
    assert spread(0.1499) is Spread.DIVERSIFIED
    assert spread(0.15) is Spread.MODERATE
    assert spread(0.25) is Spread.MODERATE
    assert spread(0.2501) is Spread.CONCENTRATED
    assert hhi([0, 0]) is None
    assert hhi([3]) == 1.0


@given(st.lists(st.sampled_from([*DIVISIONS, None]), max_size=60))
def test_shares_sum_to_one_and_the_index_lies_between_its_bounds(
    book: list[str | None],
) -> None:
    found = concentration(book, ["C"])
    if found.classified == 0:
        assert found.hhi is None
        return
    assert sum(s.share for s in found.sections) == pytest.approx(1.0)
    assert found.hhi is not None
    assert found.top_share is not None
    assert 1 / len(found.sections) - 1e-9 <= found.hhi <= 1.0 + 1e-9
    assert found.top_share**2 <= found.hhi + 1e-9
    assert found.in_targets == sum(1 for code in book if code and code.startswith("C"))


def test_a_book_counted_per_code_gives_the_same_answer_as_one_listed_party_by_party() -> None:
    listed = ["C13", "C13", "c13", "F52", None, None, "E47"]
    counted = tallied({"C13": 3, "F52": 1, None: 2, "E47": 1}, ["C"], ["F"])
    assert counted == concentration(listed, ["C"], ["F"])
    assert (counted.parties, counted.unclassified, counted.in_targets) == (7, 2, 3)
