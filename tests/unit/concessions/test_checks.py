"""A request as typed: each field refused in words, the justification 10 to 1000 characters."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bankladder.concessions.checks import checked_request
from bankladder.concessions.schemas import ConcessionRefused, NewConcession
from bankladder.ladder.policies import DEFAULT_AUTHORITIES as AUTHORITIES
from bankladder.store.vocabulary import ConcessionKind

pytestmark = pytest.mark.unit


def refused(new: NewConcession, product_known: bool = True) -> dict[str, str]:
    with pytest.raises(ConcessionRefused) as error:
        checked_request(new, product_known, AUTHORITIES)
    return {p.field: p.code for p in error.value.problems}


def test_a_request_is_read_as_typed_with_its_percent_sign_and_spaces() -> None:
    new = NewConcession("LOAN01", " loan_rate ", " 4.35% ", "4.05", "  结算量大，\n存款稳定增长  ")
    assert checked_request(new, True, AUTHORITIES) == (
        ConcessionKind.LOAN_RATE,
        Decimal("4.35"),
        Decimal("4.05"),
        "结算量大， 存款稳定增长",
    )


def test_the_justification_is_10_to_1000_characters() -> None:
    for length in (10, 1000):
        new = NewConcession("FEE01", "fee", "1,000", "800", "理" * length)
        assert checked_request(new, True, AUTHORITIES)[3] == "理" * length
    for length in (9, 1001):
        new = NewConcession("FEE01", "fee", "1000", "800", "理" * length)
        assert refused(new) == {"justification": "length"}


def test_each_bad_field_is_named_and_said_in_both_languages() -> None:
    new = NewConcession("NOPE", "discount", "abc", "", "短")
    assert refused(new, product_known=False) == {
        "product_code": "product",
        "kind": "kind",
        "standard": "number",
        "requested": "number",
        "justification": "length",
    }
    with pytest.raises(ConcessionRefused) as error:
        checked_request(new, False, AUTHORITIES)
    assert all(p.said.zh and p.said.en for p in error.value.problems)
