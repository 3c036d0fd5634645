"""``bankladder import``: a GBK extract with Chinese headers lands whole, once; a bad row
refuses the whole file with a report; unknown references are refused."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bankladder.imports.examples import example_mappings
from bankladder.parties.identifiers import resident_id_check
from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import BalanceSnapshot, Holding, Interaction, Party
from tests.e2e.conftest import Outcome
from tests.realistic_extracts import PARTY_HEADER as HEADER
from tests.support import StoreBuilder

pytestmark = pytest.mark.e2e

Cli = Callable[..., Outcome]


def _id(first17: str) -> str:
    return first17 + resident_id_check(first17)


def _person(number: str, name: str, id_number: str) -> list[str]:
    return [
        number,
        "个人",
        name,
        id_number,
        "138 0013 8000",
        "mass",
        "",
        "高新区",
        "RM01",
        "20250301",
        "20250110",
        "20300101",
    ]


def _gbk_csv(path: Path, rows: list[list[str]]) -> Path:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([HEADER, *rows])
    path.write_bytes(text.getvalue().encode("gbk"))
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "bank.db"
    StoreBuilder().build(path).dispose()
    return path


def _count(db: Path, model: type) -> int:
    with unit_of_work(connect(f"sqlite:///{db}")) as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_a_gbk_extract_lands_whole_and_a_second_import_changes_nothing(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    mapping = example_mappings()["core_party"]
    extract = _gbk_csv(
        tmp_path / "客户信息.csv",
        [
            _person("C001", "张伟", _id("11010519491231002")),
            _person("C002", "李娜", _id("44030419900101123")),
        ],
    )
    first = cli(f"import party {extract} --mapping {mapping} --db {db}")
    assert first.code == 0, first.err
    assert "2 added" in first.out
    assert _count(db, Party) == 2
    again = cli(f"import party {extract} --mapping {mapping} --db {db}")
    assert again.code == 0
    assert "nothing changed" in again.out
    assert _count(db, Party) == 2


def test_one_bad_row_refuses_the_file_lists_it_masked_and_writes_nothing(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    mapping = example_mappings()["core_party"]
    good = _id("11010519491231002")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")  # wrong check digit, on the last row
    extract = _gbk_csv(
        tmp_path / "客户信息.csv",
        [
            _person("C001", "张伟", good),
            _person("C002", "李娜", bad),
        ],
    )
    result = cli(f"import party {extract} --mapping {mapping} --db {db}")
    assert result.code == 1
    assert "nothing was written" in result.err
    assert "row 3" in result.err  # the header is row 1
    assert bad not in result.err  # the ID number is masked
    assert _count(db, Party) == 0
    report = list(
        csv.DictReader(
            io.StringIO((tmp_path / "客户信息.csv.rejected.csv").read_text(encoding="utf-8-sig"))
        )
    )
    assert [(r["row"], r["column"]) for r in report] == [("3", "证件号码")]
    assert "check digit" in report[0]["reason"]


def test_interactions_of_an_unknown_party_are_refused(cli: Cli, db: Path, tmp_path: Path) -> None:
    extract = tmp_path / "interaction.csv"
    extract.write_text(
        "party_id,rm_id,kind,occurred_at\nNOBODY,RM01,visit,2026-06-01 10:00\n", encoding="utf-8"
    )
    result = cli(f"import interaction {extract} --db {db}")
    assert result.code == 1
    assert "party 'NOBODY' is not in the store" in result.err
    assert _count(db, Interaction) == 0


def test_holdings_are_recognised_by_account_number(cli: Cli, db: Path, tmp_path: Path) -> None:
    parties = tmp_path / "party.csv"
    parties.write_text("id,kind,name\nC001,enterprise,澄州机电有限公司\n", encoding="utf-8")
    assert cli(f"import party {parties} --db {db}").code == 0
    holdings = tmp_path / "holding.csv"
    holdings.write_text(
        "account_no,party_id,product_code,opened_on\n"
        "6222020000000001,C001,DEP,2026-01-05\n"
        ",C001,WM,2026-02-01\n",
        encoding="utf-8",
    )
    refused = cli(f"import holding {holdings} --db {db}")
    assert refused.code == 1
    assert "account_no is needed" in refused.err
    holdings.write_text(
        "account_no,party_id,product_code,opened_on,closed_on\n"
        "6222020000000001,C001,DEP,2026-01-05,\n",
        encoding="utf-8",
    )
    assert "1 added" in cli(f"import holding {holdings} --db {db}").out
    holdings.write_text(
        "account_no,party_id,product_code,opened_on,closed_on\n"
        "6222020000000001,C001,DEP,2026-01-05,2026-06-30\n",
        encoding="utf-8",
    )
    closed = cli(f"import holding {holdings} --db {db}")
    assert "1 updated" in closed.out
    assert _count(db, Holding) == 1


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("import party {missing} --db {db}", "no file at"),
        ("import party {file} --mapping {missing} --db {db}", "cannot read the mapping"),
        ("import loans {file} --db {db}", "importing 'loans' is not supported"),
        ("import party {file} --db {db}", "no column of the file is named like"),
    ],
)
def test_import_errors_are_one_clear_message(
    cli: Cli, db: Path, tmp_path: Path, command: str, expected: str
) -> None:
    file = tmp_path / "x.csv"
    file.write_text("a,b\n1,2\n", encoding="utf-8")
    result = cli(command.format(db=db, file=file, missing=tmp_path / "nowhere"))
    assert result.code == 2
    assert expected in result.err
    assert "Traceback" not in result.err


def test_balances_are_matched_to_their_holding_by_account_number(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    (tmp_path / "party.csv").write_text("id,kind,name\nC001,person,张伟\n", encoding="utf-8")
    (tmp_path / "holding.csv").write_text(
        "account_no,party_id,product_code,opened_on\n6222020000000001,C001,DEP,2026-01-05\n",
        encoding="utf-8",
    )
    for table in ("party", "holding"):
        assert cli(f"import {table} {tmp_path / (table + '.csv')} --db {db}").code == 0
    balances = tmp_path / "balance.csv"
    balances.write_text(
        "account_no,snapshot_on,amount\n"
        '6222020000000001,2026-05-31,"12,000.50"\n'
        "6222029999999999,2026-05-31,10.00\n",
        encoding="utf-8",
    )
    refused = cli(f"import balance {balances} --db {db}")
    assert refused.code == 1
    assert "no holding with this account_no" in refused.err
    assert "622202******9999" in refused.err
    assert "6222029999999999" not in refused.err  # account numbers are masked
    balances.write_text(
        'account_no,snapshot_on,amount\n6222020000000001,2026-05-31,"12,000.50"\n',
        encoding="utf-8",
    )
    assert "1 added" in cli(f"import balance {balances} --db {db}").out
    with unit_of_work(connect(f"sqlite:///{db}")) as s:
        stored = s.execute(select(BalanceSnapshot.holding_id, BalanceSnapshot.amount)).all()
    assert [(h, float(a)) for h, a in stored] == [(1, 12000.50)]


def test_a_bad_last_row_rolls_back_the_batches_already_written(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    (tmp_path / "party.csv").write_text("id,kind,name\nC001,person,张伟\n", encoding="utf-8")
    assert cli(f"import party {tmp_path / 'party.csv'} --db {db}").code == 0
    lines = ["party_id,rm_id,kind,occurred_at"]
    lines += [
        f"C001,RM01,call,2026-01-01 {h:02d}:{m:02d}:{s:02d}"
        for h in range(4)
        for m in range(60)
        for s in range(0, 60, 1)
    ][:12_000]
    lines.append("C999,RM01,visit,2026-06-01 10:00:00")  # past the first batches of 10,000
    extract = tmp_path / "interaction.csv"
    extract.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli(f"import interaction {extract} --db {db}")
    assert result.code == 1
    assert "row 12002" in result.err
    assert _count(db, Interaction) == 0


def test_infer_prints_a_mapping_that_imports_the_file(cli: Cli, db: Path, tmp_path: Path) -> None:
    extract = _gbk_csv(
        tmp_path / "客户信息.csv",
        [
            _person("C001", "张伟", _id("11010519491231002")),
            _person("C002", "李娜", _id("44030419900101123")),
        ],
    )
    proposed = cli(f"import --infer {extract}")
    assert proposed.code == 0, proposed.err
    assert "proposed a mapping for party" in proposed.err
    assert "张伟" not in proposed.out + proposed.err  # no personal value from the sample rows
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(proposed.out, encoding="utf-8")
    landed = cli(f"import party {extract} --mapping {mapping} --db {db}")
    assert landed.code == 0, landed.err
    assert "2 added" in landed.out
    assert _count(db, Party) == 2


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("import", "name the table and at least one file"),
        ("import party", "name the table and at least one file"),
        ("import party b.csv --infer a.csv", "imports nothing"),
        ("import holding h.csv --as-of 2026-06-30", "add --mode snapshot"),
        ("import interaction i.csv --mode snapshot", "cannot be imported as a snapshot"),
    ],
)
def test_misused_options_are_one_clear_message(
    cli: Cli, db: Path, tmp_path: Path, command: str, message: str
) -> None:
    for name in ("a.csv", "b.csv", "h.csv", "i.csv"):
        (tmp_path / name).write_text("id\n1\n", encoding="utf-8")
    words = command.split()
    args = [str(tmp_path / w) if w.endswith(".csv") else w for w in words]
    result = cli(" ".join(args), "--db", str(db))
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_a_file_over_the_row_cap_is_refused_and_names_the_option(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    extract = tmp_path / "party.csv"
    extract.write_text("id,kind,name\nC001,person,张伟\nC002,person,李娜\n", encoding="utf-8")
    result = cli(f"import party {extract} --max-rows 1 --db {db}")
    assert result.code == 2
    assert "more than 1 data rows" in result.err
    assert "--max-rows" in result.err
    assert _count(db, Party) == 0
    assert cli(f"import party {extract} --max-rows 2 --db {db}").code == 0


def test_chunked_and_snapshot_imports_say_what_they_did(cli: Cli, db: Path, tmp_path: Path) -> None:
    (tmp_path / "party.csv").write_text("id,kind,name\nC001,person,张伟\n", encoding="utf-8")
    assert cli(f"import party {tmp_path / 'party.csv'} --db {db}").code == 0
    accounts = tmp_path / "accounts.csv"
    accounts.write_text(
        "account_no,party_id,product_code,opened_on\n"
        "6222000000000001,C001,DEP,2024-01-01\n"
        "6222000000000002,C001,WM,2024-02-01\n",
        encoding="utf-8",
    )
    chunked = cli(f"import holding {accounts} --chunked --chunk-rows 1 --db {db}")
    assert chunked.code == 0, chunked.err
    assert "2 added" in chunked.out
    accounts.write_text(
        "account_no,party_id,product_code,opened_on\n6222000000000001,C001,DEP,2024-01-01\n",
        encoding="utf-8",
    )
    snapshot = cli(f"import holding {accounts} --mode snapshot --as-of 2026-06-30 --db {db}")
    assert snapshot.code == 0, snapshot.err
    assert "1 closed as absent from the snapshot" in snapshot.out
    with unit_of_work(connect(f"sqlite:///{db}")) as s:
        closed = dict(s.execute(select(Holding.account_no, Holding.closed_on)).tuples().all())
    assert closed == {"6222000000000001": None, "6222000000000002": dt.date(2026, 6, 30)}
