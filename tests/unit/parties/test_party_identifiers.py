"""Resident IDs, credit codes and mobiles are checked as their standards define them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankladder.parties.identifiers import (
    CREDIT_CODE_CHARSET,
    check_credit_code,
    check_mobile,
    check_resident_id,
    credit_code_check,
    is_credit_code,
    is_resident_id,
    luhn_check,
    normalise_mobile,
    organisation_code_check,
    resident_id_check,
)

pytestmark = pytest.mark.unit

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    "number",
    [
        "11010519491231002X",  # the example of GB 11643-1999: X stands for 10
        "440305199003071236",
        "320102198511204566",
    ],
)
def test_a_well_formed_resident_id_passes(number: str) -> None:
    assert check_resident_id(number, TODAY) is None


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("110105194912310021", "check digit should be X, found 1"),
        ("440305199003071237", "check digit should be 6, found 7"),
        ("11010519491331002X", "birth date 19491331 is not a date"),
        ("110105202712310026", "birth date 20271231 is not plausible"),
        ("110105185012310023", "birth date 18501231 is not plausible"),
        ("91010519491231002X", "region code 910105 does not start with a known region digit"),
        ("110105491231002", "should be 18 characters, found 15 (15-digit first-generation"),
        ("11010519491231002x", "should be 17 digits and a final digit or X"),
        ("1101051949123100AX", "should be 17 digits and a final digit or X"),
    ],
)
def test_a_malformed_resident_id_is_refused_with_its_reason(number: str, reason: str) -> None:
    assert (check_resident_id(number, TODAY) or "").startswith(reason)


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # the example of GB 32100-2015
        "91440300708461136T",
        "914403001922038216",
        "91440300MA1FL2X02J",
        "92320102L123456741",  # an individual business
        "521100005001234535",  # a private non-enterprise unit registered by civil affairs
    ],
)
def test_a_well_formed_credit_code_passes(code: str) -> None:
    assert check_credit_code(code) is None


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91350100M000100Y44", "check character should be 3, found 4"),
        ("91350100M000100Y53", "organisation code check should be 4, found 5"),
        ("91350100M000I00Y43", "contains I: only digits and A-Y without I, O, S, V, Z are used"),
        ("B1350100M000100Y43", "registration authority B is unknown"),
        ("97350100M000100Y43", "organisation type 97 is unknown"),
        ("9135A100M000100Y43", "region code 35A100 should be 6 digits"),
        ("91350100M000100Y4", "should be 18 characters, found 17"),
    ],
)
def test_a_malformed_credit_code_is_refused_with_its_reason(code: str, reason: str) -> None:
    assert check_credit_code(code) == reason


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("86-199-0000-1111", "19900001111"),
        ("0086 15012345678", "15012345678"),
        ("(+86) 166-1234-5678", "16612345678"),
    ],
)
def test_a_mobile_is_normalised_to_its_11_digits(written: str, number: str) -> None:
    assert normalise_mobile(written) == number
    assert check_mobile(written) is None


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("1381234567", "should be 11 digits, found 10"),
        ("12812345678", "should start with 13 to 19, found 12"),
        ("010-12345678", "should be 11 digits, found 11"),
        ("138 1234 567a", "should contain only digits, spaces, dashes and a +86 prefix"),
    ],
)
def test_a_malformed_mobile_is_refused_with_its_reason(written: str, reason: str) -> None:
    if written == "010-12345678":  # a landline: 11 digits, but starts with 01
        reason = "should start with 13 to 19, found 01"
    assert normalise_mobile(written) is None
    assert check_mobile(written) == reason


def test_the_luhn_digit_of_the_classic_example() -> None:
    assert luhn_check("7992739871") == "3"


born_on = st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY)
regions = st.from_regex(r"[1-8][0-9]{5}", fullmatch=True)
sequences = st.integers(min_value=0, max_value=999)


@given(region=regions, born=born_on, sequence=sequences)
def test_a_generated_resident_id_passes(region: str, born: dt.date, sequence: int) -> None:
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    assert check_resident_id(first17 + resident_id_check(first17), TODAY) is None


@given(
    region=regions,
    born=born_on,
    sequence=sequences,
    position=st.integers(min_value=0, max_value=16),
    shift=st.integers(min_value=1, max_value=9),
)
def test_changing_one_digit_of_a_resident_id_fails(
    region: str, born: dt.date, sequence: int, position: int, shift: int
) -> None:
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    number = first17 + resident_id_check(first17)
    digit = str((int(number[position]) + shift) % 10)
    assert not is_resident_id(number[:position] + digit + number[position + 1 :])


body_chars = st.text(alphabet=CREDIT_CODE_CHARSET, min_size=8, max_size=8)
kinds = st.sampled_from(["11", "12", "51", "52", "53", "91", "92", "93", "Y1"])


@given(kind=kinds, region=st.from_regex(r"[0-9]{6}", fullmatch=True), body=body_chars)
def test_a_generated_credit_code_passes(kind: str, region: str, body: str) -> None:
    first17 = f"{kind}{region}{body}{organisation_code_check(body)}"
    assert check_credit_code(first17 + credit_code_check(first17)) is None


@given(
    region=st.from_regex(r"[0-9]{6}", fullmatch=True),
    body=body_chars,
    position=st.integers(min_value=2, max_value=17),
    shift=st.integers(min_value=1, max_value=30),
)
def test_changing_one_character_of_a_credit_code_fails(
    region: str, body: str, position: int, shift: int
) -> None:
    first17 = f"91{region}{body}{organisation_code_check(body)}"
    code = first17 + credit_code_check(first17)
    changed = CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.index(code[position]) + shift) % 31]
    assert not is_credit_code(code[:position] + changed + code[position + 1 :])


@given(number=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_a_generated_mobile_survives_any_written_form(number: str) -> None:
    spaced = f"+86 {number[:3]} {number[3:7]}-{number[7:]}"
    assert normalise_mobile(spaced) == number
