"""The columnar fast path stores exactly what the row path stores, and gives up, leaving the
row path to report, on every kind of problem: into a SQLite file and into PostgreSQL (COPY)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, insert, inspect, select, text
from sqlalchemy.exc import IntegrityError

from bankladder.imports import service
from bankladder.imports.mapping import load_mapping_text
from bankladder.imports.service import ImportOutcome, import_file
from bankladder.store.database import unit_of_work
from bankladder.store.models import Interaction
from tests.support import StoreBuilder

pytestmark = pytest.mark.integration

PARTIES = ("P1", "P2", "P3", "客户4")
MAPPING = """
table: interaction
columns: {客户号: party_id, 经理: rm_id, 类型: kind, 时间: occurred_at, 结果: outcome, 备注: note}
values:
  kind: {拜访: visit, 电话: call}
empty: ["", "-", "NULL"]
"""


def _bank() -> StoreBuilder:
    builder = StoreBuilder()
    for party in PARTIES:
        builder.party(party)
    return builder


def _store(path: Path) -> Engine:
    return _bank().build(path)


class Stores:
    """A fresh store with the bank's parties and no interaction, as often as asked."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory, url: str | None) -> None:
        self.tmp_path_factory = tmp_path_factory
        self.url = url
        self.engine: Engine | None = None

    def fresh(self) -> Engine:
        if self.url is None:  # a new SQLite file each time
            return _store(self.tmp_path_factory.mktemp("store") / "store.db")
        if self.engine is None:  # one PostgreSQL database, emptied again each time
            self.engine = _bank().build_at(self.url)
        with self.engine.begin() as connection:
            connection.execute(text("TRUNCATE interaction, import_batch RESTART IDENTITY"))
        return self.engine


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def stores(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    made = Stores(tmp_path_factory, url)
    yield made
    if made.engine is not None:
        made.engine.dispose()


def _stored(engine: Engine) -> list[tuple[Any, ...]]:
    with unit_of_work(engine) as session:
        table = Interaction.__table__
        return [tuple(row) for row in session.execute(select(table).order_by(table.c.id))]


def _import_both(
    stores: Stores,
    tmp_path: Path,
    content: str,
    monkeypatch: pytest.MonkeyPatch,
    *,
    newline: str = "\n",
) -> tuple[tuple[ImportOutcome, list[Any], bool], tuple[ImportOutcome, list[Any]]]:
    """Import the file through the fast path (if it takes it) and through the row path alone."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = tmp_path / "interactions.csv"
    source.write_text(content.replace("\n", newline), encoding="utf-8", newline="")
    mapping = load_mapping_text(MAPPING)
    taken: list[bool] = []
    columnar_whole = service._import_whole_columnar

    def spy(store: Engine, job: Any) -> ImportOutcome | None:
        outcome = columnar_whole(store, job)
        taken.append(outcome is not None)
        return outcome

    with monkeypatch.context() as patch:
        patch.setattr(service, "_import_whole_columnar", spy)
        fast_store = stores.fresh()
        fast = import_file(fast_store, "interaction", source, mapping, chunk_rows=3)
        fast_rows = _stored(fast_store)
    with monkeypatch.context() as patch:
        patch.setattr(service, "_import_whole_columnar", lambda store, job: None)
        row_store = stores.fresh()
        rows = import_file(row_store, "interaction", source, mapping, chunk_rows=3)
    return (fast, fast_rows, taken == [True]), (rows, _stored(row_store))


def _field(text: str) -> str:
    needs_quotes = any(c in text for c in ',"\r\n') or text != text.strip()
    return '"' + text.replace('"', '""') + '"' if needs_quotes else text


_stamps = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2030, 12, 31))
_STAMP_FORMATS = (
    lambda t: t.replace(microsecond=0).isoformat(" "),
    lambda t: t.replace(microsecond=0).isoformat("T"),
    lambda t: t.isoformat(" ", timespec="microseconds"),
    lambda t: t.strftime("%Y%m%d %H:%M"),  # read cell by cell
    lambda t: f"  {t.replace(microsecond=0).isoformat(' ')} ",
)
_kinds = st.sampled_from(["visit", "call", "拜访", "电话", " message ", "care"])
_rms = st.sampled_from(["RM01", "", "-", "NULL", " RM01"])
_texts = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12
)
_rows = st.lists(
    st.tuples(
        st.sampled_from(PARTIES), _rms, _kinds, _stamps, st.sampled_from(_STAMP_FORMATS), _texts
    ),
    min_size=1,
    max_size=12,
    unique_by=lambda row: (row[0], row[3].replace(second=0, microsecond=0)),  # distinct keys
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=_rows,
    blank_lines=st.lists(st.sampled_from(["", ",,,,,"]), max_size=3),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_a_sound_file_lands_as_the_row_path_lands_it(
    stores: Stores,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    rows: list[tuple[Any, ...]],
    blank_lines: list[str],
    newline: str,
) -> None:
    lines = ["客户号,经理,类型,时间,结果,备注"]
    lines += [
        ",".join(map(_field, [party, rm, kind, written(stamp), note[:5], note]))
        for party, rm, kind, stamp, written, note in rows
    ]
    for position, blank in enumerate(blank_lines):
        lines.insert(1 + position * 2, blank)
    directory = tmp_path_factory.mktemp("sound")
    (fast, fast_rows, taken), (row, row_rows) = _import_both(
        stores, directory, "\n".join(lines) + "\n", monkeypatch, newline=newline
    )
    event("fast path" if taken else "row path")
    assert fast_rows == row_rows
    assert (fast.rows_read, fast.added, fast.rejections) == (row.rows_read, row.added, [])


def test_the_fast_path_takes_a_sound_file(
    stores: Stores, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = '客户号,经理,类型,时间,结果,备注\nP1,RM01,拜访,2025-01-02 09:30:00,"好,的",\n'
    (fast, fast_rows, taken), (_row, row_rows) = _import_both(
        stores, tmp_path, content, monkeypatch
    )
    assert taken
    assert fast.added == 1
    assert fast_rows == row_rows


HEADER = "客户号,经理,类型,时间,结果,备注\n"
GOOD = "P1,RM01,visit,2025-01-02 09:30:00,ok,\n"


@pytest.mark.parametrize(
    "bad_line",
    [
        "P1,RM01,visit,2025-02-30 09:30:00,ok,\n",  # no such day
        "P1,RM01,walk,2025-01-03 09:30:00,ok,\n",  # not a kind
        "P9,RM01,visit,2025-01-03 09:30:00,ok,\n",  # an unknown party
        ",RM01,visit,2025-01-03 09:30:00,ok,\n",  # a required value missing
        "P1,RM01,visit,2025-01-02 09:30:00,again,\n",  # a duplicate natural key
        "P1,RM01,visit,2025-01-02T09:30:00,again,\n",  # the same key written another way
        "P1,RM01,visit,2025-01-03 09:30:00,ok\n",  # a field missing
        "P1,RM01,visit,2025-01-03 09:30:00,ok,,\n",  # a field too many
        "P1,RM01,visit,2025-01-03 09:30:00," + "x" * 40 + ",\n",  # longer than outcome's 32
        "P1,RM01,visit,2025-01-03 09:30:00,ok,a\x00b\n",  # a NUL: damage, and PostgreSQL refuses
    ],
)
def test_each_problem_falls_back_to_the_row_path_and_its_report(
    stores: Stores, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad_line: str
) -> None:
    content = HEADER + GOOD * 1 + "P2,RM01,call,2025-01-02 10:00:00,ok,\n" + bad_line
    (fast, fast_rows, taken), (row, row_rows) = _import_both(stores, tmp_path, content, monkeypatch)
    assert not taken
    assert fast.rejections == row.rejections
    assert fast.rejections
    assert fast_rows == row_rows == []


def test_text_after_a_closing_quote_refuses_the_file_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "quoted.csv"
    source.write_text(HEADER + 'P1,RM01,visit,2025-01-02 09:30:00,"ok"x,\n', encoding="utf-8")
    engine = _store(tmp_path / "store.db")
    with pytest.raises(Exception, match="cannot be read as CSV"):
        import_file(engine, "interaction", source, load_mapping_text(MAPPING))
    assert _stored(engine) == []


def test_a_first_load_leaves_the_table_its_foreign_keys_and_index(
    stores: Stores, tmp_path: Path
) -> None:
    """On PostgreSQL the fast path drops the keys and index for the load and adds them back."""
    engine = stores.fresh()
    source = tmp_path / "interactions.csv"
    source.write_text(HEADER + GOOD, encoding="utf-8")
    before = _keys_and_indexes(engine)
    assert import_file(engine, "interaction", source, load_mapping_text(MAPPING)).added == 1
    assert _keys_and_indexes(engine) == before
    assert len(before[0]) == 2  # party and RM
    with unit_of_work(engine) as session, pytest.raises(IntegrityError):
        session.execute(insert(Interaction.__table__).values(**_unknown_party_contact()))


def _keys_and_indexes(engine: Engine) -> tuple[list[Any], list[Any]]:
    found = inspect(engine)
    keys = sorted((k["name"], k["referred_table"]) for k in found.get_foreign_keys("interaction"))
    indexes = sorted(
        (i["name"], tuple(i["column_names"])) for i in found.get_indexes("interaction")
    )
    return keys, indexes


def _unknown_party_contact() -> dict[str, Any]:
    return {
        "party_id": "P9",
        "rm_id": "RM01",
        "kind": "visit",
        "occurred_at": dt.datetime(2025, 1, 3),
    }
