"""The workbench's clock is the bank's wall clock, in the configured time zone."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from bankladder.config import Settings, bank_now, today

pytestmark = pytest.mark.unit


def test_the_bank_clock_reads_the_configured_zone() -> None:
    utc = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    shanghai = bank_now(Settings(bank_timezone="Asia/Shanghai"))
    assert abs((shanghai - utc) - dt.timedelta(hours=8)) < dt.timedelta(minutes=1)
    assert shanghai.tzinfo is None  # naive, as every time in the store


def test_today_is_the_bank_s_date_not_the_server_s() -> None:
    """Kiritimati (UTC+14) and Honolulu (UTC-10) are exactly one date apart all day long: the
    nightly batch's default day must follow the bank's zone whatever the server's clock says."""
    ahead = today(Settings(bank_timezone="Pacific/Kiritimati"))
    behind = today(Settings(bank_timezone="Pacific/Honolulu"))
    assert ahead - behind == dt.timedelta(days=1)
    assert ahead == bank_now(Settings(bank_timezone="Pacific/Kiritimati")).date()


def test_an_unknown_time_zone_is_refused_with_an_example() -> None:
    with pytest.raises(ValidationError, match=r"not a time zone name, e\.g\. Asia/Shanghai"):
        Settings(bank_timezone="Mars/Olympus")
