"""Fission figures from referral rows, per party, per RM and per branch, as of a date.

Pure: no I/O. Definitions (docs/architecture.md repeats them):

- made: referrals the group's members made on or before the date;
- converted: those of them converted on or before the date (a conversion without a date
  counts, but has no time to convert);
- conversion rate: converted / made (None when nothing was made);
- median days to convert: the median of ``converted_on - referred_on`` over the converted;
- K-factor: converted referrals made by the group's members / the group's customers on the
  date (for one party: its converted referrals if it is a customer, None if it is not; for
  an RM or a branch: per customer of the book). Above 1, each customer brings in more than
  one new customer: the book grows by fission;
- depth: the longest chain of converted referrals starting at a member (``depth.py``); a
  group's depth is its deepest member's.

A referral belongs to its referrer's group: the referrer's RM and that RM's branch.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from bankladder.referrals.depth import depths, referral_graph


@dataclass(frozen=True)
class ReferralRecord:
    """A referral as of the date asked: ``converted`` only if it converted by then."""

    referrer_id: str
    referee_id: str
    referred_on: dt.date
    converted: bool
    converted_on: dt.date | None


@dataclass(frozen=True)
class Member:
    """A party, its RM and the RM's branch, and whether it is a customer on the date."""

    party_id: str
    rm_id: str | None
    branch_id: str | None
    customer: bool


@dataclass(frozen=True)
class Fission:
    made: int
    converted: int
    conversion_rate: float | None
    median_days_to_convert: float | None
    customers: int
    k_factor: float | None
    depth: int


@dataclass(frozen=True)
class FissionBook:
    """The figures of every party, RM and branch that has members."""

    parties: Mapping[str, Fission]
    rms: Mapping[str, Fission]
    branches: Mapping[str, Fission]


def as_of(
    rows: Iterable[tuple[str, str, dt.date, bool, dt.date | None]], day: dt.date
) -> list[ReferralRecord]:
    """(referrer, referee, referred_on, status is converted, converted_on) rows as they stood
    on ``day``: later referrals left out, later conversions not yet converted."""
    return [
        ReferralRecord(referrer, referee, referred_on, converted and (on is None or on <= day), on)
        for referrer, referee, referred_on, converted, on in rows
        if referred_on <= day
    ]


def figures(made: Sequence[ReferralRecord], customers: int, depth: int) -> Fission:
    """The figures of one group from the referrals its members made."""
    converted = [r for r in made if r.converted]
    days = [(r.converted_on - r.referred_on).days for r in converted if r.converted_on]
    return Fission(
        made=len(made),
        converted=len(converted),
        conversion_rate=len(converted) / len(made) if made else None,
        median_days_to_convert=float(statistics.median(days)) if days else None,
        customers=customers,
        k_factor=len(converted) / customers if customers else None,
        depth=depth,
    )


@dataclass(frozen=True)
class BookCustomers:
    """Customers per RM and per branch, when counted in the store rather than from members
    (so that a report need not load every party, only those that made a referral)."""

    rms: Mapping[str, int]
    branches: Mapping[str, int]


def fission_book(
    referrals: Sequence[ReferralRecord],
    members: Iterable[Member],
    customers: BookCustomers | None = None,
) -> FissionBook:
    """Figures for every member, for each RM and each branch with members (or customers).

    ``referrals`` may hold referrals of parties that are not members (a colleague's book):
    their converted ones still make a member's chain deeper, and they count for no group.
    ``customers``: the groups' customers counted elsewhere; by default, the members who are."""
    deep = depths(referral_graph((r.referrer_id, r.referee_id) for r in referrals if r.converted))
    by_referrer: dict[str, list[ReferralRecord]] = defaultdict(list)
    for referral in referrals:
        by_referrer[referral.referrer_id].append(referral)
    listed = list(members)
    return FissionBook(
        parties=_grouped(listed, lambda m: m.party_id, by_referrer, deep),
        rms=_grouped(
            listed, lambda m: m.rm_id, by_referrer, deep, customers.rms if customers else None
        ),
        branches=_grouped(
            listed,
            lambda m: m.branch_id,
            by_referrer,
            deep,
            customers.branches if customers else None,
        ),
    )


def _grouped(
    members: Sequence[Member],
    key: Callable[[Member], str | None],
    by_referrer: Mapping[str, Sequence[ReferralRecord]],
    deep: Mapping[str, int],
    customers: Mapping[str, int] | None = None,
) -> dict[str, Fission]:
    groups: dict[str, list[Member]] = defaultdict(list)
    for member in members:
        name = key(member)
        if name is not None:
            groups[name].append(member)
    for name in customers or {}:
        groups.setdefault(name, [])
    return {
        name: figures(
            [r for m in group for r in by_referrer.get(m.party_id, ())],
            customers=(
                sum(m.customer for m in group) if customers is None else customers.get(name, 0)
            ),
            depth=max((deep.get(m.party_id, 0) for m in group), default=0),
        )
        for name, group in sorted(groups.items())
    }
