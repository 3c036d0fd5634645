"""Peer attributes read from what the bank records: age from the resident ID's birth date, the
GB/T 4754 section from an industry code, a decade band from the annual turnover."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from bankladder.wallet.assemble import turnover_bands
from bankladder.wallet.peers import age_band, industry_section, label, turnover_band

AS_OF = dt.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("birth", "band"),
    [
        ("19960701", "<30"),  # 29 until the next day
        ("19960630", "30-44"),  # 30 on the date itself
        ("19820101", "30-44"),
        ("19810630", "45-59"),
        ("19660630", "60+"),
        ("19990231", "unknown"),  # no such day
        ("2030010", "unknown"),
        ("20300101", "unknown"),  # born after the date
        (None, "unknown"),
    ],
)
def test_the_age_band_comes_from_the_birth_date_of_the_resident_id(
    birth: str | None, band: str
) -> None:
    assert age_band(birth, AS_OF) == band


@pytest.mark.parametrize(
    ("code", "section"),
    [
        ("C13", "C"),
        ("f52", "F"),
        ("13", "C"),
        ("05", "A"),
        ("70", "K"),
        ("97", "T"),
        ("", "unknown"),
        (None, "unknown"),
        ("x", "X"),
        ("-1", "unknown"),
    ],
)
def test_the_industry_section_is_the_letter_or_the_division_s_section(
    code: str | None, section: str
) -> None:
    assert industry_section(code) == section


def test_turnover_bands_are_decades_and_unknown_without_a_turnover() -> None:
    assert [turnover_band(t) for t in (None, float("nan"), 0, 999_999, 1e6, 5e7, 2e9)] == [
        "unknown",
        "unknown",
        "unknown",
        "<1m",
        "1m-10m",
        "10m-100m",
        "1b+",
    ]


def test_a_label_names_the_kind_and_each_attribute_of_the_level() -> None:
    attributes = {"segment": "mass", "age_band": "30-44", "region": "东城区"}
    assert label("person", attributes, ("segment", "age_band")) == "person/segment=mass/age=30-44"
    assert label("person", attributes, ()) == "person"


def test_turnover_bands_at_once_are_the_bands_one_by_one() -> None:
    values = [float("nan"), -1.0, 0.0, 1.0, 999_999.99, 1e6, 9_999_999, 1e7, 5e8, 1e9, 7e12]
    assert list(turnover_bands(np.array(values))) == [turnover_band(v) for v in values]
