"""The read side on a real network run over the demo bank: every stored path reads in words
from its introducer, the lists follow each role's scope, and the party's page draws it.

The demo bank (300 parties) is evaluated by ``bankladder demo``; ``network.compute.run``
then fills ``network_prospect`` and ``intermediary_score`` as the nightly batch does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, select

from bankladder.access.principal import Principal
from bankladder.cli import run as cli
from bankladder.config import Settings, sqlite_url
from bankladder.evaluation.ladders import bank_ladder
from bankladder.network import service
from bankladder.network.compute import run
from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import NetworkProspect, Party, RelationshipManager
from bankladder.store.vocabulary import UserRole

pytestmark = pytest.mark.integration

AS_OF = dt.date(2026, 6, 30)
AUDITOR = Principal(1, UserRole.AUDITOR)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    assert cli(["demo", "--parties", "300", "--db", str(path), "--as-of", AS_OF.isoformat()]) == 0
    engine = connect(sqlite_url(path))
    with unit_of_work(engine) as session:
        ladder = bank_ladder(session, Settings())
    run(engine, ladder, AS_OF)
    yield engine
    engine.dispose()


def _busiest_introducer(engine: Engine) -> tuple[str, str, str]:
    """(introducer, its RM, the RM's branch) with the most prospects."""
    query = (
        select(NetworkProspect.party_id, Party.rm_id, RelationshipManager.branch_id)
        .join(Party, Party.id == NetworkProspect.party_id)
        .join(RelationshipManager, RelationshipManager.id == Party.rm_id)
        .group_by(NetworkProspect.party_id, Party.rm_id, RelationshipManager.branch_id)
        .order_by(func.count().desc(), NetworkProspect.party_id)
        .limit(1)
    )
    with engine.connect() as connection:
        party, rm, branch = connection.execute(query).one()
    return str(party), str(rm), str(branch)


def test_every_stored_path_reads_in_words_from_its_introducer(demo: Engine) -> None:
    with unit_of_work(demo) as session:
        found = service.prospect_list(session, AUDITOR, limit=100_000)
        stored = session.scalar(select(func.count()).select_from(NetworkProspect))
    assert found.as_of == AS_OF
    assert len(found.prospects) == stored
    assert stored
    for prospect in found.prospects:
        assert prospect.path.en.startswith(prospect.introducer_name)
        assert prospect.path.en.count(";") == prospect.hops - 1
        assert prospect.path.zh.count("；") == prospect.hops - 1
        assert prospect.identified  # the auditor sees every party


def test_an_rm_sees_the_introducers_book_and_counts_the_rest(demo: Engine) -> None:
    party, rm_id, branch = _busiest_introducer(demo)
    rm = Principal(2, UserRole.RM, rm_id=rm_id)
    manager = Principal(3, UserRole.MANAGER, branch_id=branch)
    with unit_of_work(demo) as session:
        own = service.prospect_list(session, rm, party_id=party)
        wide = service.prospect_list(session, manager, party_id=party)
        every = service.prospect_list(session, AUDITOR, party_id=party)
        in_book = set(session.scalars(select(Party.id).where(Party.rm_id == rm_id)))
        view = service.party_network(session, rm, party, AS_OF)
    assert [p.rank for p in own.prospects] == [p.rank for p in every.prospects]
    for mine, truth in zip(own.prospects, every.prospects, strict=True):
        assert mine.identified is (truth.prospect_id in in_book)
    assert own.not_identified >= wide.not_identified >= every.not_identified == 0
    assert view.intermediary is not None
    assert view.graph.nodes[0].hops == 0
    assert [n for n in view.graph.nodes if n.hops == 1]  # an introducer has links


def test_the_intermediary_ranking_is_the_runs_in_rank_order(demo: Engine) -> None:
    with unit_of_work(demo) as session:
        ranking = service.intermediary_ranking(session, AUDITOR, limit=10)
    ranks = [i.rank for i in ranking.intermediaries]
    assert ranks == sorted(ranks)
    assert ranks[0] == 1
    assert all(i.reach >= 1 for i in ranking.intermediaries)
