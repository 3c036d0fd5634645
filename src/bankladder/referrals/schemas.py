"""Fission figures as the service returns them: per party (name masked), RM and branch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bankladder.referrals.figures import Fission


@dataclass(frozen=True)
class FissionRow:
    """One group's figures: a party (``name`` masked as ``privacy.masking.party_name``), an
    RM or a branch (``name``: the RM's or the branch's)."""

    id: str
    name: str
    figures: Fission


@dataclass(frozen=True)
class FissionReport:
    """The figures a user may see as of a date: the parties of their scope that made a
    referral (those with the most converted first; ``more_parties`` not listed), their RMs,
    and the branches whole in their scope (none for an RM)."""

    as_of: dt.date
    parties: tuple[FissionRow, ...]
    more_parties: int
    rms: tuple[FissionRow, ...]
    branches: tuple[FissionRow, ...]
