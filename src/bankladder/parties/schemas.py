"""What the party-resolution use cases return."""

from __future__ import annotations

from dataclasses import dataclass, field

from bankladder.parties.resolution import Rule, Verdict


@dataclass(frozen=True)
class DuplicatePair:
    """Two parties that are, or may be, one; ``evidence`` is masked and safe to print."""

    first_id: str
    second_id: str
    verdict: Verdict
    rule: Rule
    evidence: dict[str, str]


@dataclass
class TableMerge:
    """What a merge did to one table's references: moved to KEEP, dropped, or closed."""

    table: str
    moved: int = 0
    dropped: int = 0
    closed: int = 0


@dataclass
class MergeReport:
    keep: str
    other: str
    tables: list[TableMerge] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)  # KEEP's empty attributes taken from OTHER
