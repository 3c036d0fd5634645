"""What the prospects use cases take and return. Personal values in results are masked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bankladder.errors import InvalidInput
from bankladder.store.vocabulary import NeedNature, PartyKind, RelationshipKind

EDITABLE = ("name", "mobile", "id_number", "prospect_group", "segment", "region")
"""The party fields a workbench user may change (``PATCH /api/v1/parties/{id}``)."""


@dataclass(frozen=True)
class NewProspect:
    """A prospect met in the field, as typed (checked and normalised by the service)."""

    name: str
    kind: PartyKind
    mobile: str
    id_number: str | None = None
    prospect_group: str | None = None
    note: str | None = None
    rm_id: str | None = None  # a manager's choice among their branch's RMs


@dataclass(frozen=True)
class NewNeed:
    kind: str  # a product family
    nature: NeedNature
    competitor_bank: str | None = None


@dataclass(frozen=True)
class NewReferral:
    """The party introduced someone: a party of the user's scope, or a new prospect."""

    referee_id: str | None = None
    new_referee: NewProspect | None = None


@dataclass(frozen=True)
class NewRelationship:
    """This party is ``kind`` of the other (e.g. supplier_of)."""

    other_party_id: str
    kind: RelationshipKind
    since: dt.date | None = None


@dataclass(frozen=True)
class Problem:
    """Why one field was refused: ``code`` is said in words by the page, ``detail`` by the API."""

    field: str
    code: str
    detail: str


class FieldsRefused(InvalidInput):
    """One or more fields cannot be accepted; nothing was saved."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(
            "some fields cannot be accepted: " + ", ".join(p.field for p in problems),
            fix="correct the fields named and send again",
        )

    def by_field(self) -> dict[str, str]:
        return {p.field: p.code for p in self.problems}


@dataclass(frozen=True)
class Candidate:
    """A party that is, or may be, the one being added. Out of the user's scope, only which
    typed identifier matched is said: no id, no name, no RM."""

    matched_on: str  # mobile | id_number
    party_id: str | None = None  # None: a colleague serves this party
    verdict: str | None = None
    kind: str | None = None
    name: str | None = None
    mobile: str | None = None
    id_number: str | None = None

    @property
    def in_scope(self) -> bool:
        return self.party_id is not None


class LikelyDuplicates(InvalidInput):
    """The bank may know this party already; nothing was saved until the user confirms."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates
        super().__init__(
            f"{len(candidates)} party records may be this party",
            fix="open the party you meant, or confirm that it is a new party",
        )


@dataclass(frozen=True)
class PartyView:
    """A party as the workbench returns it: personal values masked."""

    id: str
    kind: str
    name: str
    mobile: str | None
    id_number: str | None
    prospect_group: str | None
    segment: str | None
    region: str | None
    rm_id: str | None
    first_contact_on: dt.date | None
    customer_since: dt.date | None
    version: int


@dataclass(frozen=True)
class Recorded:
    """A need, referral or relationship written; ``created`` names a prospect added with it."""

    id: int
    party_id: str
    created: PartyView | None = None


@dataclass(frozen=True)
class Found:
    party_id: str
    kind: str
    name: str
    mobile: str | None
    prospect_group: str | None
    prospect: bool


@dataclass(frozen=True)
class SearchResults:
    parties: list[Found] = field(default_factory=list)
    more: bool = False  # more parties matched than are listed: narrow the search
    searched_by: str | None = None  # name | mobile | id_number | party_id
