"""Identity numbers of the demo bank pass the checks the real ones do."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from bankladder.demo.identity import (
    MOBILE_PATTERN,
    account_no,
    credit_code,
    is_credit_code,
    is_resident_id,
    luhn_check,
    mobile,
    resident_id,
)

pytestmark = pytest.mark.integration


def test_published_examples_pass_and_altered_ones_fail() -> None:
    assert is_resident_id("11010519491231002X")
    assert not is_resident_id("110105194912310021")
    assert not is_resident_id("11010519491331002X")  # no 13th month
    assert is_credit_code("91350100M000100Y43")
    assert not is_credit_code("91350100M000100Y44")
    assert luhn_check("7992739871") == "3"


def test_drawn_numbers_pass_their_checksums() -> None:
    rng = random.Random(1)
    born = dt.date(1980, 2, 29)
    for _ in range(500):
        person_id = resident_id(rng, "361302", born, male=rng.random() < 0.5)
        assert is_resident_id(person_id)
        assert is_credit_code(credit_code(rng, "361371", individual_business=rng.random() < 0.5))
        assert MOBILE_PATTERN.fullmatch(mobile(rng))


def test_the_sequence_digit_tells_men_from_women() -> None:
    rng = random.Random(2)
    assert int(resident_id(rng, "361302", dt.date(1990, 1, 1), male=True)[16]) % 2 == 1
    assert int(resident_id(rng, "361302", dt.date(1990, 1, 1), male=False)[16]) % 2 == 0


def test_account_numbers_have_the_requested_length_and_a_luhn_digit() -> None:
    number = account_no(random.Random(3), "62309501", 42, 19)
    assert len(number) == 19
    assert number.startswith("62309501")
    assert number[-1] == luhn_check(number[:-1])
