"""The demo bank fills every rung, and its history moves: advances, regressions, stalls."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from tests.integration.demo.ladder_rules import AS_OF, LadderHistory

pytestmark = pytest.mark.integration

TARGET_MIX = {0: 0.05, 1: 0.22, 2: 0.20, 3: 0.20, 4: 0.16, 5: 0.10, 6: 0.07}


def test_every_rung_holds_at_least_three_percent_of_parties(ladder: LadderHistory) -> None:
    shares = _shares(ladder.now)
    assert all(shares.get(rung, 0) >= 0.03 for rung in range(7)), shares


def test_stage_mix_is_close_to_the_planned_mix(ladder: LadderHistory) -> None:
    shares = _shares(ladder.now)
    for rung, target in TARGET_MIX.items():
        assert shares.get(rung, 0) == pytest.approx(target, abs=0.03), (rung, shares)


def test_parties_advanced_over_the_last_year(ladder: LadderHistory) -> None:
    year_ago = ladder.month_ends[min(ladder.month_ends)]
    advanced = sum(1 for p, rung in ladder.now.items() if rung > year_ago[p])
    assert advanced / len(ladder.now) > 0.3
    assert _shares(year_ago).get(6, 0) < _shares(ladder.now)[6]


def test_some_parties_regressed_from_an_earlier_month_end(ladder: LadderHistory) -> None:
    best_before = {p: max(r[p] for r in ladder.month_ends.values()) for p in ladder.now}
    falls = Counter(
        (best_before[p], rung) for p, rung in ladder.now.items() if best_before[p] > rung
    )
    assert sum(falls.values()) / len(ladder.now) > 0.05, falls
    fell_from = {before for before, _ in falls}
    assert {2, 3, 4, 5} <= fell_from, falls


def test_regressions_have_a_cause_in_the_data(ladder: LadderHistory) -> None:
    """An open complaint, a closed product and money moved out each pull someone back."""
    last_month_end = max(ladder.month_ends)
    before = ladder.month_ends[last_month_end]
    causes: Counter[str] = Counter()
    for party_id, rung in ladder.now.items():
        if rung < before[party_id]:
            causes[_cause(ladder, party_id, last_month_end)] += 1
    assert {"complaint", "closed", "moved_out"} <= set(causes), causes


def test_stalled_parties_had_no_contact_for_ninety_days(ladder: LadderHistory) -> None:
    stalled = [
        p
        for p, history in ladder.reader.parties.items()
        if history.contacts
        and ladder.now[p] <= 1
        and (AS_OF - max(when for when, _, _ in history.contacts)).days >= 90
    ]
    assert len(stalled) / len(ladder.now) > 0.05


def _shares(rungs: dict[str, int]) -> dict[int, float]:
    return {rung: count / len(rungs) for rung, count in Counter(rungs.values()).items()}


def _cause(ladder: LadderHistory, party_id: str, since: dt.date) -> str:
    history = ladder.reader.parties[party_id]
    if any(k == "complaint" and r is None and w > since for w, k, r in history.contacts):
        return "complaint"
    if any(closed is not None and since < closed <= AS_OF for _, _, closed, _ in history.holdings):
        return "closed"
    before = sum((_latest(b, since) for _, _, _, b in history.holdings), Decimal(0))
    now = sum((_latest(b, AS_OF) for _, _, c, b in history.holdings if c is None), Decimal(0))
    return "moved_out" if now < before / 2 else "other"


def _latest(balances: list[tuple[dt.date, Decimal]], day: dt.date) -> Decimal:
    amounts = [amount for on, amount in balances if on <= day]
    return amounts[-1] if amounts else Decimal(0)
