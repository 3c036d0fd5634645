"""The referral network as arrays: prospects within two hops of each introducer, and the
intermediary ranking (personalised PageRank towards non-customers).

Pure: numpy and scipy.sparse, arrays in and arrays out, no I/O. Parties are coded 0..n-1 in
the order of their ids (the caller codes them so), so "then by id" is "then by code". Edges are
the stored relationships and referrals, each kept as stored (``source`` -> ``target``, a kind
code into ``KINDS``); the network is read undirected, an introduction goes both ways.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import sparse  # type: ignore[import-untyped]  # no stubs in the lock

KINDS: tuple[str, ...] = (
    "family",
    "shareholder_of",
    "referred",
    "supplier_of",
    "buyer_of",
    "employer_of",
)
"""Edge kinds in code order: the five relationship kinds and a referral (``referred``)."""
STRENGTH: dict[str, float] = {
    "family": 0.9,  # kin introduce each other readily
    "shareholder_of": 0.8,  # an owner speaks for the company and is heard by it
    "referred": 0.8,  # one introduction made (converted or not) makes the next likely
    "supplier_of": 0.7,  # trade partners talk often, but a supplier asks its buyer little
    "buyer_of": 0.7,
    "employer_of": 0.5,  # an employer reaches its staff, staff reach the employer less
}
"""How likely an introduction is along one edge, in (0, 1]; a path's strength is the product
of its edges' strengths (two hops weaken it)."""
STRENGTHS = np.array([STRENGTH[kind] for kind in KINDS], dtype=np.float64)
MAX_EXPANSION = 8_000_000
"""Two-hop walks held in memory at once: introducers are taken in chunks whose walks stay
below this (about 40 bytes each), so memory does not grow with the number of introducers."""
ALPHA = 0.85
"""PageRank's damping: the chance that the walk follows an edge rather than jumping."""
ITERATIONS = 50
TOLERANCE = 1e-10
"""PageRank's power iterations: until the L1 change of a step is below ``TOLERANCE``, at most
``ITERATIONS`` (the same rule on Spark, so both stop at the same step)."""
SCORE_DECIMALS = 12
"""Scores are compared rounded (a sum in another order differs in its last bits): equal
scores then fall to the id, on every engine alike."""


@dataclass(frozen=True)
class Network:
    """Parties 0..n-1 and their edges, with each party's incident edges (an incidence CSR:
    ``incident[start[p]:start[p + 1]]`` are the edges touching ``p``, in stored order)."""

    parties: int
    source: NDArray[np.int32]
    target: NDArray[np.int32]
    kind: NDArray[np.int8]
    start: NDArray[np.int64]
    incident: NDArray[np.int32]

    @property
    def strength(self) -> NDArray[np.float64]:
        return STRENGTHS[self.kind]


@dataclass(frozen=True)
class Prospects:
    """The best path from each introducer to each of its top prospects, one row each, ranked
    per introducer (``rank`` 1 = ask first); ``via``/``edge2`` are -1 for one hop. Edges are
    positions in the edge arrays given to ``network``, in the order walked."""

    introducer: NDArray[np.int32]
    prospect: NDArray[np.int32]
    hops: NDArray[np.int8]
    via: NDArray[np.int32]
    edge1: NDArray[np.int32]
    edge2: NDArray[np.int32]
    strength: NDArray[np.float64]
    potential: NDArray[np.float64]
    score: NDArray[np.float64]
    rank: NDArray[np.int32]
    reach: NDArray[np.int64]
    """Per introducer (in the order given): its non-customers within two hops, before the cut."""


def network(parties: int, source: ArrayLike, target: ArrayLike, kind: ArrayLike) -> Network:
    """The undirected network of the typed edges. An edge from a party to itself leads nowhere
    and is left out of the incidence. Parallel edges (two kinds between the same parties) are
    all kept: a path takes the strongest, PageRank weighs their sum."""
    src = np.asarray(source, dtype=np.int32)
    dst = np.asarray(target, dtype=np.int32)
    edges = np.flatnonzero(src != dst).astype(np.int32)
    rows = np.stack([src[edges], dst[edges]], axis=1).ravel()  # both ends of each edge, in turn
    cols = np.repeat(edges, 2)
    entries = sparse.coo_array(
        (np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(parties, max(len(src), 1))
    )
    # each (party, edge) appears once: no duplicates to add up, so scipy's linear counting
    # sort alone orders them by party, each party's edges staying in stored order
    entries.has_canonical_format = True
    incidence = entries.tocsr()
    return Network(
        parties=parties,
        source=src,
        target=dst,
        kind=np.asarray(kind, dtype=np.int8),
        start=incidence.indptr.astype(np.int64),
        incident=incidence.indices.astype(np.int32),
    )


def _expand(
    net: Network, parties: NDArray[np.int32]
) -> tuple[NDArray[np.int64], NDArray[np.int32]]:
    """For each party given, its incident edges: (row in ``parties``, edge), in that order."""
    begin, end = net.start[parties], net.start[parties.astype(np.int64) + 1]
    counts = end - begin
    owner = np.repeat(np.arange(len(parties), dtype=np.int64), counts)
    offsets = np.cumsum(counts) - counts
    position = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(offsets - begin, counts)
    return owner, net.incident[position]


def _other(net: Network, edge: NDArray[np.int32], party: NDArray[np.int32]) -> NDArray[np.int32]:
    return (net.source[edge] + net.target[edge] - party).astype(np.int32)


def _strength_order(net: Network) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Every strength a path of one or two edges can have, and its place from the strongest
    (equal strengths share a place): path codes ``k`` (one edge) and ``K + k1 * K + k2``."""
    single = STRENGTHS
    double = np.multiply.outer(STRENGTHS, STRENGTHS).ravel()
    values = np.concatenate([single, double])
    distinct = np.unique(values)[::-1]
    return values, np.searchsorted(-distinct, -values).astype(np.int64)


def _chunks(walks: NDArray[np.int64]) -> Iterator[tuple[int, int]]:
    """Runs of introducers whose two-hop walks add up to at most ``MAX_EXPANSION`` (at least
    one introducer each)."""
    total = np.cumsum(walks)
    begin = 0
    while begin < len(walks):
        before = int(total[begin - 1]) if begin else 0
        end = int(np.searchsorted(total, before + MAX_EXPANSION, side="right"))
        end = max(end, begin + 1)
        yield begin, end
        begin = end


@dataclass(frozen=True)
class _Paths:
    """Candidate paths (many per introducer and prospect) or the best one per pair."""

    who: NDArray[np.int64]  # row of the introducer in the chunk
    prospect: NDArray[np.int32]
    via: NDArray[np.int32]
    edge1: NDArray[np.int32]
    edge2: NDArray[np.int32]
    code: NDArray[np.int64]  # path kind code, see _strength_order
    turn: NDArray[np.int64]  # 2 if edge 1 is walked against its direction, + 1 if edge 2 is

    def take(self, rows: NDArray[np.int64]) -> _Paths:
        return _Paths(
            self.who[rows],
            self.prospect[rows],
            self.via[rows],
            self.edge1[rows],
            self.edge2[rows],
            self.code[rows],
            self.turn[rows],
        )


def _candidates(
    net: Network,
    customer: NDArray[np.bool_],
    start: NDArray[np.int32],
    owner1: NDArray[np.int64],
    edge1: NDArray[np.int32],
) -> _Paths:
    """Every walk of one or two edges from the introducers ``start`` (hop 1 given as
    ``owner1``/``edge1``) that ends at a non-customer other than the introducer itself, in the
    order (introducer, first edge, second edge)."""
    first = _other(net, edge1, start[owner1])
    one = ~customer[first]
    owner2, edge2 = _expand(net, first)
    second = _other(net, edge2, first[owner2])
    two = ~customer[second] & (second != start[owner1[owner2]])
    row2 = owner2[two]
    k = len(KINDS)
    kind1 = net.kind[edge1].astype(np.int64)
    back1 = (net.source[edge1] != start[owner1]).astype(np.int64) * 2
    back2 = (net.source[edge2[two]] != first[row2]).astype(np.int64)
    return _Paths(
        who=np.concatenate([owner1[one], owner1[row2]]),
        prospect=np.concatenate([first[one], second[two]]),
        via=np.concatenate([np.full(int(one.sum()), -1, np.int32), first[row2]]),
        edge1=np.concatenate([edge1[one], edge1[row2]]),
        edge2=np.concatenate([np.full(int(one.sum()), -1, np.int32), edge2[two]]),
        code=np.concatenate(
            [kind1[one], k + kind1[row2] * k + net.kind[edge2[two]].astype(np.int64)]
        ),
        turn=np.concatenate([back1[one], back1[row2] + back2]),
    )


def _strongest(paths: _Paths, parties: int, place: NDArray[np.int64]) -> _Paths:
    """The strongest path per (introducer, prospect); ties: fewer hops, then the smallest via,
    then the kinds (in ``KINDS`` order), then an edge walked in its direction. Two paths equal
    in all of these read the same (the same referral recorded twice): either may stand."""
    pair = paths.who * parties + paths.prospect
    via = paths.via.astype(np.int64) + 1
    tie = ((place[paths.code] * (parties + 1) + via) * len(place) + paths.code) * 4 + paths.turn
    order = np.lexsort((tie, pair))
    sorted_pair = pair[order]
    leading = np.ones(len(order), dtype=bool)
    leading[1:] = sorted_pair[1:] != sorted_pair[:-1]
    return paths.take(order[leading])


def rounded(score: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.round(score, SCORE_DECIMALS)


def prospects(
    net: Network,
    customer: ArrayLike,
    potential: ArrayLike,
    introducers: ArrayLike,
    top: int = 20,
) -> Prospects:
    """For each introducer, the non-customers within two hops (itself excluded), each by its
    strongest path, scored strength x the prospect's potential; the ``top`` best per
    introducer, by score then id."""
    is_customer = np.asarray(customer, dtype=bool)
    worth = np.asarray(potential, dtype=np.float64)
    start = np.asarray(introducers, dtype=np.int32)
    values, place = _strength_order(net)
    degree = np.diff(net.start)
    owner1, edge1 = _expand(net, start)
    first = _other(net, edge1, start[owner1])
    walks = np.bincount(owner1, weights=degree[first], minlength=len(start)).astype(np.int64)
    walks += np.diff(np.searchsorted(owner1, np.arange(len(start) + 1)))
    reach = np.zeros(len(start), dtype=np.int64)

    def chunk(bounds: tuple[int, int]) -> Prospects:
        begin, end = bounds
        lo, hi = np.searchsorted(owner1, [begin, end])
        introducers_here = start[begin:end]
        paths = _candidates(net, is_customer, introducers_here, owner1[lo:hi] - begin, edge1[lo:hi])
        best = _strongest(paths, net.parties, place)
        reach[begin:end] = np.bincount(best.who, minlength=end - begin)
        return _ranked(best, introducers_here, begin, values, worth, top)

    # numpy sorts without holding the GIL: chunks go to the cores side by side
    with ThreadPoolExecutor(_threads()) as pool:
        parts = list(pool.map(chunk, _chunks(walks)))
    return _joined(parts, reach)


def _ranked(
    best: _Paths,
    chunk: NDArray[np.int32],
    begin: int,
    values: NDArray[np.float64],
    worth: NDArray[np.float64],
    top: int,
) -> Prospects:
    strength = values[best.code]
    potential = worth[best.prospect]
    score = strength * potential
    order = np.lexsort((best.prospect, -rounded(score), best.who))
    who = best.who[order]
    leading = np.ones(len(order), dtype=bool)
    leading[1:] = who[1:] != who[:-1]
    group_start = np.flatnonzero(leading)[np.cumsum(leading) - 1]
    rank = np.arange(len(order), dtype=np.int64) - group_start + 1
    keep = order[rank <= top]
    return Prospects(
        introducer=chunk[best.who[keep]],
        prospect=best.prospect[keep],
        hops=np.where(best.via[keep] < 0, 1, 2).astype(np.int8),
        via=best.via[keep],
        edge1=best.edge1[keep],
        edge2=best.edge2[keep],
        strength=strength[keep],
        potential=potential[keep],
        score=score[keep],
        rank=rank[rank <= top].astype(np.int32),
        reach=np.zeros(0, dtype=np.int64),
    )


def _joined(parts: list[Prospects], reach: NDArray[np.int64]) -> Prospects:
    def cat(name: str, dtype: type) -> Any:
        if not parts:
            return np.zeros(0, dtype=dtype)
        return np.concatenate([getattr(part, name) for part in parts])

    return Prospects(
        introducer=cat("introducer", np.int32),
        prospect=cat("prospect", np.int32),
        hops=cat("hops", np.int8),
        via=cat("via", np.int32),
        edge1=cat("edge1", np.int32),
        edge2=cat("edge2", np.int32),
        strength=cat("strength", np.float64),
        potential=cat("potential", np.float64),
        score=cat("score", np.float64),
        rank=cat("rank", np.int32),
        reach=reach,
    )


def pagerank(net: Network, customer: ArrayLike) -> NDArray[np.float64]:
    """Personalised PageRank on the undirected network weighted by edge strength (parallel
    edges add up), the jump spread evenly over the non-customers: a party scores high when
    walks from non-customers come by it often, i.e. when it reaches many of them closely.
    A party without edges hands its share back to the jump. Steps from the jump vector
    until one changes less than ``TOLERANCE`` (at most ``ITERATIONS``); all zero when every
    party is a customer."""
    is_customer = np.asarray(customer, dtype=bool)
    n = net.parties
    jump = (~is_customer).astype(np.float64)
    if jump.sum() == 0:
        return np.zeros(n)
    jump /= jump.sum()
    blocks = _row_blocks(adjacency(net), _threads())
    degree = np.concatenate([np.asarray(block.sum(axis=1)).ravel() for block in blocks])
    isolated = degree == 0
    inverse = np.divide(1.0, degree, out=np.zeros(n), where=~isolated)
    rank = jump.copy()
    with ThreadPoolExecutor(len(blocks)) as pool:
        for _ in range(ITERATIONS):
            flow = rank * inverse
            spread = np.concatenate(list(pool.map(partial(_times, vector=flow), blocks)))
            step = ALPHA * spread + (ALPHA * rank[isolated].sum() + (1 - ALPHA)) * jump
            change = float(np.abs(step - rank).sum())
            rank = step
            if change < TOLERANCE:
                break
    return rank


def _threads() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _times(block: sparse.csr_array, vector: NDArray[np.float64]) -> NDArray[np.float64]:
    product: NDArray[np.float64] = block @ vector
    return product


def _row_blocks(matrix: sparse.csr_array, count: int) -> list[sparse.csr_array]:
    """The matrix as row blocks of about equal entries, sharing its arrays (no copy): scipy
    multiplies without holding the GIL, so each block goes to a core of its own."""
    indptr = matrix.indptr
    cuts = np.searchsorted(indptr, np.linspace(0, matrix.nnz, count + 1)[1:-1])
    bounds = [0, *sorted({int(c) for c in cuts} - {0, matrix.shape[0]}), matrix.shape[0]]
    blocks = []
    for low, high in itertools.pairwise(bounds):
        a, b = int(indptr[low]), int(indptr[high])
        blocks.append(
            sparse.csr_array(
                (matrix.data[a:b], matrix.indices[a:b], indptr[low : high + 1] - a),
                shape=(high - low, matrix.shape[1]),
            )
        )
    return blocks


def adjacency(net: Network) -> sparse.csr_array:
    """The weighted adjacency (row p: p's neighbours, weighted by edge strength; parallel
    edges as separate entries, which a product adds up) read off the incidence: no sort."""
    owner = np.repeat(np.arange(net.parties, dtype=np.int32), np.diff(net.start))
    neighbour = _other(net, net.incident, owner)
    weight = STRENGTHS[net.kind[net.incident]]
    return sparse.csr_array((weight, neighbour, net.start), shape=(net.parties, net.parties))


def ranked(score: ArrayLike, party: ArrayLike) -> NDArray[np.int32]:
    """Ranks 1..m of the parties given: highest (rounded) score first, then smallest code."""
    values = np.asarray(score, dtype=np.float64)
    codes = np.asarray(party, dtype=np.int64)
    order = np.lexsort((codes, -rounded(values)))
    rank = np.empty(len(order), dtype=np.int32)
    rank[order] = np.arange(1, len(order) + 1, dtype=np.int32)
    return rank
