"""Fission figures from the referral table, per party, RM and branch, as each role may see
them, on a real SQLite file and on PostgreSQL (the book of ``test_read_network``).

RM01's book: E-RM01 (customer) referred P-RM01-1 (converted in 20 days) and N-NONE
(introduced); P-RM01-1 (customer) referred P-RM02-1 (converted in 10 days, now in RM02's
book). RM01: 3 made, 2 converted, 2 customers (K 1.0), depth 2 (E-RM01 -> P-RM01-1 ->
P-RM02-1). RM02: 1 customer, no referral. BR01: 3 customers (K 2/3). RM03: P-RM03-1 referred
N-RM03 (introduced).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, insert

from bankladder.errors import NotFound
from bankladder.referrals import repository, service
from bankladder.store.database import unit_of_work
from bankladder.store.models import Referral
from tests.integration.network.test_read_network import ROLES, D, store

pytestmark = pytest.mark.integration
__all__ = ["store"]


def test_an_rm_sees_the_book_and_their_own_figures_but_no_branch(store: Engine) -> None:
    with unit_of_work(store) as session:
        report = service.fission(session, ROLES["rm"], D)
    assert [row.id for row in report.parties] == ["E-RM01", "P-RM01-1"]
    assert [row.name for row in report.parties] == ["甲公司", "客*********"]
    (rm,) = report.rms
    assert rm.id == "RM01"
    figures = rm.figures
    assert (figures.made, figures.converted, figures.customers, figures.depth) == (3, 2, 2, 2)
    assert figures.k_factor == 1.0
    assert figures.median_days_to_convert == 15.0
    assert figures.conversion_rate == pytest.approx(2 / 3)
    assert report.branches == ()


def test_a_manager_sees_the_branchs_rms_and_the_branch(store: Engine) -> None:
    with unit_of_work(store) as session:
        report = service.fission(session, ROLES["manager"], D)
    assert [row.id for row in report.rms] == ["RM01", "RM02"]
    (branch,) = report.branches
    assert branch.id == "BR01"
    assert (branch.figures.made, branch.figures.customers) == (3, 3)
    assert branch.figures.k_factor == pytest.approx(2 / 3)


def test_the_auditor_sees_every_branch_and_an_administrator_nothing(store: Engine) -> None:
    with unit_of_work(store) as session:
        every = service.fission(session, ROLES["auditor"], D)
        nothing = service.fission(session, ROLES["admin"], D)
    assert [row.id for row in every.branches] == ["BR01", "BR02"]
    assert [row.id for row in every.rms] == ["RM01", "RM02", "RM03"]
    assert every.rms[2].figures.made == 1
    assert (nothing.parties, nothing.rms, nothing.branches) == ((), (), ())


def test_figures_as_of_an_earlier_date_leave_out_what_came_later(store: Engine) -> None:
    with unit_of_work(store) as session:
        early = service.party_fission(session, ROLES["rm"], "E-RM01", D - dt.timedelta(days=70))
        now = service.party_fission(session, ROLES["rm"], "E-RM01", D)
    assert (early.made, early.converted, early.depth) == (1, 1, 1)  # before P-RM01-1's
    assert (now.made, now.converted, now.depth) == (2, 1, 2)


def test_a_party_out_of_scope_has_no_figures_for_the_user(store: Engine) -> None:
    with unit_of_work(store) as session, pytest.raises(NotFound):
        service.party_fission(session, ROLES["rm"], "P-RM03-1", D)


def test_the_parties_with_the_most_conversions_are_listed_first(store: Engine) -> None:
    with unit_of_work(store) as session:
        report = service.fission(session, ROLES["auditor"], D, parties=2)
    assert [row.id for row in report.parties] == ["E-RM01", "P-RM01-1"]
    assert report.more_parties == 1  # P-RM03-1: one referral, none converted


def test_a_chain_is_walked_through_a_colleagues_book_and_round_a_cycle_once(
    store: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repository, "CHUNK", 1)  # one referrer per query: the walk in steps
    with unit_of_work(store) as session:
        session.execute(
            insert(Referral).values(
                referrer_id="P-RM02-1",
                referee_id="E-RM01",
                referred_on=D - dt.timedelta(days=5),
                status="converted",
                converted_on=D - dt.timedelta(days=1),
            )
        )
    with unit_of_work(store) as session:
        first = service.party_fission(session, ROLES["rm"], "E-RM01", D)
        second = service.party_fission(session, ROLES["rm"], "P-RM01-1", D)
    assert first.depth == 2  # E-RM01 -> P-RM01-1 -> P-RM02-1 (-> E-RM01 again: not counted)
    assert second.depth == 2  # P-RM01-1 -> P-RM02-1 -> E-RM01
