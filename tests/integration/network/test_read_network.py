"""The network's read side on a real SQLite file and on PostgreSQL: a party's prospects from
the newest run with the path in words, the intermediary ranking, and the neighbourhood, each
as the user's scope allows.

The book (on the small bank of ``tests.workbench``; D = 2026-06-29, the newest run):

- E-RM01 甲公司 (enterprise, RM01's customer) supplies N-RM01 李四 (RM01's prospect), buys
  from P-RM02-1 (RM02's customer, BR01) and referred N-NONE 王五 (a prospect in no book);
  N-RM03 丙公司 (RM03's prospect, BR02) is family of P-RM02-1.
- Prospects of E-RM01: 1. N-RM03 (2 hops, via P-RM02-1), 2. N-RM01, 3. N-NONE; P-RM03-1
  introduces N-RM03 too. An older run (D - 7) lists P-RM01-2 and must not show.
- Intermediaries: E-RM01 (1), P-RM03-1 (2), P-RM02-1 (3).
- Referrals: E-RM01 -> P-RM01-1 (converted in 20 days), P-RM01-1 -> P-RM02-1 (10 days),
  E-RM01 -> N-NONE (introduced), P-RM03-1 -> N-RM03 (introduced).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, update

from bankladder.access.principal import Principal
from bankladder.errors import NotFound
from bankladder.network import service
from bankladder.store.database import unit_of_work
from bankladder.store.models import (
    IntermediaryScore,
    NetworkProspect,
    Party,
    Referral,
    Relationship,
)
from bankladder.store.vocabulary import UserRole
from tests.workbench import small_bank

pytestmark = pytest.mark.integration

D = dt.date(2026, 6, 29)
SECRET_NAMES = ("李四", "王五", "客户P-RM01-1", "客户P-RM02-1")
"""Persons' names: never shown whole."""
SUPPLIES = {"from_id": "E-RM01", "to_id": "N-RM01", "kind": "supplier_of"}
BUYS = {"from_id": "E-RM01", "to_id": "P-RM02-1", "kind": "buyer_of"}
FAMILY = {"from_id": "N-RM03", "to_id": "P-RM02-1", "kind": "family"}
REFERRED = {"from_id": "E-RM01", "to_id": "N-NONE", "kind": "referred"}


def days(n: int) -> dt.date:
    return D - dt.timedelta(days=n)


def seed_network(engine: Engine) -> None:
    """The book above, on a store made by ``tests.workbench.small_bank``."""
    with unit_of_work(engine) as session:
        session.execute(insert(Party), _parties())
        for party, since in {"P-RM01-1": 80, "P-RM02-1": 50, "P-RM03-1": 300}.items():
            session.execute(
                update(Party).where(Party.id == party).values(customer_since=days(since))
            )
        session.execute(
            insert(Relationship),
            [
                {"from_party_id": e["from_id"], "to_party_id": e["to_id"], "kind": e["kind"]}
                for e in (SUPPLIES, BUYS, FAMILY)
            ],
        )
        session.execute(insert(Referral), _referrals())
        session.execute(insert(NetworkProspect), _prospects())
        session.execute(
            insert(IntermediaryScore),
            [
                {"as_of": D, "party_id": p, "score": s, "reach": r, "rank": k}
                for p, s, r, k in (
                    ("E-RM01", 0.3, 3, 1),
                    ("P-RM03-1", 0.2, 1, 2),
                    ("P-RM02-1", 0.1, 1, 3),
                )
            ],
        )


def _parties() -> list[dict[str, object]]:
    return [
        {
            "id": "E-RM01",
            "kind": "enterprise",
            "name": "甲公司",
            "rm_id": "RM01",
            "customer_since": days(400),
        },
        {"id": "N-RM01", "kind": "person", "name": "李四", "rm_id": "RM01"},
        {"id": "N-RM03", "kind": "enterprise", "name": "丙公司", "rm_id": "RM03"},
        {"id": "N-NONE", "kind": "person", "name": "王五", "rm_id": None},
    ]


def _referrals() -> list[dict[str, object]]:
    return [
        {
            "referrer_id": "E-RM01",
            "referee_id": "P-RM01-1",
            "referred_on": days(100),
            "status": "converted",
            "converted_on": days(80),
        },
        {
            "referrer_id": "P-RM01-1",
            "referee_id": "P-RM02-1",
            "referred_on": days(60),
            "status": "converted",
            "converted_on": days(50),
        },
        {
            "referrer_id": "E-RM01",
            "referee_id": "N-NONE",
            "referred_on": days(40),
            "status": "introduced",
        },
        {
            "referrer_id": "P-RM03-1",
            "referee_id": "N-RM03",
            "referred_on": days(30),
            "status": "introduced",
        },
    ]


def _prospect(
    party: str,
    prospect: str,
    rank: int,
    path: list[dict[str, str]],
    on: dt.date = D,
    via: str | None = None,
) -> dict[str, object]:
    return {
        "as_of": on,
        "party_id": party,
        "prospect_id": prospect,
        "hops": len(path),
        "via_id": via,
        "path": path,
        "strength": 0.9 - rank / 10,
        "potential": 0.5,
        "score": 1 - rank / 10,
        "rank": rank,
    }


def _prospects() -> list[dict[str, object]]:
    return [
        _prospect("E-RM01", "N-RM03", 1, [BUYS, FAMILY], via="P-RM02-1"),
        _prospect("E-RM01", "N-RM01", 2, [SUPPLIES]),
        _prospect("E-RM01", "N-NONE", 3, [REFERRED]),
        _prospect(
            "P-RM03-1",
            "N-RM03",
            1,
            [{"from_id": "P-RM03-1", "to_id": "N-RM03", "kind": "referred"}],
        ),
        _prospect("E-RM01", "P-RM01-2", 1, [SUPPLIES], on=days(7)),
    ]


ROLES = {
    "rm": Principal(1, UserRole.RM, rm_id="RM01"),
    "manager": Principal(2, UserRole.MANAGER, branch_id="BR01"),
    "admin": Principal(3, UserRole.ADMIN),
    "auditor": Principal(4, UserRole.AUDITOR),
}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = (
        f"sqlite:///{tmp_path / 'store.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    engine = small_bank(url)
    seed_network(engine)
    yield engine
    engine.dispose()


def test_an_rm_sees_the_newest_runs_prospects_ranked_with_paths_in_words(store: Engine) -> None:
    with unit_of_work(store) as session:
        found = service.prospect_list(session, ROLES["rm"], party_id="E-RM01")
    assert found.as_of == D
    assert [p.rank for p in found.prospects] == [1, 2, 3]
    colleague, own, unserved = found.prospects
    assert own.prospect_id == "N-RM01"
    assert own.name.zh == "李*"
    assert own.path.zh == "甲公司 是 李* 的供应商"
    assert own.path.en == "甲公司 supplies 李*"
    assert (colleague.prospect_id, colleague.hops) == (None, 2)
    assert colleague.name.en == "a party in a colleague's book"
    assert colleague.path.en == (  # a colleague's customer is named, masked, as on the 360 page
        "甲公司 buys from 客*********; 客********* is family of a party in a colleague's book"
    )
    assert unserved.prospect_id is None
    assert unserved.name.zh == "尚无客户经理的客户"
    assert found.not_identified == 2


def test_a_prospect_of_another_branch_stays_unnamed_for_a_manager(store: Engine) -> None:
    with unit_of_work(store) as session:
        found = service.prospect_list(session, ROLES["manager"], party_id="E-RM01")
    first = found.prospects[0]
    assert first.prospect_id is None
    assert first.path.zh == "甲公司 向 客********* 采购；客********* 与 同事名下的客户 是家人"
    assert [p.prospect_id for p in found.prospects[1:]] == ["N-RM01", None]


def test_the_auditor_sees_every_prospect_enterprises_whole_and_persons_masked(
    store: Engine,
) -> None:
    with unit_of_work(store) as session:
        found = service.prospect_list(session, ROLES["auditor"])
    assert [(p.introducer_id, p.prospect_id) for p in found.prospects] == [
        ("E-RM01", "N-RM03"),
        ("E-RM01", "N-RM01"),
        ("E-RM01", "N-NONE"),
        ("P-RM03-1", "N-RM03"),
    ]
    assert found.prospects[0].name.zh == "丙公司"
    assert found.prospects[2].name.en == "王*"
    assert found.not_identified == 0
    shown = repr(found)
    for name in SECRET_NAMES:
        assert name not in shown


def test_an_introducer_out_of_scope_is_not_found_and_not_listed(store: Engine) -> None:
    with unit_of_work(store) as session:
        with pytest.raises(NotFound):
            service.prospect_list(session, ROLES["rm"], party_id="P-RM03-1")
        every = service.prospect_list(session, ROLES["rm"])
        nothing = service.prospect_list(session, ROLES["admin"])
    assert {p.introducer_id for p in every.prospects} == {"E-RM01"}
    assert nothing.prospects == ()


def test_the_intermediary_ranking_lists_the_introducers_in_scope(store: Engine) -> None:
    with unit_of_work(store) as session:
        ranked = {
            role: [
                (i.rank, i.party_id)
                for i in service.intermediary_ranking(session, p).intermediaries
            ]
            for role, p in ROLES.items()
        }
        top = service.intermediary_ranking(session, ROLES["auditor"], limit=2)
    assert ranked["rm"] == [(1, "E-RM01")]
    assert ranked["manager"] == [(1, "E-RM01"), (3, "P-RM02-1")]
    assert ranked["auditor"] == [(1, "E-RM01"), (2, "P-RM03-1"), (3, "P-RM02-1")]
    assert ranked["admin"] == []
    assert [i.party_id for i in top.intermediaries] == ["E-RM01", "P-RM03-1"]
    assert top.intermediaries[1].name == "客*********"


def test_the_neighbourhood_draws_two_rings_naming_only_the_parties_in_scope(store: Engine) -> None:
    with unit_of_work(store) as session:
        graph = service.neighbourhood(session, ROLES["rm"], "E-RM01", D)
    by_hops = {hop: [n for n in graph.nodes if n.hops == hop] for hop in (0, 1, 2)}
    assert [n.key for n in by_hops[0]] == ["E-RM01"]
    assert [(n.key, n.name.zh, n.customer) for n in by_hops[1] if n.identified] == [
        ("N-RM01", "李*", False),
        ("P-RM01-1", "客*********", True),
        ("P-RM02-1", "客*********", True),  # a colleague's customer: named, masked
    ]
    hidden = [n for n in graph.nodes if not n.identified]
    assert len(hidden) == 2  # the prospects out of scope: N-NONE (ring one), N-RM03 (ring two)
    assert all(n.key.startswith("n") for n in hidden)
    assert [n.name.en for n in by_hops[2]] == ["a party in a colleague's book"]
    kinds = sorted(e.kind for e in graph.edges)
    assert kinds == ["buyer_of", "family", "referred", "referred", "referred", "supplier_of"]
    assert graph.left_out == 0


def test_the_party_network_gathers_rank_prospects_and_fission(store: Engine) -> None:
    with unit_of_work(store) as session:
        view = service.party_network(session, ROLES["rm"], "E-RM01", D)
        with pytest.raises(NotFound):
            service.party_network(session, ROLES["rm"], "P-RM02-1", D)
    assert view.name == "甲公司"
    assert view.intermediary is not None
    assert view.intermediary.rank == 1
    assert len(view.prospects.prospects) == 3
    assert (view.fission.made, view.fission.converted, view.fission.depth) == (2, 1, 2)
