"""evaluate, funnel, worklist and playbook check, end to end, with their error paths."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bankladder.playbooks import default_playbook_path
from tests.e2e.conftest import Outcome
from tests.support import StoreBuilder, at, d

pytestmark = pytest.mark.e2e

Cli = Callable[..., Outcome]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    b = StoreBuilder()
    b.party("P1", first_contact_on=d("2026-03-01"))
    b.contact("P1", "visit", at("2026-03-01"))  # outside the last 90 days as of 2026-06-30
    b.contact("P1", "event", at("2026-05-10"))
    b.party("P2", kind="enterprise")
    b.party("P3", rm="RM02")
    path = tmp_path / "bank.db"
    b.build(path).dispose()
    return path


def test_evaluate_then_funnel_as_json_lists_every_stage_with_names_and_count(
    cli: Cli, db: Path
) -> None:
    assert cli(f"evaluate --db {db} --as-of 2026-06-30").code == 0
    result = cli(f"funnel --db {db} --format json")
    assert result.code == 0, result.err
    stages = json.loads(result.out)
    assert [s["rank"] for s in stages] == list(range(7))
    assert stages[1]["id"] == "acquaintance"
    assert stages[1]["names"] == {"zh-CN": "了解银行与客户经理", "en": "Acquaintance"}
    assert {s["rank"]: s["count"] for s in stages if s["count"]} == {0: 2, 1: 1}


def test_funnel_as_csv_and_table(cli: Cli, db: Path) -> None:
    cli(f"evaluate --db {db} --as-of 2026-06-30 --engine sqlite")
    rows = list(csv.DictReader(io.StringIO(cli(f"funnel --db {db} --format csv").out)))
    assert [r["count"] for r in rows] == ["2", "1", "0", "0", "0", "0", "0"]
    table = cli(f"funnel --db {db} --locale en").out
    assert "Acquaintance" in table
    assert "Not yet on the ladder" in table


def test_worklist_gives_the_rms_actions_with_reasons_most_pressing_first(
    cli: Cli, db: Path
) -> None:
    cli(f"evaluate --db {db} --as-of 2026-06-30")
    result = cli(f"worklist --db {db} --rm RM01 --format json --limit 3")
    assert result.code == 0, result.err
    entries = json.loads(result.out)
    assert len(entries) == 3
    assert [e["rank"] for e in entries] == [1, 2, 3]
    assert all(e["reason"]["zh-CN"] and e["reason"]["en"] for e in entries)
    priorities = [e["priority"] for e in entries]
    assert priorities == sorted(priorities, reverse=True)
    assert {e["party_id"] for e in entries} <= {"P1", "P2"}  # P3 is RM02's
    assert all("*" in e["party_name"] for e in entries if e["party_id"] == "P1")  # masked


def test_worklist_reason_states_the_gap_in_words(cli: Cli, db: Path) -> None:
    cli(f"evaluate --db {db} --as-of 2026-06-30")
    entries = json.loads(cli(f"worklist --db {db} --rm RM01 --format json --limit 50").out)
    p1 = [e["reason"]["en"] for e in entries if e["party_id"] == "P1"]
    assert "1 more contacts this quarter to reach Business discovery: 1 in the last 90 days." in p1


def test_playbook_check_passes_the_shipped_playbook(cli: Cli) -> None:
    result = cli(f"playbook check {default_playbook_path()}")
    assert result.code == 0
    assert "no problems" in result.out


def test_playbook_check_names_file_line_and_reason_and_exits_non_zero(
    cli: Cli, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    text = default_playbook_path().read_text(encoding="utf-8")
    bad.write_text(
        text.replace("when: needs_identified >= 1", "when: needs_identifed >= 1"), encoding="utf-8"
    )
    line = next(i for i, t in enumerate(bad.read_text().splitlines(), 1) if "needs_identifed" in t)
    result = cli(f"playbook check {bad}")
    assert result.code == 1
    assert f"{bad}:{line}:" in result.err
    assert "needs_identifed" in result.err


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("evaluate --db {db} --as-of 2026-13-01", "not a date"),
        ("evaluate --db {db} --engine oracle", "engine"),
        ("funnel --db {db} --format xml", "unknown format"),
        ("funnel --db {db}", "no evaluation yet"),
        ("worklist --db {db} --rm NOBODY", "no RM with id 'NOBODY'"),
        ("worklist --db {db} --rm RM01 --limit 0", "--limit or BANKLADDER_WORKLIST_SIZE"),
        ("evaluate --db {db} --profile tiny", "--profile or BANKLADDER_BANK_PROFILE"),
        ("worklist --db {missing} --rm RM01", "no store at"),
        ("evaluate --db {db} --playbook {missing}", "cannot read the playbook"),
        ("playbook check {missing}", "cannot read the playbook"),
    ],
)
def test_errors_are_one_clear_message_without_a_traceback(
    cli: Cli, db: Path, tmp_path: Path, command: str, expected: str
) -> None:
    result = cli(command.format(db=db, missing=tmp_path / "nowhere.db"))
    assert result.code != 0
    assert expected in result.err
    assert "Traceback" not in result.err + result.out


def test_settings_come_from_bankladder_environment_variables(
    cli: Cli, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANKLADDER_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("BANKLADDER_LOCALE", "en")
    assert cli("evaluate --as-of 2026-06-30").code == 0
    result = cli("funnel")
    assert result.code == 0, result.err
    assert "Acquaintance" in result.out


def test_a_bad_environment_setting_is_named_with_how_to_fix_it(
    cli: Cli, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANKLADDER_ENGINE", "oracle")
    result = cli(f"evaluate --db {db}")
    assert result.code == 2
    assert "BANKLADDER_ENGINE" in result.err
    assert "Traceback" not in result.err


def test_the_installed_command_prints_one_message_not_a_traceback(tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("bankladder")
    result = subprocess.run(
        [str(command), "worklist", "--rm", "RM01", "--db", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 3
    assert "no store at" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_established_bank_skips_the_trust_building_of_the_first_rung(
    cli: Cli, tmp_path: Path
) -> None:
    b = StoreBuilder()
    b.party("VISITED", first_contact_on=d("2026-06-01"))
    b.contact("VISITED", "visit", at("2026-06-01"))  # met the RM, never came to a bank event
    young, established = tmp_path / "young.db", tmp_path / "established.db"
    b.build(young).dispose()
    b.build(established, profile="established").dispose()
    for db in (young, established):
        assert cli(f"evaluate --db {db} --as-of 2026-06-30").code == 0
    counts = {
        db.stem: {
            s["rank"]: s["count"] for s in json.loads(cli(f"funnel --db {db} --format json").out)
        }
        for db in (young, established)
    }
    assert counts["young"][0] == 1  # a young bank still has to earn trust in itself
    assert counts["established"][1] == 1
    forced = cli(f"evaluate --db {young} --as-of 2026-06-30 --profile established")
    assert forced.code == 0
    assert "rung 1: 1" in forced.out


def test_evaluating_with_an_invalid_playbook_lists_its_problems_and_writes_nothing(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    text = default_playbook_path().read_text(encoding="utf-8")
    bad.write_text(text.replace("interactions_90d >= 2", "interactions_90d >= true"), "utf-8")
    result = cli(f"evaluate --db {db} --playbook {bad} --as-of 2026-06-30")
    assert result.code == 2
    assert f"{bad}:" in result.err
    assert "playbook check" in result.err
    assert "no evaluation yet" in cli(f"funnel --db {db}").err


def test_evaluate_on_an_empty_store_says_so_once(cli: Cli, tmp_path: Path) -> None:
    empty = str(tmp_path / "empty.db")
    assert cli("db upgrade --db", empty).code == 0
    done = cli("evaluate --as-of 2026-06-30 --db", empty)
    assert done.code == 0, done.err
    assert "holds no parties yet" in done.out
    assert "wallets" not in done.out
    assert "Network" not in done.out


def test_evaluate_reports_wallets_ladder_and_network(cli: Cli, db: Path) -> None:
    done = cli("evaluate --as-of 2026-06-30 --db", str(db))
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert lines[0].startswith("Estimated the wallets of")
    assert any(line.startswith("Evaluated") for line in lines)
    assert any(line.startswith("Network as of 2026-06-30:") for line in lines)
    skipped = cli("evaluate --as-of 2026-06-30 --no-network --db", str(db))
    assert "Network as of" not in skipped.out
