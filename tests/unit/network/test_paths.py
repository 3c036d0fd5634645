"""The introducer's path in words: every kind, walked both ways, in both languages."""

from __future__ import annotations

import pytest

from bankladder.network.paths import path_in_words, walk

pytestmark = pytest.mark.unit

SHOWN = {
    "A": ("甲公司", "enterprise"),
    "B": ("乙公司", "enterprise"),
    "C": ("张*", "person"),
    "D": ("李*", "person"),
}

CASES = [
    # kind, walked forwards?, en, zh
    ("supplier_of", True, "甲公司 supplies 乙公司", "甲公司 是 乙公司 的供应商"),
    ("supplier_of", False, "甲公司 buys from 乙公司", "甲公司 向 乙公司 采购"),
    ("buyer_of", True, "甲公司 buys from 乙公司", "甲公司 向 乙公司 采购"),
    ("buyer_of", False, "甲公司 supplies 乙公司", "甲公司 是 乙公司 的供应商"),
    ("family", True, "甲公司 is family of 乙公司", "甲公司 与 乙公司 是家人"),
    ("family", False, "甲公司 is family of 乙公司", "甲公司 与 乙公司 是家人"),
    ("employer_of", True, "甲公司 employs 乙公司", "甲公司 雇用 乙公司"),
    ("employer_of", False, "甲公司 works for 乙公司", "甲公司 在 乙公司 工作"),
    ("shareholder_of", True, "甲公司 is a shareholder of 乙公司", "甲公司 是 乙公司 的股东"),
    ("shareholder_of", False, "甲公司's shareholder is 乙公司", "甲公司 的股东是 乙公司"),
    ("referred", True, "甲公司 referred 乙公司", "甲公司 推荐了 乙公司"),
    ("referred", False, "甲公司 was referred by 乙公司", "甲公司 由 乙公司 推荐"),
]


@pytest.mark.parametrize(("kind", "forwards", "en", "zh"), CASES)
def test_each_kind_reads_in_the_direction_walked(
    kind: str, forwards: bool, en: str, zh: str
) -> None:
    edge = (
        {"from_id": "A", "to_id": "B", "kind": kind}
        if forwards
        else {"from_id": "B", "to_id": "A", "kind": kind}
    )
    assert path_in_words([edge], "A", SHOWN, "en") == en
    assert path_in_words([edge], "A", SHOWN, "zh_CN") == zh


def test_two_hops_join_clauses_in_the_order_walked() -> None:
    path = [
        {"from_id": "A", "to_id": "B", "kind": "supplier_of"},
        {"from_id": "C", "to_id": "B", "kind": "shareholder_of"},
    ]
    en = "甲公司 supplies 乙公司; 乙公司's shareholder is 张*"
    zh = "甲公司 是 乙公司 的供应商；乙公司 的股东是 张*"
    assert path_in_words(path, "A", SHOWN, "en") == en
    assert path_in_words(path, "A", SHOWN, "zh_CN") == zh


def test_a_party_without_a_name_is_shown_by_its_kind_or_id() -> None:
    path = [{"from_id": "C", "to_id": "X", "kind": "family"}]
    shown = {"C": ("张*", "person"), "X": ("", "person")}
    assert path_in_words(path, "C", shown, "en") == "张* is family of a person"
    assert path_in_words(path, "C", {"C": ("张*", "person")}, "zh_CN") == "张* 与 X 是家人"


def test_an_edge_that_does_not_continue_the_walk_is_refused() -> None:
    with pytest.raises(ValueError, match="does not continue"):
        walk([{"from_id": "B", "to_id": "C", "kind": "family"}], "A")
