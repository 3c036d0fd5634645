"""The referral network as arrays: prospects within two hops of each introducer, and the
intermediary ranking (personalised PageRank towards non-customers).

Pure: numpy and scipy.sparse, arrays in and arrays out, no I/O. Parties are coded 0..n-1 in
the order of their ids (the caller codes them so), so "then by id" is "then by code". Edges are
the stored relationships and referrals, each kept as stored (``source`` -> ``target``, a kind
code into ``KINDS``); the network is read undirected, an introduction goes both ways.
"""

from __future__ import annotations

import numpy as np

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
