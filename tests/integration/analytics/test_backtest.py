"""Back-testing the playbook on a small bank whose parties change month by month: the stage
history rebuilt from raw data is the one ``bankladder evaluate`` records, and a stricter
playbook moves exactly the parties worked out by hand, naming the criterion."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pyarrow as pa
import pytest
from sqlalchemy import Engine, func, select

from bankladder.analytics.backtest import (
    compare,
    criterion_change,
    history,
    last_month_ends,
    month_ends,
    record_history,
)
from bankladder.analytics.backtest_schemas import Flow, Why
from bankladder.engine.catalogue import fact_types
from bankladder.ladder.model import BankProfile, Ladder
from bankladder.ladder.playbook import load_playbook
from bankladder.playbooks import default_playbook_path
from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import Action, Assessment, Transition
from tests.support import StoreBuilder, at, d

pytestmark = pytest.mark.integration

M1, M2, M3 = d("2026-04-30"), d("2026-05-31"), d("2026-06-30")
# The last 90 days of each month-end (interactions_90d): M1 from Jan 31, M2 from Mar 3,
# M3 from Apr 2. Every party's event lies within the year before each month-end.

LOOSE, STRICT = "when: interactions_90d >= 2", "when: interactions_90d >= 3"


def _bank(b: StoreBuilder) -> None:
    b.party("NEW")  # never contacted: rank 0 throughout
    b.party("MET")  # met, came to an event, no need known: rank 1 throughout
    b.contact("MET", "visit", at("2026-01-05"))
    b.contact("MET", "event", at("2026-03-01"))
    # TWO: contacts in the last 90 days, M1: Apr 10 = 1; M2: Apr 10, May 20 = 2; M3: 2.
    # A need from May 1. Rank 1 at M1; rank 2 at M2 and M3 (2 >= 2), but 1 under "3 contacts".
    b.party("TWO")
    b.contact("TWO", "event", at("2025-12-15"))
    for day in ("2026-04-10", "2026-05-20"):
        b.contact("TWO", "visit", at(day))
    b.need("TWO", "existing", "2026-05-01")
    # THREE: M1: Apr 5, Apr 25 = 2; M2 and M3: Apr 5, Apr 25, May 10 = 3. A need from Apr 1.
    # Rank 2 throughout; under "3 contacts" rank 1 at M1 only.
    b.party("THREE")
    b.contact("THREE", "event", at("2025-12-20"))
    for day in ("2026-04-05", "2026-04-25", "2026-05-10"):
        b.contact("THREE", "visit", at(day))
    b.need("THREE", "latent", "2026-04-01")
    # GOOD: M1: nothing = 0; M2: May 5 = 1; M3: May 5, a care visit Jun 1 = 2. A need and a
    # deposit from Mar 1 (one product family). Rank 1 at M1 and M2; at M3 rank 3 (a product,
    # cared for, no complaint; not two families), but 1 under "3 contacts".
    b.party("GOOD", customer_since=d("2026-03-01"))
    b.contact("GOOD", "event", at("2025-12-10"))
    b.contact("GOOD", "visit", at("2026-05-05"))
    b.contact("GOOD", "care", at("2026-06-01"))
    b.need("GOOD", "existing", "2026-03-01")
    b.holding("GOOD", "DEP", "2026-03-01", balances={"2026-03-31": "9000.00"})


RANKS = {
    M1: {"NEW": 0, "MET": 1, "TWO": 1, "THREE": 2, "GOOD": 1},
    M2: {"NEW": 0, "MET": 1, "TWO": 2, "THREE": 2, "GOOD": 1},
    M3: {"NEW": 0, "MET": 1, "TWO": 2, "THREE": 2, "GOOD": 3},
}


@pytest.fixture
def store(store_path: Path) -> Engine:
    b = StoreBuilder()
    _bank(b)
    return b.build(store_path)


@pytest.fixture
def strict_ladder(tmp_path: Path) -> Ladder:
    """The shipped playbook with discovery asking for 3 contacts in 90 days instead of 2."""
    text = default_playbook_path().read_text(encoding="utf-8")
    assert text.count(LOOSE) == 1
    path = tmp_path / "strict.yaml"
    path.write_text(text.replace(LOOSE, STRICT), encoding="utf-8")
    return load_playbook(path, fact_types(), BankProfile.young)


def _ranks(placements: pa.Table) -> dict[str, int]:
    return {row["party_id"]: row["stage_rank"] for row in placements.to_pylist()}


def _rows(store: Engine, model: type) -> int:
    with unit_of_work(store) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_month_ends_are_the_last_days_of_each_month_in_the_period() -> None:
    assert month_ends(d("2024-01-31"), d("2024-04-29")) == [
        d("2024-01-31"),
        d("2024-02-29"),  # a leap year
        d("2024-03-31"),
    ]
    assert month_ends(d("2026-05-01"), d("2026-05-30")) == []
    assert last_month_ends(d("2026-03-18"), 3) == [
        d("2025-12-31"),
        d("2026-01-31"),
        d("2026-02-28"),
    ]
    assert last_month_ends(d("2026-02-28"), 2) == [d("2026-01-31"), d("2026-02-28")]


def test_the_rebuilt_history_has_the_ranks_worked_out_by_hand_and_writes_nothing(
    store: Engine, young_ladder: Ladder
) -> None:
    rebuilt = history(store, young_ladder, [M3, M1, M2])
    assert [m.as_of for m in rebuilt.months] == [M1, M2, M3]
    assert {m.as_of: _ranks(m.placements) for m in rebuilt.months} == RANKS
    # M3: NEW on 0; MET on 1; TWO, THREE on 2; GOOD on 3; nobody higher.
    assert rebuilt.months[-1].funnel == {0: 1, 1: 1, 2: 2, 3: 1, 4: 0, 5: 0, 6: 0}
    assert rebuilt.playbook == "default@1/young"
    assert (_rows(store, Assessment), _rows(store, Transition), _rows(store, Action)) == (0, 0, 0)


def test_the_rebuilt_history_is_what_evaluate_records_for_the_same_month_ends(
    store: Engine, store_path: Path, tmp_path: Path, young_ladder: Ladder
) -> None:
    copy_path = tmp_path / "recorded.db"
    store.dispose()  # the last connection closed checkpoints the write-ahead log into the file
    shutil.copy(store_path, copy_path)
    recorded = connect(f"sqlite:///{copy_path}")
    try:
        runs = record_history(recorded, young_ladder, [M1, M2, M3])
        with unit_of_work(recorded) as session:
            kept = session.execute(
                select(Assessment.as_of, Assessment.party_id, Assessment.stage_rank)
            )
            by_date: dict[dt.date, dict[str, int]] = {}
            for day, party, rank in kept:
                by_date.setdefault(day, {})[party] = rank
            open_actions_on = set(session.scalars(select(Action.proposed_on)))
    finally:
        recorded.dispose()
    rebuilt = history(store, young_ladder, [M1, M2, M3])
    assert by_date == {m.as_of: _ranks(m.placements) for m in rebuilt.months} == RANKS
    assert [run.as_of for run in runs] == [M1, M2, M3]
    assert open_actions_on == {M3}  # actions as of the newest month-end only


def test_a_stricter_criterion_moves_exactly_the_parties_it_should_and_names_itself(
    store: Engine, young_ladder: Ladder, strict_ladder: Ladder
) -> None:
    compared = compare(store, young_ladder, strict_ladder, [M1, M2, M3])
    moves = {m.as_of: (m.moved, m.flows, m.why) for m in compared.months}
    reason = "recent_contacts"
    assert moves == {
        M1: (1, (Flow(2, 1, 1),), (Why(2, 1, reason, 1),)),  # THREE: 2 contacts
        M2: (1, (Flow(2, 1, 1),), (Why(2, 1, reason, 1),)),  # TWO: 2 contacts
        # TWO 2 -> 1 and GOOD 3 -> 1, each with 2 contacts
        M3: (2, (Flow(2, 1, 1), Flow(3, 1, 1)), (Why(2, 1, reason, 1), Why(3, 1, reason, 1))),
    }
    newest = compared.months[-1]
    assert newest.funnel_a == {0: 1, 1: 1, 2: 2, 3: 1, 4: 0, 5: 0, 6: 0}
    assert newest.funnel_b == {0: 1, 1: 3, 2: 1, 3: 0, 4: 0, 5: 0, 6: 0}
    assert [(m.party_id, m.name, m.from_rank, m.to_rank) for m in compared.sample] == [
        ("TWO", "客****", 2, 1),  # a person's name, "客户TWO", masked but its first character
        ("GOOD", "客*****", 3, 1),
    ]
    (criterion,) = compared.criteria
    assert (criterion.id, criterion.stage_id, criterion.when_a, criterion.when_b) == (
        reason,
        "discovery",
        "interactions_90d >= 2",
        "interactions_90d >= 3",
    )
    assert criterion.words.en == (
        "Business discovery: criterion recent_contacts: interactions_90d >= 2 becomes "
        "interactions_90d >= 3"
    )


def test_the_looser_playbook_against_the_stricter_moves_the_same_parties_up(
    store: Engine, young_ladder: Ladder, strict_ladder: Ladder
) -> None:
    compared = compare(store, strict_ladder, young_ladder, [M3])
    (month,) = compared.months
    # A (strict) leaves TWO and GOOD on rung 1 for want of a third contact; B lifts them.
    assert month.why == (Why(1, 2, "recent_contacts", 1), Why(1, 3, "recent_contacts", 1))


def test_a_criterion_only_one_playbook_has_is_said_to_be_new_or_dropped(
    young_ladder: Ladder, established_ladder: Ladder
) -> None:
    # The established profile has no bank_trust criterion (young banks only).
    dropped = criterion_change(young_ladder, established_ladder, "bank_trust")
    assert (dropped.when_a, dropped.when_b) == ("events_attended_365d >= 1", None)
    assert (
        dropped.words.en == "Acquaintance: criterion bank_trust dropped: events_attended_365d >= 1"
    )
    assert dropped.words.zh == "“了解银行与客户经理”取消条件 bank_trust：events_attended_365d >= 1"
    added = criterion_change(established_ladder, young_ladder, "bank_trust")
    assert added.words.en == "Acquaintance: new criterion bank_trust: events_attended_365d >= 1"
