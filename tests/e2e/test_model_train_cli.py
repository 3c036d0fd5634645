"""``bankladder model train`` end to end: a report in JSON and as tables, and bad input refused
in words (a bad label, a missing column), --exclude, --positive, --sep ';', a GBK file with
Chinese headers, --strict on a leak, and --output writing the model."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from bankladder.cli import run
from tests.e2e.conftest import Outcome

pytestmark = pytest.mark.e2e

Cli = Callable[..., Outcome]
HEADER = ("age", "job", "balance", "duration", "y")


def rows(count: int = 1_500, seed: int = 11) -> list[tuple[str, ...]]:
    """Contacts where older clients and larger balances say yes more often (true logit
    -1.5 + 0.04 (age - 40) + 0.5 balance), job "unknown" a fifth of the time, and a call
    duration that is long exactly when the answer was yes (a planted leak)."""
    rng = np.random.default_rng(seed)
    age = rng.integers(20, 70, count)
    balance = rng.normal(size=count)
    job = rng.choice(["admin", "retired", "unknown", "technician", "student"], count)
    p = 1 / (1 + np.exp(-(-1.5 + 0.04 * (age - 40) + 0.5 * balance)))
    yes = rng.random(count) < p
    duration = np.where(yes, rng.integers(400, 900, count), rng.integers(0, 420, count))
    return [
        (str(a), j, f"{b:.3f}", str(d), "yes" if s else "no")
        for a, j, b, d, s in zip(age, job, balance, duration, yes, strict=True)
    ]


def said(outcome: Outcome) -> str:
    """The error message as one line (the console wraps it at its width)."""
    return " ".join(outcome.err.split())


def write(
    path: Path, data: list[tuple[str, ...]], header: tuple[str, ...] = HEADER,
    sep: str = ",", encoding: str = "utf-8",
) -> Path:  # fmt: skip
    lines = [sep.join(header), *(sep.join(r) for r in data)]
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


@pytest.fixture
def contacts(tmp_path: Path) -> Path:
    return write(tmp_path / "contacts.csv", rows())


def test_json_report_names_the_leak(cli: Cli, contacts: Path) -> None:
    done = cli(f"model train --outcomes {contacts} --label y --format json")
    assert done.code == 0, done.err
    report = json.loads(done.out)
    assert report["data"]["rows"] == 1_500
    assert report["validation"] == "kfold"
    assert 0.5 < report["auc"] <= 1.0
    assert 0.5 < report["alift"] <= 1.0
    assert len(report["gains"]) == 10
    assert len(report["calibration"]) == 10
    suspects = {s["column"] for s in report["leakage"]["suspects"] if s["blocking"]}
    assert "duration" in suspects


def test_table_in_english(cli: Cli, contacts: Path) -> None:
    done = cli(f"model train --outcomes {contacts} --label y --exclude duration --locale en")
    assert done.code == 0, done.err
    assert "Calibration table" in done.out
    assert "ALIFT" in done.out


def test_table_in_chinese_by_default(cli: Cli, contacts: Path) -> None:
    done = cli(f"model train --outcomes {contacts} --label y --locale zh-CN")
    assert done.code == 0, done.err
    assert "校准表" in done.out
    assert "泄露嫌疑" in done.out
    assert "duration" in done.out


def test_strict_refuses_the_leak_and_exclude_lifts_it(cli: Cli, contacts: Path) -> None:
    refused = cli(f"model train --outcomes {contacts} --label y --strict")
    assert refused.code == 2
    assert "duration" in said(refused)
    assert "Traceback" not in said(refused)
    done = cli(f"model train --outcomes {contacts} --label y --strict --exclude duration "
               "--format json")  # fmt: skip
    assert done.code == 0, done.err
    report = json.loads(done.out)
    assert report["data"]["excluded"] == ["duration"]
    assert "duration" not in {f["name"] for f in report["data"]["features"]}


def test_a_label_of_three_values_asks_for_positive(cli: Cli, tmp_path: Path) -> None:
    data = [(*r[:4], "maybe" if i % 3 == 0 else r[4]) for i, r in enumerate(rows(300))]
    path = write(tmp_path / "three.csv", data)
    refused = cli(f"model train --outcomes {path} --label y")
    assert refused.code == 2
    assert "'maybe'" in said(refused)
    assert "--positive" in said(refused)
    done = cli(f"model train --outcomes {path} --label y --positive yes --exclude duration "
               "--format json")  # fmt: skip
    assert done.code == 0, done.err
    assert json.loads(done.out)["data"]["positive"] == "yes"


def test_a_missing_column_names_the_columns_there_are(cli: Cli, contacts: Path) -> None:
    refused = cli(f"model train --outcomes {contacts} --label outcome")
    assert refused.code == 2
    assert "'outcome'" in said(refused)
    assert "age, job, balance, duration, y" in said(refused)
    refused = cli(f"model train --outcomes {contacts} --label y --exclude nosuch")
    assert refused.code == 2
    assert "'nosuch'" in said(refused)


def test_an_empty_label_is_refused_at_its_row(cli: Cli, tmp_path: Path) -> None:
    data = rows(200)
    data[4] = (*data[4][:4], "")  # the 5th data row: line 6 of the file (header on line 1)
    refused = cli(f"model train --outcomes {write(tmp_path / 'e.csv', data)} --label y")
    assert refused.code == 2
    assert "row 6" in said(refused)


def test_semicolons_named_with_sep(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "semi.txt", rows(800), sep=";")
    done = cli(f"model train --outcomes {path} --label y --sep ; --exclude duration "
               "--format json")  # fmt: skip
    assert done.code == 0, done.err
    assert len(json.loads(done.out)["data"]["features"]) == 3
    wrong = cli(f"model train --outcomes {path} --label y --sep ,")
    assert wrong.code == 2  # read with commas, the file has one column: no 'y'


def test_gbk_file_with_chinese_headers(cli: Cli, tmp_path: Path) -> None:
    chinese = {"retired": "退休", "unknown": "未知", "yes": "是", "no": "否"}
    data = [(a, chinese.get(j, j), b, d, chinese[y]) for a, j, b, d, y in rows(800)]
    header = ("年龄", "职业", "余额", "通话时长", "是否认购")
    path = write(tmp_path / "gbk.csv", data, header=header, encoding="gbk")
    done = cli(f"model train --outcomes {path} --label 是否认购 --exclude 通话时长 "
               "--format json")  # fmt: skip
    assert done.code == 0, done.err
    report = json.loads(done.out)
    assert report["data"]["positive"] == "是"  # recognised without --positive
    kinds = {f["name"]: f["kind"] for f in report["data"]["features"]}
    assert kinds == {"年龄": "numeric", "职业": "categorical", "余额": "numeric"}


def test_time_column_and_output(cli: Cli, tmp_path: Path) -> None:
    # 1,200 contacts, 100 a month through 2024: 20 Jan 1, 20 Jan 2 ... (days 1 to 5 of a month)
    data = [
        (f"2024-{1 + i // 100:02d}-{1 + i % 100 // 20:02d}", *r) for i, r in enumerate(rows(1_200))
    ]
    path = write(tmp_path / "t.csv", data, header=("day", *HEADER))
    out = tmp_path / "model"
    done = cli(f"model train --outcomes {path} --label y --time day --exclude duration "
               f"--format json --output {out}")  # fmt: skip
    assert done.code == 0, done.err
    assert json.loads(done.out)["validation"] == "time"
    assert (out / "model.txt").is_file()
    assert json.loads((out / "model.json").read_text())["rows"] == 1_200
    bad = write(tmp_path / "bad.csv", [("soon", *data[0][1:]), *data[1:]], header=("day", *HEADER))
    refused = cli(f"model train --outcomes {bad} --label y --time day")
    assert refused.code == 2
    assert "row 2" in said(refused)
    assert "'soon'" in said(refused)


# --- From the store's history -----------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo bank of 1,500 parties evaluated as of six month-ends and 2026-06-30."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    assert run(["demo", "--parties", "1500", "--db", str(path), "--as-of", "2026-06-30"]) == 0
    return path


def test_from_store_advance_reports_and_registers(
    cli: Cli, demo_bank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANKLADDER_MODEL_DIR", str(tmp_path / "models"))
    done = cli(f"model train --from-store advance --db {demo_bank} --format json --register")
    assert done.code == 0, done.err
    report = json.loads(done.out)
    # evaluations from 2025-12-31 to 2026-06-30: month-ends Dec 31 .. Mar 31 can be labelled
    assert report["data"]["file"].startswith(
        "store: advance within 90 days, as of 4 month-ends 2025-12-31..2026-03-31; left out: "
        "8 month-ends 2025-04-30..2025-11-30: before the first recorded evaluation"
    )
    assert report["data"]["rows"] == 4 * 1500
    assert report["validation"] == "time"
    assert 0.6 <= report["auc"] <= 1.0
    assert "party_id" not in {f["name"] for f in report["data"]["features"]}
    assert "Registered advance v1" in said(done)
    assert (tmp_path / "models" / "advance" / "v1" / "model.txt").exists()


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ("--from-store advance --outcomes x.csv", "--outcomes FILE or --from-store TARGET"),
        ("--from-store advance --label y", "--label describe a file of outcomes"),
        ("--from-store product:gold", "no product of the family 'gold'"),
        ("--from-store wealth", "'wealth' is not a model target"),
        ("--outcomes x.csv", "--outcomes needs --label"),
        ("", "--outcomes FILE or --from-store TARGET"),
    ],
)
def test_from_store_refusals_in_words(cli: Cli, demo_bank: Path, options: str, words: str) -> None:
    refused = cli(f"model train --db {demo_bank} {options}")
    assert refused.code == 2, refused.out
    assert words in said(refused)
