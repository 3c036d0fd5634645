"""Training rows from the store's history on a small hand-made bank: the labels of each party
at each month-end worked out by hand, the 90-day edges (day 90 in, day 91 out), month-ends the
store cannot label yet left out and named, and refusals in words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine

from bankladder.errors import InvalidInput
from bankladder.ladder.model import Ladder
from bankladder.propensity.history import newest_labelled_month_ends, store_outcomes
from bankladder.store.models import Assessment, Transition
from tests.support import StoreBuilder, at, d

pytestmark = pytest.mark.integration

JAN, FEB, MAR, APR = d("2026-01-31"), d("2026-02-28"), d("2026-03-31"), d("2026-04-30")
DEC = d("2025-12-31")
# Evaluations recorded Jan 31 .. Jun 30: month-ends Jan, Feb, Mar can be labelled (Mar 31 +
# 90 days = Jun 29); Apr 30 cannot (its 90 days end Jul 29); Dec 31 is before the first one.


def _moved(b: StoreBuilder, party: str, on: str, direction: str = "advanced") -> None:
    b.add(Transition, party_id=party, from_stage="s1", to_stage="s2", direction=direction,
          changed_on=d(on))  # fmt: skip


def _bank(b: StoreBuilder) -> None:
    for party in ("A", "B", "C", "D", "E", "F"):
        b.party(party)
        for day in ("2026-01-31", "2026-06-30"):
            b.add(Assessment, party_id=party, as_of=d(day), stage_id=None, stage_rank=0,
                  score=0.0, evidence={}, playbook="test")  # fmt: skip
    _moved(b, "A", "2026-05-01")  # Jan 31 + 90: in for Jan, Feb, Mar
    _moved(b, "B", "2026-05-02")  # Jan 31 + 91: out for Jan; in for Feb and Mar
    _moved(b, "C", "2026-02-15", "regressed")  # a move down is no advance
    _moved(b, "D", "2026-01-31", "entered")  # on the month-end itself: not after it
    _moved(b, "D", "2026-03-01", "entered")  # in for Jan and Feb
    _moved(b, "E", "2026-06-30")  # Mar 31 + 91: out for Mar
    b.contact("F", "visit", at("2026-02-10"))  # after Jan 31: not a fact as of Jan 31
    # wealth (WM) openings
    b.holding("A", "WM", "2026-05-01", balances={"2026-06-30": "1.00"})  # Jan + 90: in
    b.holding("B", "WM", "2026-05-02")  # Jan + 91: out for Jan; in for Feb
    b.holding("C", "WM", "2025-06-01")  # held throughout: never a row
    b.holding("D", "WM", "2025-06-01", closed="2026-01-15")  # none open on Jan 31 ...
    b.holding("D", "WM", "2026-02-10")  # ... then opened: 1 for Jan; held on Feb 28: no row
    b.holding("E", "DEP", "2026-02-01")  # another family: no wealth opened


ADVANCE = {
    JAN: {"A": 1, "B": 0, "C": 0, "D": 1, "E": 0, "F": 0},
    FEB: {"A": 1, "B": 1, "C": 0, "D": 1, "E": 0, "F": 0},
    MAR: {"A": 1, "B": 1, "C": 0, "D": 0, "E": 0, "F": 0},
}
WEALTH = {
    JAN: {"A": 1, "B": 0, "D": 1, "E": 0, "F": 0},
    FEB: {"A": 1, "B": 1, "E": 0, "F": 0},
    MAR: {"A": 1, "B": 1, "E": 0, "F": 0},
}


@pytest.fixture
def store(store_path: Path) -> Engine:
    b = StoreBuilder()
    _bank(b)
    return b.build(store_path)


def _labels(store: Engine, ladder: Ladder, target: str, ends: list[dt.date]) -> dict:
    outcomes = store_outcomes(store, ladder, target, ends, threads=1)
    days = outcomes.order.astype("datetime64[ns]").astype("datetime64[D]").astype(object)
    found: dict = {}
    parties = _party_ids(store, ladder, ends, outcomes.label.size, target)
    for day, party, label in zip(days, parties, outcomes.label, strict=True):
        found.setdefault(day, {})[party] = int(label)
    return found


def _party_ids(store: Engine, ladder: Ladder, ends: list, rows: int, target: str) -> list[str]:
    """The party of each row: rows are per month-end, by party id (the order kept)."""
    wanted = ADVANCE if target == "advance" else WEALTH
    ids = [party for day in sorted(wanted) for party in sorted(wanted[day])]
    assert len(ids) == rows
    return ids


def test_advance_labels_are_recorded_moves_up_within_90_days(
    store: Engine, young_ladder: Ladder
) -> None:
    assert _labels(store, young_ladder, "advance", [DEC, JAN, FEB, MAR, APR]) == ADVANCE


def test_month_ends_the_store_cannot_label_are_left_out_and_named(
    store: Engine, young_ladder: Ladder
) -> None:
    outcomes = store_outcomes(store, young_ladder, "advance", [DEC, JAN, FEB, MAR, APR])
    assert outcomes.source == (
        "store: advance within 90 days, as of 3 month-ends 2026-01-31..2026-03-31; left out: "
        "2025-12-31: before the first recorded evaluation, 2026-01-31; 2026-04-30: their 90 "
        "days end after 2026-06-30, the newest evaluation"
    )
    assert outcomes.excluded == ("party_id",)
    assert "party_id" not in outcomes.features
    assert newest_labelled_month_ends(store, "advance", 3) == [JAN, FEB, MAR]


def test_product_labels_are_first_openings_of_the_family_and_holders_are_left_out(
    store: Engine, young_ladder: Ladder
) -> None:
    assert _labels(store, young_ladder, "product:wealth", [JAN, FEB, MAR]) == WEALTH


def test_features_are_as_of_each_month_end_and_the_hash_is_repeatable(
    store: Engine, young_ladder: Ladder
) -> None:
    first = store_outcomes(store, young_ladder, "advance", [JAN, FEB])
    contacts = first.features["contacts_total"].to_numpy()
    # F (the last party of each month-end) visited on Feb 10: 0 as of Jan 31, 1 as of Feb 28
    assert contacts[5] == 0
    assert contacts[11] == 1
    assert np.all(np.diff(first.order) >= 0)  # month-end order: older rows first
    again = store_outcomes(store, young_ladder, "advance", [FEB, JAN])
    assert again.sha256 == first.sha256
    assert store_outcomes(store, young_ladder, "advance", [JAN]).sha256 != first.sha256


@pytest.mark.parametrize(
    ("target", "ends", "said"),
    [
        ("advance", [APR], "no month-end can be labelled for advance: 2026-04-30: their 90"),
        ("product:gold", [JAN], "no product of the family 'gold'"),
        ("outcome:y", [JAN], "outcome:y is learnt from a file of outcomes"),
        ("advance", [JAN], "no party reached advance within 90 days"),  # with A's move gone
    ],
)
def test_what_cannot_be_learnt_is_refused_in_words(
    store: Engine, young_ladder: Ladder, target: str, ends: list[dt.date], said: str
) -> None:
    if said.startswith("no party"):
        with store.begin() as connection:
            connection.execute(Transition.__table__.delete())
    with pytest.raises(InvalidInput) as refused:
        store_outcomes(store, young_ladder, target, ends)
    assert said in refused.value.what


def test_a_store_never_evaluated_cannot_teach_advances(
    store_path: Path, young_ladder: Ladder
) -> None:
    b = StoreBuilder()
    b.party("A")
    with pytest.raises(InvalidInput) as refused:
        store_outcomes(b.build(store_path), young_ladder, "advance", [JAN])
    assert "no recorded stage history" in refused.value.what
    assert "backtest --record" in (refused.value.fix or "")
