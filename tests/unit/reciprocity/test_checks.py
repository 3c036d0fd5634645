"""A favour as typed: accepted normalised, or refused field by field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bankladder.reciprocity.checks import NOTE_MAX, checked_benefit
from bankladder.reciprocity.schemas import NewBenefit
from bankladder.store.vocabulary import BenefitKind

pytestmark = pytest.mark.unit

TODAY = dt.date(2026, 6, 30)


def codes(new: NewBenefit) -> dict[str, str]:
    return {p.field: p.code for p in checked_benefit(new, "P1", TODAY)[1]}


def test_a_price_concession_with_its_worth_is_accepted() -> None:
    checked, problems = checked_benefit(
        NewBenefit("price_concession", "2026-06-01", " 12,000.456 ", None, " 贷款利率下浮 "),
        "P1",
        TODAY,
    )
    assert problems == []
    assert checked is not None
    assert checked.kind is BenefitKind.PRICE_CONCESSION
    assert checked.given_on == dt.date(2026, 6, 1)
    assert checked.worth == Decimal("12000.46")
    assert checked.note == "贷款利率下浮"


def test_the_day_defaults_to_today_and_the_worth_is_optional() -> None:
    checked, _ = checked_benefit(NewBenefit("knowledge", "", ""), "P1", TODAY)
    assert checked is not None
    assert (checked.given_on, checked.worth, checked.counterpart_id) == (TODAY, None, None)


def test_a_day_in_the_future_is_refused() -> None:
    assert codes(NewBenefit("knowledge", dt.date(2026, 7, 1))) == {"given_on": "future"}


def test_a_negative_or_unreadable_worth_is_refused() -> None:
    assert codes(NewBenefit("knowledge", None, "-1")) == {"worth": "amount"}
    assert codes(NewBenefit("knowledge", None, "abc")) == {"worth": "amount"}
    assert codes(NewBenefit("knowledge", None, "NaN")) == {"worth": "amount"}


def test_an_introduction_names_another_party() -> None:
    assert codes(NewBenefit("introduction")) == {"counterpart_id": "required"}
    assert codes(NewBenefit("introduction", counterpart_id="P1")) == {
        "counterpart_id": "same_party"
    }
    assert codes(NewBenefit("introduction", counterpart_id="P2")) == {}


def test_an_unknown_kind_a_bad_date_and_a_long_note_are_each_said() -> None:
    new = NewBenefit("lottery", "30/06/2026", None, None, "x" * (NOTE_MAX + 1))
    assert codes(new) == {"kind": "kind", "given_on": "date", "note": "too_long"}
