"""The demo bank's reciprocity data: favours mostly for parties on the win-win rung or above,
introductions within an RM's book, monthly flows for customers only; and the flows never lift
a party onto a rung its journey has not reached (its contribution stays under VIP tier 2
wherever the ladder places it below win-win), at today's date and at earlier month-ends."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bankladder.config import Settings
from bankladder.demo import build_demo_bank
from bankladder.evaluation.ladders import ladder_for
from bankladder.evaluation.service import evaluate_dates
from bankladder.reciprocity import repository
from bankladder.reciprocity.ledger import Window, contribution
from bankladder.store.database import connect_for_upgrade, upgrade
from bankladder.store.models import Assessment, Benefit, Party, Settlement

pytestmark = pytest.mark.integration
AS_OF = dt.date(2026, 6, 30)
DATES = (dt.date(2025, 12, 31), dt.date(2026, 3, 31), AS_OF)
WIN_WIN = 5


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("reciprocity") / "demo.db"
    engine = connect_for_upgrade(f"sqlite:///{path}")
    upgrade(engine)
    with engine.begin() as connection:
        build_demo_bank(connection, parties=1_500, seed=11, as_of=AS_OF)
    evaluate_dates(engine, ladder_for(Settings()), list(DATES), actions_for_newest_only=True)
    yield engine
    engine.dispose()


def _ranks(demo: Engine, day: dt.date) -> dict[str, tuple[int, Decimal, bool]]:
    """Party -> (rank, total balance as the ledger reads it, enterprise?) at ``day``."""
    query = (
        select(Assessment.party_id, Assessment.stage_rank, Party.kind)
        .join(Party, Party.id == Assessment.party_id)
        .where(Assessment.as_of == day)
    )
    with Session(demo) as session:
        return {
            party: (
                rank,
                repository.balance_on(session, None, party, day),
                kind.value == "enterprise",
            )
            for party, rank, kind in session.execute(query)
        }


def _inflows(demo: Engine, day: dt.date) -> dict[str, Decimal]:
    window = Window(day)
    totals: dict[str, Decimal] = defaultdict(Decimal)
    with demo.connect() as connection:
        rows = connection.execute(select(Settlement.party_id, Settlement.month, Settlement.inflow))
        for party, month, inflow in rows:
            if window.holds(month):
                totals[party] += inflow
    return totals


@pytest.mark.parametrize("day", DATES)
def test_flows_never_lift_a_party_below_win_win_to_vip_tier_2(demo: Engine, day: dt.date) -> None:
    vip = ladder_for(Settings()).vip
    inflows = _inflows(demo, day)
    lifted = []
    for party, (rank, balance, firm) in _ranks(demo, day).items():
        tier = vip.tier(
            float(contribution(balance, inflows.get(party, Decimal(0)))), enterprise=firm
        )
        if rank < WIN_WIN and tier >= 2 > vip.tier(float(balance), enterprise=firm):
            lifted.append(party)
    assert inflows  # the flows exist, so the check is not vacuous
    assert lifted == []


def test_favours_go_mostly_to_parties_on_win_win_or_above(demo: Engine) -> None:
    ranks = _ranks(demo, AS_OF)
    window = Window(AS_OF)
    with demo.connect() as connection:
        favours = connection.execute(select(Benefit)).all()
    recent = {f.party_id for f in favours if window.holds(f.given_on)}
    high = {party for party, (rank, _, _) in ranks.items() if rank >= WIN_WIN}
    assert high <= recent  # every win-win party got something in the last twelve months
    assert len(recent & high) >= 0.75 * len(recent)  # the rest: fallen back, or a few lower
    assert recent - high  # and a few lower ones too


def test_favours_are_dated_in_the_past_and_introductions_stay_in_the_rms_book(
    demo: Engine,
) -> None:
    with demo.connect() as connection:
        rm_of = dict(connection.execute(select(Party.id, Party.rm_id)).tuples().all())
        favours = connection.execute(select(Benefit)).all()
    assert all(AS_OF - dt.timedelta(days=541) < f.given_on < AS_OF for f in favours)
    assert all(f.worth is None or f.worth >= 0 for f in favours)
    introductions = [f for f in favours if f.kind.value == "introduction"]
    assert introductions
    assert all(f.counterpart_id != f.party_id for f in introductions)
    assert all(rm_of[f.counterpart_id] == rm_of[f.party_id] == f.rm_id for f in introductions)


def test_flows_are_monthly_for_customers_and_bigger_for_bigger_firms(demo: Engine) -> None:
    query = select(Settlement.month, Settlement.inflow, Party.segment, Party.customer_since).join(
        Party, Party.id == Settlement.party_id
    )
    per_segment: dict[str, list[Decimal]] = defaultdict(list)
    with demo.connect() as connection:
        for month, inflow, segment, since in connection.execute(query):
            assert (month.day, month <= AS_OF, since is not None) == (1, True, True)
            assert inflow > 0
            per_segment[segment].append(inflow)
    median = {s: sorted(v)[len(v) // 2] for s, v in per_segment.items()}
    assert median["micro"] < median["sme"] < median["corporate"]
