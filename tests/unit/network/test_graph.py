"""Prospects within two hops and the intermediary ranking, on hand-made networks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bankladder.network.graph import (
    ALPHA,
    ITERATIONS,
    KINDS,
    STRENGTH,
    TOLERANCE,
    Network,
    network,
    pagerank,
    prospects,
    ranked,
)

pytestmark = pytest.mark.unit
K = {kind: code for code, kind in enumerate(KINDS)}

# A(0) introducer; B(1) customer; C(2), D(3), E(4) non-customers; F(5) a customer alone
EDGES = [
    (0, 1, "supplier_of"),  # e0: A supplies B            0.7
    (2, 1, "shareholder_of"),  # e1: C owns part of B      A-B-C 0.56
    (3, 0, "employer_of"),  # e2: D employs A              A-D 0.5
    (3, 4, "family"),  # e3: D and E are family            A-D-E 0.45
    (1, 4, "buyer_of"),  # e4: B buys from E               A-B-E 0.49 (stronger)
    (0, 2, "referred"),  # e5: A referred C                A-C 0.8 (beats A-B-C)
]
CUSTOMER = [True, True, False, False, False, True]
POTENTIAL = [0.9, 0.9, 0.5, 1.0, 0.2, 0.9]


def _net(edges: list[tuple[int, int, str]], parties: int = 6) -> Network:
    return network(
        parties,
        [a for a, _, _ in edges],
        [b for _, b, _ in edges],
        [K[kind] for _, _, kind in edges],
    )


def test_each_prospect_by_its_strongest_path_ranked_by_score() -> None:
    found = prospects(_net(EDGES), CUSTOMER, POTENTIAL, [0])
    rows = list(
        zip(
            found.prospect.tolist(),
            found.hops.tolist(),
            found.via.tolist(),
            found.edge1.tolist(),
            found.edge2.tolist(),
            found.rank.tolist(),
            strict=True,
        )
    )
    assert rows == [(3, 1, -1, 2, -1, 1), (2, 1, -1, 5, -1, 2), (4, 2, 1, 0, 4, 3)]
    assert found.strength.tolist() == pytest.approx([0.5, 0.8, 0.49])
    assert found.score.tolist() == pytest.approx([0.5, 0.4, 0.098])
    assert found.introducer.tolist() == [0, 0, 0]
    assert found.reach.tolist() == [3]


def test_top_cuts_each_introducers_list_but_not_its_reach() -> None:
    found = prospects(_net(EDGES), CUSTOMER, POTENTIAL, [0, 5], top=2)
    assert found.prospect.tolist() == [3, 2]
    assert found.reach.tolist() == [3, 0]


def test_equal_paths_go_through_the_smallest_via_and_equal_scores_by_id() -> None:
    edges = [
        (0, 2, "supplier_of"),
        (2, 4, "supplier_of"),
        (0, 1, "supplier_of"),
        (1, 4, "supplier_of"),
        (1, 3, "supplier_of"),
    ]
    found = prospects(_net(edges, 5), [True, True, True, False, False], [1.0] * 5, [0])
    assert found.prospect.tolist() == [3, 4]  # same score 0.49: by id
    assert found.via.tolist() == [1, 1]  # 4 by 1 and by 2 alike: the smaller


def test_parallel_edges_the_stronger_kind_and_no_way_back_to_the_introducer() -> None:
    edges = [(0, 1, "employer_of"), (1, 0, "family"), (1, 2, "family")]
    found = prospects(_net(edges, 3), [True, False, False], [1.0] * 3, [0])
    assert found.prospect.tolist() == [1, 2]
    assert found.edge1.tolist() == [1, 1]  # family (0.9), not employer_of (0.5)
    assert found.strength.tolist() == pytest.approx([0.9, 0.81])


def test_chunks_give_the_same_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = prospects(_net(EDGES), CUSTOMER, POTENTIAL, [0, 1, 5])
    monkeypatch.setattr("bankladder.network.graph.MAX_EXPANSION", 1)
    chunked = prospects(_net(EDGES), CUSTOMER, POTENTIAL, [0, 1, 5])
    assert chunked.prospect.tolist() == whole.prospect.tolist()
    assert chunked.introducer.tolist() == whole.introducer.tolist()
    assert chunked.reach.tolist() == whole.reach.tolist() == [3, 3, 0]


def _dense_pagerank(edges: list[tuple[int, int, str]], customer: list[bool]) -> np.ndarray:
    """The definition, written out: a dense transition matrix, the same stopping rule."""
    n = len(customer)
    weight = np.zeros((n, n))
    for a, b, kind in edges:
        weight[a, b] += STRENGTH[kind]
        weight[b, a] += STRENGTH[kind]
    degree = weight.sum(axis=1)
    jump = np.array([0.0 if c else 1.0 for c in customer])
    jump /= jump.sum()
    rank = jump.copy()
    for _ in range(ITERATIONS):
        moved = np.zeros(n)
        for u in range(n):
            if degree[u] == 0:
                moved += ALPHA * rank[u] * jump
            else:
                moved += ALPHA * rank[u] * weight[u] / degree[u]
        step = moved + (1 - ALPHA) * jump
        change = np.abs(step - rank).sum()
        rank = step
        if change < TOLERANCE:
            break
    return rank


def test_pagerank_follows_its_definition() -> None:
    score = pagerank(_net(EDGES), CUSTOMER)
    assert score == pytest.approx(_dense_pagerank(EDGES, CUSTOMER), abs=1e-12)
    assert score.sum() == pytest.approx(1.0)
    assert score[5] == 0.0  # alone: never visited


def test_pagerank_without_non_customers_is_zero() -> None:
    assert pagerank(_net(EDGES), [True] * 6).tolist() == [0.0] * 6


def test_ranked_by_score_then_code() -> None:
    assert ranked([0.2, 0.5, 0.2, 0.1], [7, 3, 4, 9]).tolist() == [3, 1, 2, 4]
    assert ranked([0.3, 0.3 + 1e-15], [2, 1]).tolist() == [2, 1]  # equal when rounded: by code


kinds = st.sampled_from(KINDS)
edge_lists = st.lists(
    st.tuples(st.integers(0, 7), st.integers(0, 7), kinds), min_size=0, max_size=20
)
flags = st.lists(st.booleans(), min_size=8, max_size=8)


def _reachable(edges: list[tuple[int, int, str]], customer: list[bool]) -> set[tuple[int, int]]:
    found = prospects(_net(edges, 8), customer, [0.5] * 8, list(range(8)), top=100)
    return set(zip(found.introducer.tolist(), found.prospect.tolist(), strict=True))


@settings(max_examples=150, deadline=None)
@given(edge_lists, st.tuples(st.integers(0, 7), st.integers(0, 7), kinds), flags)
def test_adding_an_edge_never_removes_a_reachable_prospect(
    edges: list[tuple[int, int, str]], extra: tuple[int, int, str], customer: list[bool]
) -> None:
    assert _reachable(edges, customer) <= _reachable([*edges, extra], customer)


@settings(max_examples=150, deadline=None)
@given(edge_lists, flags, st.integers(1, 5))
def test_strengths_hops_and_ranks_are_well_formed(
    edges: list[tuple[int, int, str]], customer: list[bool], top: int
) -> None:
    found = prospects(_net(edges, 8), customer, [0.5] * 8, list(range(8)), top=top)
    assert ((found.strength > 0) & (found.strength <= 1)).all()
    assert set(found.hops.tolist()) <= {1, 2}
    assert not (found.introducer == found.prospect).any()
    assert not np.asarray(customer)[found.prospect].any()
    for who in range(8):
        ranks = found.rank[found.introducer == who].tolist()
        assert ranks == list(range(1, min(top, int(found.reach[who])) + 1))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=0, max_size=30))
def test_ranks_are_a_permutation(scores: list[float]) -> None:
    rank = ranked(scores, list(range(len(scores))))
    assert sorted(rank.tolist()) == list(range(1, len(scores) + 1))
