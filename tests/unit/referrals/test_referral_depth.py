"""The depth of referral trees: the longest chain of converted referrals from a party,
exact on hand-made trees and on cycles; properties over generated graphs."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankladder.referrals.depth import depths, referral_graph
from bankladder.referrals.figures import Member, ReferralRecord, fission_book

pytestmark = pytest.mark.unit

PARTIES = "ABCDEF"
Edge = tuple[str, str]
edges = st.lists(st.tuples(st.sampled_from(PARTIES), st.sampled_from(PARTIES)), max_size=14)


def longest_simple_chain(pairs: list[Edge], start: str) -> int:
    """The oracle: every simple chain tried, by brute force."""
    graph = referral_graph(pairs)
    best = 0
    todo = [(start, 0, {start})]
    while todo:
        party, length, seen = todo.pop()
        best = max(best, length)
        todo += [(n, length + 1, seen | {n}) for n in graph.get(party, ()) if n not in seen]
    return best


def test_a_tree_is_as_deep_as_its_longest_branch() -> None:
    found = depths(referral_graph([("A", "B"), ("B", "C"), ("C", "D"), ("A", "E"), ("E", "F")]))
    assert found == {"A": 3, "B": 2, "C": 1, "E": 1}


def test_a_cycle_is_walked_once_round() -> None:
    found = depths(referral_graph([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"), ("A", "A")]))
    assert found == {"A": 3, "B": 2, "C": 2}  # A-B-C-D; B-C-D or B-C-A; C-A-B


def test_depth_is_the_longest_simple_chain_through_a_cycle() -> None:
    pairs = [("A", "B"), ("B", "A"), ("A", "C"), ("C", "D"), ("D", "B")]
    found = depths(referral_graph(pairs))
    assert {p: found.get(p, 0) for p in "ABCD"} == {
        p: longest_simple_chain(pairs, p) for p in "ABCD"
    }


@given(edges)
def test_depth_equals_the_brute_force_longest_chain(pairs: list[Edge]) -> None:
    found = depths(referral_graph(pairs))
    for party in PARTIES:
        assert found.get(party, 0) == longest_simple_chain(pairs, party)


@given(edges)
def test_a_party_with_a_converted_referral_has_depth_at_least_one(pairs: list[Edge]) -> None:
    found = depths(referral_graph(pairs))
    for referrer, referee in pairs:
        if referrer != referee:
            assert found[referrer] >= 1


def _records(pairs: list[Edge], converted: bool = True) -> list[ReferralRecord]:
    day = dt.date(2026, 1, 1)
    return [ReferralRecord(a, b, day, converted, day) for a, b in pairs]


MEMBERS = [Member(p, f"RM{i % 2}", "BR01", True) for i, p in enumerate(PARTIES)]


@given(edges, st.tuples(st.sampled_from(PARTIES), st.sampled_from(PARTIES)))
def test_adding_a_converted_referral_never_lowers_a_depth_or_a_count(
    pairs: list[Edge], added: Edge
) -> None:
    before = fission_book(_records(pairs), MEMBERS)
    after = fission_book(_records([*pairs, added]), MEMBERS)
    for level in ("parties", "rms", "branches"):
        old, new = getattr(before, level), getattr(after, level)
        for key, figures in old.items():
            assert new[key].depth >= figures.depth
            assert new[key].made >= figures.made
            assert new[key].converted >= figures.converted


def test_depths_do_not_depend_on_the_order_of_the_rows() -> None:
    pairs = [("A", "B"), ("B", "C"), ("C", "A"), ("B", "D"), ("D", "E")]
    first = depths(referral_graph(pairs))
    for order in itertools.islice(itertools.permutations(pairs), 30):
        assert depths(referral_graph(order)) == first
