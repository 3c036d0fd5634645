"""A new application's fields as typed, checked one by one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bankladder.loans.checks import checked_application
from bankladder.loans.schemas import NewApplication

pytestmark = pytest.mark.unit
NOW = dt.datetime(2026, 6, 30, 12, 0, 30)


def codes(new: NewApplication) -> dict[str, str]:
    return {p.field: p.code for p in checked_application(new, NOW)[1]}


def test_a_good_application_is_kept_as_typed() -> None:
    checked, problems = checked_application(NewApplication("LOAN01", "1,200,000.005"), NOW)
    assert problems == []
    assert checked is not None
    assert (checked.amount, checked.received_at) == (Decimal("1200000.00"), NOW.replace(second=0))
    at = checked_application(NewApplication("LOAN01", "1", "2026-06-29T09:30"), NOW)[0]
    assert at is not None
    assert at.received_at == dt.datetime(2026, 6, 29, 9, 30)


def test_each_bad_field_is_named() -> None:
    assert codes(NewApplication("", "abc")) == {"product_code": "required", "amount": "amount"}
    assert codes(NewApplication("LOAN01", "0")) == {"amount": "amount"}
    assert codes(NewApplication("LOAN01", "-1")) == {"amount": "amount"}
    assert codes(NewApplication("LOAN01", "NaN")) == {"amount": "amount"}
    assert codes(NewApplication("LOAN01", "5", "yesterday")) == {"received_at": "datetime"}
    assert codes(NewApplication("LOAN01", "5", "2026-07-01T09:00")) == {"received_at": "future"}
    zoned = dt.datetime(2026, 6, 29, 9, tzinfo=dt.UTC)
    assert codes(NewApplication("LOAN01", "5", zoned)) == {"received_at": "datetime"}
