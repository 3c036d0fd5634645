"""Imports meet party resolution: a second customer number of a party already held becomes its
alias, references by that number reach the party, undecidable pairs are only listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from bankladder.imports.service import import_file
from bankladder.parties.identifiers import resident_id_check
from bankladder.parties.service import find_duplicates
from bankladder.store.database import unit_of_work
from bankladder.store.models import Holding, Interaction, Party, PartyAlias
from tests.support import StoreBuilder

pytestmark = pytest.mark.integration

ZHANG = "11010519491231002"
ZHANG_ID = ZHANG + resident_id_check(ZHANG)
LI = "44030419900101123"
LI_ID = LI + resident_id_check(LI)


@pytest.fixture
def store(tmp_path: Path) -> Engine:
    builder = StoreBuilder()
    builder.add(
        Party,
        id="C001",
        kind="person",
        name="张伟",
        id_number=ZHANG_ID,
        mobile="13800138000",
        rm_id="RM01",
    )
    return builder.build(tmp_path / "bank.db")


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _parties(store: Engine) -> list[str]:
    with unit_of_work(store) as s:
        return sorted(s.scalars(select(Party.id)))


def _aliases(store: Engine) -> dict[str, tuple[str, str]]:
    with unit_of_work(store) as s:
        rows = s.execute(select(PartyAlias.alias_id, PartyAlias.party_id, PartyAlias.reason))
        return {alias: (party, reason) for alias, party, reason in rows}


def test_a_second_number_with_the_same_id_number_becomes_an_alias(
    store: Engine, tmp_path: Path
) -> None:
    extract = _csv(
        tmp_path / "party.csv",
        f"id,kind,name,id_number\nC009,person,张伟,{ZHANG_ID}\nC002,person,李娜,{LI_ID}\n",
    )
    outcome = import_file(store, "party", extract)
    assert (outcome.added, outcome.recognised) == (1, 1)
    assert _parties(store) == ["C001", "C002"]
    assert _aliases(store) == {"C009": ("C001", "same_id_number")}


def test_the_same_name_and_mobile_in_one_file_is_one_party(store: Engine, tmp_path: Path) -> None:
    extract = _csv(
        tmp_path / "party.csv",
        "id,kind,name,mobile\nC010,person,王芳,13900139000\nC011,person,王 芳,139-0013-9000\n",
    )
    outcome = import_file(store, "party", extract)
    assert (outcome.added, outcome.recognised) == (1, 1)
    assert _aliases(store) == {"C011": ("C010", "same_name_and_mobile")}


def test_references_by_an_alias_reach_the_party(store: Engine, tmp_path: Path) -> None:
    import_file(
        store,
        "party",
        _csv(tmp_path / "party.csv", f"id,kind,name,id_number\nC009,person,张伟,{ZHANG_ID}\n"),
    )
    accounts = _csv(
        tmp_path / "holding.csv",
        "account_no,party_id,product_code,opened_on\n6222000000000001,C009,DEP,2024-01-01\n",
    )
    assert import_file(store, "holding", accounts).added == 1
    contacts = _csv(
        tmp_path / "contacts.csv",
        "party_id,kind,occurred_at\nC009,visit,2026-06-01 10:00\nC001,visit,2026-06-01 10:00\n",
    )
    refused = import_file(store, "interaction", contacts)  # one contact, under both numbers
    assert [r.reason for r in refused.rejections] == [
        "duplicate of row 2 (party_id, occurred_at, kind)"
    ]
    with unit_of_work(store) as s:
        assert list(s.scalars(select(Holding.party_id))) == ["C001"]
        assert list(s.scalars(select(Interaction.party_id))) == []


def test_a_pair_the_rules_cannot_decide_is_imported_and_listed(
    store: Engine, tmp_path: Path
) -> None:
    extract = _csv(
        tmp_path / "party.csv",
        "id,kind,name,mobile\nC020,person,赵敏,13800138000\n",  # 张伟's mobile, another name
    )
    outcome = import_file(store, "party", extract)
    assert (outcome.added, outcome.recognised) == (1, 0)
    with unit_of_work(store) as s:
        pairs = {(p.first_id, p.second_id, p.rule) for p in find_duplicates(s)}
    assert pairs == {("C001", "C020", "shared_mobile")}


def test_an_import_refused_for_a_bad_row_records_no_alias(store: Engine, tmp_path: Path) -> None:
    extract = _csv(
        tmp_path / "party.csv",
        f"id,kind,name,id_number\nC009,person,张伟,{ZHANG_ID}\nC003,alien,某人,\n",
    )
    assert import_file(store, "party", extract).refused
    assert _aliases(store) == {}
    assert _parties(store) == ["C001"]
