"""GB/T 4754-2017 as the standard gives it: 20 sections, 97 divisions, each division in
exactly one section by the standard's ranges, names in both languages."""

from __future__ import annotations

import pytest

from bankladder.industry import gbt4754
from bankladder.industry.gbt4754 import divisions, is_valid, name, nearest, section_of

pytestmark = pytest.mark.unit

RANGES = {
    "A": (1, 5),
    "B": (6, 12),
    "C": (13, 43),
    "D": (44, 46),
    "E": (47, 50),
    "F": (51, 52),
    "G": (53, 60),
    "H": (61, 62),
    "I": (63, 65),
    "J": (66, 69),
    "K": (70, 70),
    "L": (71, 72),
    "M": (73, 75),
    "N": (76, 79),
    "O": (80, 82),
    "P": (83, 83),
    "Q": (84, 85),
    "R": (86, 90),
    "S": (91, 96),
    "T": (97, 97),
}
"""The standard's sections and the divisions each spans (written out here, not read from the
module under test)."""


def test_there_are_twenty_sections_a_to_t_and_97_divisions() -> None:
    assert [h.code for h in gbt4754.sections()] == list("ABCDEFGHIJKLMNOPQRST")
    codes = [h.code for h in gbt4754.all_divisions()]
    assert len(codes) == len(set(codes)) == 97
    assert [int(c[1:]) for c in codes] == list(range(1, 98))


def test_each_division_lies_in_exactly_one_section_by_the_standards_ranges() -> None:
    for division in gbt4754.all_divisions():
        number = int(division.code[1:])
        owners = [s for s, (first, last) in RANGES.items() if first <= number <= last]
        assert owners == [division.code[0]], division
        assert section_of(division.code) == division.code[0]
    assert sum(len(divisions(s)) for s in RANGES) == 97


def test_manufacturing_runs_from_13_to_43_and_trade_is_51_and_52() -> None:
    assert next(h.code for h in divisions("C")) == "C13"
    assert [h.code for h in divisions("C")][-1] == "C43"
    assert len(divisions("C")) == 31
    assert [h.code for h in divisions("f")] == ["F51", "F52"]
    assert divisions("U") == ()


def test_names_are_the_standards_in_chinese_and_plain_in_english() -> None:
    assert name("C13", "zh-CN") == "农副食品加工业"
    assert name("C", "zh") == "制造业"
    assert name("F51", "en") == "Wholesale trade"
    assert name("E47", "zh-CN") == "房屋建筑业"
    assert name("T97", "zh-CN") == "国际组织"
    assert name("Z99", "en") is None
    for heading in (*gbt4754.sections(), *gbt4754.all_divisions()):
        assert heading.zh
        assert heading.en
        assert heading.zh != heading.en


def test_the_demo_banks_codes_are_valid() -> None:
    for code in ("A01", "C13", "C18", "C34", "C38", "E47", "F51", "F52", "G54", "H61", "H62"):
        assert is_valid(code), code
    for code in ("I65", "K70", "M73", "P83", "Q84"):
        assert is_valid(code), code


@pytest.mark.parametrize(
    "code", ["F13", "C44", "C1", "13", "", "CC", "U", "C00", "X01", "C013", "A98"]
)
def test_a_code_not_of_the_standard_is_refused(code: str) -> None:
    assert not is_valid(code)
    assert section_of(code) is None


def test_codes_are_read_without_case_or_spaces() -> None:
    assert is_valid(" c13 ")
    assert section_of("f52") == "F"


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("F13", "C13"), ("13", "C13"), ("c5", "A05"), ("C131X", "C13"), ("CX", "C")],
)
def test_a_bad_code_finds_a_near_valid_one(typed: str, suggested: str) -> None:
    found = nearest(typed)
    assert found == suggested
    assert found is not None
    assert is_valid(found)
