"""Which kind of bank a need's competitor is, and which selling points answer it."""

from __future__ import annotations

import pytest

from bankladder.demo.names import COMPETITOR_BANKS
from bankladder.products.competitors import kind_of, points_against

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("bank", "kind"),
    [
        ("中国工商银行", "国有大行"),
        ("建设银行", "国有大行"),
        ("ICBC", "国有大行"),
        ("邮储银行", "国有大行"),
        ("招商银行", "股份制银行"),
        ("微众银行", "互联网银行"),
        ("澄州农村商业银行", "农商行"),
        ("某某农商银行", "农商行"),
        ("宁波银行", None),
    ],
)
def test_a_named_bank_is_of_its_kind(bank: str, kind: str | None) -> None:
    assert kind_of(bank) == kind


def test_every_competitor_of_the_demo_bank_has_a_kind() -> None:
    assert all(kind_of(bank) for bank in COMPETITOR_BANKS)


def test_a_point_naming_the_bank_wins_over_its_kind_and_each_competitor_counts_once() -> None:
    known = ("国有大行", "招商银行", "股份制银行")
    assert points_against(("招商银行", "工商银行", "建设银行", "宁波银行"), known) == (
        ("招商银行", "招商银行"),
        ("工商银行", "国有大行"),
    )
