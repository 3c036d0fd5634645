"""Duplicates are found in a real store, and a merge keeps every reference and the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, func, insert, or_, select

from bankladder.errors import InvalidInput, NotFound
from bankladder.parties.repository import party_references
from bankladder.parties.resolution import Rule, Verdict
from bankladder.parties.service import (
    find_duplicates,
    match_incoming,
    merge,
    merge_preview,
    record_aliases,
    resolve_aliases,
)
from bankladder.store.database import connect_for_upgrade, unit_of_work, upgrade
from bankladder.store.models import (
    Action,
    Assessment,
    AuditHead,
    Base,
    Party,
    PartyAlias,
    Transition,
)
from tests.support import StoreBuilder, at, d

pytestmark = pytest.mark.integration

ID_A = "11010519491231002X"
MOBILE = "13800138000"
NOW = dt.datetime(2026, 7, 1, 9)


def bank() -> StoreBuilder:
    """P1 and P2 are one person (same ID); P3 a friend; P4 shares P3's mobile; E1 a firm."""
    b = StoreBuilder()
    b.party("P1", id_number=ID_A, region="北京市朝阳区")
    b.party("P2", id_number=ID_A, mobile=MOBILE, segment="mass")
    b.party("P3", mobile="13900139000")
    b.party("P4", mobile="13900139000")
    b.party("E1", kind="enterprise")
    b.holding("P1", "DEP", "2024-01-05", balances={"2026-06-30": "1000"})
    b.holding("P2", "CARD", "2025-03-01")
    b.contact("P1", "visit", at("2026-01-10"))
    b.contact("P2", "call", at("2026-02-10"))
    b.contact("P2", "complaint", at("2026-03-10"))
    b.need("P2", "latent", "2026-02-10")
    b.add_relationship("P1", "P2", "family", None)  # becomes a self-link: dropped
    b.add_relationship("P1", "E1", "employer_of", None)
    b.add_relationship("P2", "E1", "employer_of", None)  # duplicates P1's: dropped
    b.add_relationship("P3", "P2", "family", None)  # moves to P1
    b.referral("P2", "P3", "2026-04-01")  # moves to P1
    b.referral("P1", "P2", "2026-04-02")  # P1 referred himself: dropped
    return b


def evaluations(engine: Engine) -> None:
    """Two nightly evaluations of both parties, and one live action each on one criterion."""
    rows = []
    for party, day in [("P1", "2026-06-30"), ("P2", "2026-06-30"), ("P2", "2026-05-31")]:
        rows.append(
            {
                "party_id": party,
                "as_of": d(day),
                "stage_id": "goodwill",
                "stage_rank": 3,
                "score": 3.5,
                "evidence": {},
                "playbook": "default",
            }
        )
    action = {
        "rm_id": "RM01",
        "kind": "contact",
        "target_stage": "mining",
        "reason_zh": "原因",
        "reason_en": "reason",
        "priority": 1.0,
        "due_on": d("2026-07-10"),
        "proposed_on": d("2026-06-30"),
        "updated_on": d("2026-06-30"),
    }
    with unit_of_work(engine) as session:
        session.execute(insert(Assessment), rows)
        session.execute(
            insert(Transition),
            [
                {"party_id": p, "to_stage": "goodwill", "direction": "advanced", "changed_on": d(o)}
                for p, o in [("P1", "2026-06-30"), ("P2", "2026-06-30"), ("P2", "2026-05-31")]
            ],
        )
        session.execute(
            insert(Action),
            [
                {**action, "party_id": "P1", "criterion_id": "c1", "status": "open"},
                {**action, "party_id": "P2", "criterion_id": "c1", "status": "snoozed"},
                {**action, "party_id": "P2", "criterion_id": "c2", "status": "open"},
                {**action, "party_id": "P2", "criterion_id": "c1", "status": "done"},
            ],
        )


def references(engine: Engine, *party_ids: str) -> dict[str, int]:
    """Rows of each table that name any of the parties (a row naming two counts once)."""
    counts = {}
    with engine.connect() as connection:
        for ref in party_references():
            names = or_(*(column.in_(party_ids) for column in ref.columns))
            count = connection.scalar(select(func.count()).select_from(ref.table).where(names))
            counts[ref.table.name] = count or 0
    return counts


@pytest.fixture
def store(tmp_path: Path) -> Engine:
    engine = bank().build(tmp_path / "store.db")
    evaluations(engine)
    return engine


def test_duplicates_are_listed_with_their_rule_and_masked_evidence(store: Engine) -> None:
    with unit_of_work(store) as session:
        pairs = find_duplicates(session)
    found = {(p.first_id, p.second_id): (p.verdict, p.rule) for p in pairs}
    assert found == {
        ("P1", "P2"): (Verdict.SAME, Rule.SAME_ID_NUMBER),
        ("P3", "P4"): (Verdict.LIKELY, Rule.SHARED_MOBILE),
    }
    assert pairs[0].evidence == {
        "first_name": "客***",
        "second_name": "客***",
        "id_number": "110***********002X",
    }
    assert pairs[1].evidence["mobile"] == "139****9000"


def test_a_merge_moves_every_reference_and_keeps_the_history(store: Engine) -> None:
    before = references(store, "P1", "P2")
    preview_expected = {t: n for t, n in references(store, "P2").items() if n}
    with unit_of_work(store) as session:
        preview = merge_preview(session, "P1", "P2")
        report = merge(session, "P1", "P2", now=NOW)
    after = references(store, "P1")
    assert references(store, "P2") == dict.fromkeys(after, 0)
    assert preview == preview_expected
    dropped = {t.table: t.dropped for t in report.tables if t.dropped}
    assert dropped == {"relationship": 2, "referral": 1, "assessment": 1, "transition": 1}
    recorded = {"party_alias": 1}  # P2 itself, now an alias of P1
    for table, count in after.items():
        expected = before[table] - dropped.get(table, 0)
        assert count == expected + recorded.get(table, 0), table
    assert (after["interaction"], after["holding"], after["need"]) == (3, 2, 1)


def test_a_merge_closes_the_other_live_action_on_the_same_criterion(store: Engine) -> None:
    with unit_of_work(store) as session:
        report = merge(session, "P1", "P2", now=NOW)
        actions = session.execute(
            select(Action.criterion_id, Action.status, Action.updated_on).order_by(Action.id)
        ).all()
    assert [t.closed for t in report.tables if t.table == "action"] == [1]
    assert [(c, str(s)) for c, s, _ in actions] == [
        ("c1", "open"),
        ("c1", "resolved"),
        ("c2", "open"),
        ("c1", "done"),
    ]
    assert actions[1].updated_on == NOW.date()


def test_a_merge_fills_the_kept_party_and_records_the_alias(store: Engine) -> None:
    with unit_of_work(store) as session:
        report = merge(session, "P1", "P2", now=NOW)
    with unit_of_work(store) as session:
        kept = session.get(Party, "P1")
        alias = session.get(PartyAlias, "P2")
        assert session.get(Party, "P2") is None
        assert kept is not None
        assert alias is not None
        assert (kept.mobile, kept.segment, kept.region) == (MOBILE, "mass", "北京市朝阳区")
        assert (alias.party_id, alias.reason, alias.merged_at) == ("P1", "merged", NOW)
        assert resolve_aliases(session, ["P2", "P3"]) == {"P2": "P1"}
    assert report.filled == ["mobile", "segment"]


def test_aliases_of_the_merged_party_follow_it(store: Engine) -> None:
    with unit_of_work(store) as session:
        merge(session, "P4", "P3", now=NOW)
        merge(session, "P2", "P4", now=NOW)
        merge(session, "P1", "P2", now=NOW)
        assert resolve_aliases(session, ["P2", "P3", "P4"]) == dict.fromkeys(
            ["P2", "P3", "P4"], "P1"
        )


def test_merging_a_merged_party_again_is_refused_with_where_it_went(store: Engine) -> None:
    with unit_of_work(store) as session:
        merge(session, "P1", "P2", now=NOW)
    with unit_of_work(store) as session, pytest.raises(NotFound) as refused:
        merge(session, "P1", "P2")
    assert "P2 was already merged into P1 on 2026-07-01" in refused.value.what
    assert refused.value.fix == "use P1 instead"


@pytest.mark.parametrize(
    ("keep", "other", "error", "words"),
    [
        ("P1", "P1", InvalidInput, "into itself"),
        ("P1", "P9", NotFound, "no party P9"),
        ("E1", "P1", InvalidInput, "a person and an enterprise are never one party"),
    ],
)
def test_a_merge_that_makes_no_sense_is_refused_and_changes_nothing(
    store: Engine, keep: str, other: str, error: type[Exception], words: str
) -> None:
    before = references(store, "P1")
    with pytest.raises(error, match=words), unit_of_work(store) as session:
        merge(session, keep, other)
    assert references(store, "P1") == before


def test_incoming_rows_map_to_the_party_they_are(store: Engine) -> None:
    with unit_of_work(store) as session:
        merge(session, "P1", "P2", now=NOW)
    rows = [
        {"id": "N1", "kind": "person", "name": "某人", "id_number": ID_A.lower()},
        {"id": "N2", "kind": "person", "name": "新客", "mobile": "15000150000"},
        {"id": "N3", "kind": "person", "name": "新 客", "mobile": "+86 150 0015 0000"},
        {"id": "N4", "kind": "person", "name": "另一人", "mobile": "13900139000"},
        {"id": "P2", "kind": "person", "name": "客户P2"},
        {"id": "P3", "kind": "person", "name": "客户P3", "id_number": ID_A},
    ]
    with unit_of_work(store) as session:
        matches = match_incoming(session, rows)
        # the importer records aliases once the new parties (N2) are in the store
        record_aliases(session, {k: v for k, v in matches.items() if k != "N3"}, at=NOW)
    assert matches == {
        "N1": ("P1", "same_id_number"),
        "N3": ("N2", "same_name_and_mobile"),
        "P2": ("P1", "known_alias"),
    }
    with unit_of_work(store) as session:
        assert resolve_aliases(session, ["N1", "N3", "P2"]) == {"N1": "P1", "P2": "P1"}


@pytest.fixture
def postgres_store(tmp_path: Path, postgres_url: str) -> Iterator[Engine]:
    """The same bank on a fresh PostgreSQL database (skipped when none runs, failed under CI)."""
    engine = connect_for_upgrade(postgres_url)
    upgrade(engine)
    sqlite = bank().build(tmp_path / "store.db")
    evaluations(sqlite)
    with sqlite.connect() as source, engine.begin() as target:
        target.execute(delete(AuditHead))  # the migration wrote the trail's head: the copy's wins
        for table in Base.metadata.sorted_tables:
            rows = [dict(r) for r in source.execute(select(table)).mappings()]
            if rows:
                target.execute(insert(table), rows)
    yield engine
    engine.dispose()


@pytest.mark.postgres
def test_duplicates_and_a_merge_on_postgresql(postgres_store: Engine) -> None:
    before = references(postgres_store, "P1", "P2")
    with unit_of_work(postgres_store) as session:
        assert len(find_duplicates(session)) == 2
        report = merge(session, "P1", "P2", now=NOW)
    dropped = {t.table: t.dropped for t in report.tables}
    after = references(postgres_store, "P1")
    recorded = {"party_alias": 1}  # P2 itself, now an alias of P1
    for table, count in after.items():
        expected = before[table] - dropped.get(table, 0)
        assert count == expected + recorded.get(table, 0), table
    assert [t.closed for t in report.tables if t.table == "action"] == [1]
