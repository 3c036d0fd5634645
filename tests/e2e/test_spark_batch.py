"""The nightly batch on Spark, end to end: a demo bank exported as Parquet, evaluated on a
local Spark, the results imported; the store then holds exactly what an evaluation on DuckDB
of the same store and date keeps, and importing the same results again changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from bankladder.cli import run
from tests.e2e.conftest import Outcome
from tests.propensity_use_seed import seed_scores

pytestmark = [pytest.mark.e2e, pytest.mark.spark]

Cli = Callable[..., Outcome]
AS_OF = "2026-06-30"
KEPT = {
    "assessment": "party_id, as_of, stage_id, stage_rank, round(score, 4), evidence, playbook",
    "transition": "party_id, from_stage, to_stage, direction, changed_on",
    "action": "party_id, rm_id, kind, criterion_id, target_stage, reason_zh, reason_en, "
    "round(priority, 4), due_on, status, proposed_on, updated_on",
}
"""What the store keeps of an evaluation, without the row ids (which follow insertion order)."""


def _kept(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(db) as connection:
        return {
            table: sorted(connection.execute(f"SELECT {columns} FROM {table}"), key=repr)
            for table, columns in KEPT.items()
        }


def _miscounted(results: Path, copy: Path) -> Path:
    """A copy of a results folder whose manifest promises one action more than it holds."""
    shutil.copytree(results, copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["rows"]["actions"] += 1
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def demo_bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bank") / "demo.db"
    assert run(["demo", "--parties", "2000", "--db", str(path), "--as-of", AS_OF]) == 0
    seed_scores(path, dt.date.fromisoformat(AS_OF))  # the extract carries the model's lifts
    return path


def test_export_evaluate_on_spark_and_import_keep_what_duckdb_keeps(
    cli: Cli, demo_bank: Path, tmp_path: Path
) -> None:
    on_duckdb, on_spark = tmp_path / "duckdb.db", tmp_path / "spark.db"
    shutil.copy(demo_bank, on_duckdb)
    shutil.copy(demo_bank, on_spark)
    extract, results = tmp_path / "extract", tmp_path / "results"

    assert cli(f"evaluate --db {on_duckdb} --as-of {AS_OF} --engine duckdb").code == 0
    exported = cli(f"export parquet {extract} --db {on_spark} --as-of {AS_OF}")
    assert exported.code == 0, exported.err
    manifest = json.loads((extract / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["as_of"] == AS_OF
    assert manifest["rows"]["party"] == 2000
    evaluated = cli(f"evaluate --engine spark --source {extract} --output {results}")
    assert evaluated.code == 0, evaluated.err
    assert "2,000 parties" in evaluated.out
    moved = tmp_path / "moved.db"  # the store re-evaluated an earlier date after the export
    shutil.copy(on_spark, moved)
    assert cli(f"evaluate --db {moved} --as-of 2026-05-31 --engine duckdb").code == 0
    stale = cli(f"import results {results} --db {moved}")
    assert stale.code == 2
    assert "changed after the extract was exported" in " ".join(stale.err.split())

    before = _kept(on_spark)
    refused = cli(f"import results {_miscounted(results, tmp_path / 'bad')} --db {on_spark}")
    assert refused.code != 0
    assert _kept(on_spark) == before  # whole or not at all
    imported = cli(f"import results {results} --db {on_spark}")
    assert imported.code == 0, imported.err

    expected = _kept(on_duckdb)
    assert all(expected.values())  # assessments, transitions and actions, none empty
    assert _kept(on_spark) == expected

    again = cli(f"import results {results} --db {on_spark}")
    assert again.code == 0
    assert "nothing changed" in again.out
    assert _kept(on_spark) == expected


def test_the_extract_leaves_out_personal_columns_the_engine_does_not_read(
    cli: Cli, demo_bank: Path, tmp_path: Path
) -> None:
    assert cli(f"export parquet {tmp_path} --db {demo_bank} --as-of {AS_OF}").code == 0
    party = pq.read_schema(tmp_path / "party.parquet").names
    assert not {"name", "id_number", "mobile"} & set(party)
    assert "account_no" not in pq.read_schema(tmp_path / "holding.parquet").names
    assert "note" not in pq.read_schema(tmp_path / "interaction.parquet").names
    scores = pq.read_schema(tmp_path / "propensity_score.parquet").names
    assert scores == ["party_id", "as_of", "target", "lift"]  # not the reasons


def test_spark_refuses_a_date_other_than_the_extracts(
    cli: Cli, demo_bank: Path, tmp_path: Path
) -> None:
    assert cli(f"export parquet {tmp_path} --db {demo_bank} --as-of {AS_OF}").code == 0
    refused = cli(f"evaluate --engine spark --source {tmp_path} --as-of 2026-07-01")
    assert refused.code != 0
    assert "is as of 2026-06-30, not 2026-07-01" in " ".join(refused.err.split())  # unwrapped


def test_an_export_to_a_folder_that_cannot_be_written_is_one_clear_message(
    cli: Cli, demo_bank: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    refused = cli(f"export parquet {blocker / 'extract'} --db {demo_bank} --as-of {AS_OF}")
    assert refused.code == 2
    assert "cannot write the extract" in refused.err
    assert "Internal error" not in refused.err


def test_an_option_of_the_other_evaluation_path_is_refused_not_ignored(
    cli: Cli, demo_bank: Path, tmp_path: Path
) -> None:
    on_spark = cli(f"evaluate --engine spark --source {tmp_path} --db {demo_bank}")
    assert on_spark.code == 2
    assert "--db does not apply to --engine spark" in " ".join(on_spark.err.split())
    on_store = cli(f"evaluate --db {demo_bank} --source {tmp_path}")
    assert on_store.code == 2
    assert "--source applies to --engine spark only" in " ".join(on_store.err.split())
