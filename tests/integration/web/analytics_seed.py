"""Stage histories for the analytics pages, on the small bank of tests/workbench.py (two
branches; today is 2026-06-30 on the tests' clock; the newest stage change is 2026-05-31, so the
default period is 2025-06-01 to 2026-05-31). Every party is a person (names masked).

Ranks: 1 acquaintance, 2 discovery, 3 goodwill. Changes at month-ends:

branch BR01                                   segment   industry  rung at 05-31
  P-RM01-1 RM01  01-31 ->1, 03-31 1->2         mass      C13       2
  P-RM01-2 RM01  (never placed)                mass      F51       0
  P-RM01-3 RM01  01-31 ->1 (still there)       mass      C13       1  (stalled: 120 days)
  P-RM01-4 RM01  01-31 ->1, 02-28 1->2         affluent  C13       2
  P-RM01-5 RM01  02-28 ->1, 03-31 1->2         affluent  F51       2
  P-RM02-1 RM02  02-28 ->1, 04-30 1->2, 05-31 2->3  affluent F51   3
  P-RM02-2 RM02  03-31 ->1, 04-30 1->2         mass      C13       2
branch BR02
  P-RM03-1 RM03  01-31 ->1, 02-28 1->2, 05-31 2->1 (regressed)  mass  C13  1
  P-RM03-2 RM03  04-30 ->1                     affluent  C13       1

Stays on rung 1 in BR01: five ended after 28, 30, 31, 59 and 61 days, P-RM01-3's runs on (120
days at 05-31): by 61 days more than 80% of the stays have ended, so P-RM01-3 is stalled.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, insert, update

from bankladder.store.database import unit_of_work
from bankladder.store.models import Party, Transition

STAGE = {0: None, 1: "acquaintance", 2: "discovery", 3: "goodwill"}

PARTIES = {  # party: (rm, segment, industry); the first four are the small bank's own
    "P-RM01-1": ("RM01", "mass", "C13"),
    "P-RM01-2": ("RM01", "mass", "F51"),
    "P-RM02-1": ("RM02", "affluent", "F51"),
    "P-RM03-1": ("RM03", "mass", "C13"),
    "P-RM01-3": ("RM01", "mass", "C13"),
    "P-RM01-4": ("RM01", "affluent", "C13"),
    "P-RM01-5": ("RM01", "affluent", "F51"),
    "P-RM02-2": ("RM02", "mass", "C13"),
    "P-RM03-2": ("RM03", "affluent", "C13"),
}
NEW = ("P-RM01-3", "P-RM01-4", "P-RM01-5", "P-RM02-2", "P-RM03-2")

MOVES = {  # party: (day, from rank, to rank), in order
    "P-RM01-1": [("2026-01-31", 0, 1), ("2026-03-31", 1, 2)],
    "P-RM01-3": [("2026-01-31", 0, 1)],
    "P-RM01-4": [("2026-01-31", 0, 1), ("2026-02-28", 1, 2)],
    "P-RM01-5": [("2026-02-28", 0, 1), ("2026-03-31", 1, 2)],
    "P-RM02-1": [("2026-02-28", 0, 1), ("2026-04-30", 1, 2), ("2026-05-31", 2, 3)],
    "P-RM02-2": [("2026-03-31", 0, 1), ("2026-04-30", 1, 2)],
    "P-RM03-1": [("2026-01-31", 0, 1), ("2026-02-28", 1, 2), ("2026-05-31", 2, 1)],
    "P-RM03-2": [("2026-04-30", 0, 1)],
}


def _direction(old: int, new: int) -> str:
    if old == 0:
        return "entered"
    return "advanced" if new > old else "regressed"


def seed(engine: Engine) -> None:
    """Add the new parties, give every party its segment and industry, write the moves."""
    with unit_of_work(engine) as session:
        session.execute(
            insert(Party),
            [
                {"id": party, "kind": "person", "name": f"客户{party}", "rm_id": PARTIES[party][0]}
                for party in NEW
            ],
        )
        for party, (_rm, segment, industry) in PARTIES.items():
            session.execute(
                update(Party)
                .where(Party.id == party)
                .values(segment=segment, industry_code=industry)
            )
        session.execute(
            insert(Transition),
            [
                {
                    "party_id": party,
                    "from_stage": STAGE[old],
                    "to_stage": STAGE[new],
                    "direction": _direction(old, new),
                    "changed_on": dt.date.fromisoformat(day),
                }
                for party, moves in MOVES.items()
                for day, old, new in moves
            ],
        )
