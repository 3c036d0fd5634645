"""How concentrated a book of parties is across industries (pure).

A book is the industry codes of its parties (``None`` or an unknown code: not classified).
Shares are of the classified parties: the section counts, the Herfindahl-Hirschman index over
sections (the sum of the squared section shares, from 1/20 when spread evenly over the 20
sections to 1 when all in one), the top section's share, and the shares whose industry the
bank targets and the RM specialises in. A code matches a prefix as the products' target
industries do: ``C`` covers ``C13``; ``C13`` covers ``C13`` (and its finer groups) only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from bankladder.industry.gbt4754 import normal, section_of
from bankladder.industry.matching import matches

MODERATE, CONCENTRATED = 0.15, 0.25
"""Index bands, as competition authorities read a market: below 0.15 diversified, 0.15 to
0.25 moderately concentrated, above 0.25 concentrated."""


class Spread(StrEnum):
    DIVERSIFIED = "diversified"
    MODERATE = "moderate"
    CONCENTRATED = "concentrated"


@dataclass(frozen=True)
class SectionShare:
    section: str
    count: int
    share: float  # of the classified parties


@dataclass(frozen=True)
class Concentration:
    """One book's spread across industries."""

    parties: int
    classified: int
    sections: tuple[SectionShare, ...]  # largest first, then by letter
    hhi: float | None  # None: nothing classified
    spread: Spread | None
    top_section: str | None
    top_share: float | None
    in_targets: int
    target_share: float | None
    in_specialisations: int
    specialisation_share: float | None

    @property
    def unclassified(self) -> int:
        return self.parties - self.classified


def hhi(counts: Iterable[int]) -> float | None:
    """The Herfindahl-Hirschman index of the counts' shares; None when they sum to 0."""
    kept = [c for c in counts if c > 0]
    total = sum(kept)
    if total == 0:
        return None
    return sum((c / total) ** 2 for c in kept)


def spread(index: float | None) -> Spread | None:
    if index is None:
        return None
    if index < MODERATE:
        return Spread.DIVERSIFIED
    return Spread.MODERATE if index <= CONCENTRATED else Spread.CONCENTRATED


def concentration(
    book: Sequence[str | None],
    targets: Iterable[str] = (),
    specialisations: Iterable[str] = (),
) -> Concentration:
    """The concentration of ``book`` (one industry code per party)."""
    return tallied(Counter(book), targets, specialisations)


def tallied(
    book: Mapping[str | None, int],
    targets: Iterable[str] = (),
    specialisations: Iterable[str] = (),
) -> Concentration:
    """The concentration of a book given as its parties counted per industry code (how the
    store hands it over: one row per RM and code, however many parties)."""
    known = Counter[str]()
    for code, count in book.items():
        if code and section_of(code) is not None:
            known[normal(code)] += count
    classified = sum(known.values())
    counts = Counter[str]()
    for code, count in known.items():
        counts[code[:1]] += count
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shares = tuple(SectionShare(s, n, n / classified) for s, n in ordered)
    index = hhi(counts.values())
    aimed, own = tuple(targets), tuple(specialisations)
    in_targets = sum(n for code, n in known.items() if matches(code, aimed))
    in_specialisations = sum(n for code, n in known.items() if matches(code, own))
    return Concentration(
        parties=sum(book.values()),
        classified=classified,
        sections=shares,
        hhi=index,
        spread=spread(index),
        top_section=shares[0].section if shares else None,
        top_share=shares[0].share if shares else None,
        in_targets=in_targets,
        target_share=_share(in_targets, classified),
        in_specialisations=in_specialisations,
        specialisation_share=_share(in_specialisations, classified),
    )


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole
