"""Use cases: export the store as Parquet, evaluate an extract on Spark, import the results.

The caller owns the transaction of the store-side use cases (``export_parquet`` reads in one,
``import_results`` writes in one: a results folder lands whole or not at all).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
from sqlalchemy.orm import Session

from bankladder.audit import service as audit
from bankladder.batch import export, repository, spark
from bankladder.batch.layout import (
    EXTRACT_KIND,
    PREVIOUS_STAGE,
    RESULT_TABLES,
    RESULTS_KIND,
    Manifest,
    read_manifest,
    table_file,
)
from bankladder.config import DISMISSED_QUIET_DAYS
from bankladder.engine import backends
from bankladder.engine.sources import SOURCE_COLUMNS
from bankladder.errors import InvalidInput
from bankladder.evaluation import repository as evaluation_repository
from bankladder.evaluation.explain import evidence
from bankladder.evaluation.service import action_row, put_actions, quiet_criteria
from bankladder.ladder.model import Ladder

BATCH_ROWS = 100_000
"""Rows per Parquet row group written and per batch read: memory stays flat at any size."""


def export_parquet(
    session: Session, folder: Path, as_of: dt.date, batch_rows: int = BATCH_ROWS
) -> Manifest:
    """Write the engine's source tables and each party's previous stage to ``folder``.

    The manifest is written last: a folder whose export failed part-way has none, and the
    Spark evaluation refuses it."""
    try:
        return _export(session, folder, as_of, batch_rows)
    except OSError as error:
        raise InvalidInput(
            f"cannot write the extract: {error.strerror or error}",
            where=str(error.filename or folder),
            fix="choose a folder you may write to, on a disk with room for the extract",
        ) from None


def _export(session: Session, folder: Path, as_of: dt.date, batch_rows: int) -> Manifest:
    folder.mkdir(parents=True, exist_ok=True)
    rows = {
        name: export.export_table(session, name, columns, folder, batch_rows)
        for name, columns in SOURCE_COLUMNS.items()
    }
    previous = repository.previous_stages(session, as_of, batch_rows)
    path = table_file(folder, PREVIOUS_STAGE)
    rows[PREVIOUS_STAGE] = export.write_batches(path, export.PREVIOUS_STAGE_SCHEMA, previous)
    manifest = Manifest(
        kind=EXTRACT_KIND,
        as_of=as_of,
        rows=rows,
        baseline=repository.assessments_before(session, as_of),
        bank_profile=evaluation_repository.bank_profile(session),
    )
    manifest.write(folder)
    detail = {"as_of": as_of.isoformat(), "rows": sum(rows.values()), "tables": len(rows)}
    audit.record(
        session,
        None,
        "export.parquet",
        "extract",
        as_of.isoformat(),
        dt.datetime.now(),
        detail=detail,
    )
    return manifest


def extract_manifest(source: Path) -> Manifest:
    return read_manifest(source, EXTRACT_KIND)[0]


@dataclass(frozen=True)
class SparkRun:
    as_of: dt.date
    master: str
    output: Path
    rows: dict[str, int]
    by_rank: dict[int, int]
    seconds: float


def evaluate_on_spark(
    ladder: Ladder,
    source: Path,
    output: Path,
    *,
    as_of: dt.date | None = None,
    master: str = backends.SPARK_LOCAL,
    settings: dict[str, str] | None = None,
) -> SparkRun:
    """Evaluate the extract in ``source`` on Spark and write the results folder ``output``."""
    manifest = extract_manifest(source)
    if as_of is not None and as_of != manifest.as_of:
        raise InvalidInput(
            f"the extract in {source} is as of {manifest.as_of}, not {as_of}",
            where="--as-of",
            fix=f"export again with `bankladder export parquet {source} --as-of {as_of}`",
        )
    started = time.perf_counter()
    backend = backends.spark(master, settings)
    try:
        done = spark.evaluate_extract(backend, ladder, source, output, manifest.as_of)
    finally:
        backend.disconnect()
    Manifest(
        kind=RESULTS_KIND,
        as_of=manifest.as_of,
        rows=done.rows,
        baseline=manifest.baseline,
        bank_profile=manifest.bank_profile,
        playbook=ladder.label,
    ).write(output)
    seconds = time.perf_counter() - started
    return SparkRun(manifest.as_of, master, output, done.rows, done.by_rank, seconds)


@dataclass(frozen=True)
class ResultsImport:
    as_of: dt.date
    already_imported: bool
    rows: dict[str, int]
    actions_proposed: int = 0
    actions_resolved: int = 0


def _batches(folder: Path, batch_rows: int) -> Iterator[list[dict[str, Any]]]:
    """The rows of a results table, a batch at a time, in the order Spark wrote them."""
    for batch in ds.dataset(folder, format="parquet").to_batches(batch_size=batch_rows):
        yield batch.to_pylist()


def import_results(
    session: Session, ladder: Ladder, folder: Path, batch_rows: int = BATCH_ROWS
) -> ResultsImport:
    """Load a results folder into the store, as ``evaluation.service.record`` would have kept
    the same evaluation: assessments and transitions of the date replaced, and live actions
    refreshed, added or resolved when the date is the newest evaluated. The same folder twice
    changes nothing (its manifest's hash is kept in the import ledger)."""
    manifest, sha256 = read_manifest(folder, RESULTS_KIND)
    if manifest.playbook != ladder.label:
        raise InvalidInput(
            f"the results were computed with playbook {manifest.playbook}, "
            f"the store's bank runs {ladder.label}",
            fix="evaluate again with this bank's playbook and profile, or pass --playbook "
            "and --profile to match the results",
        )
    if repository.results_landed(session, sha256):
        return ResultsImport(manifest.as_of, already_imported=True, rows=manifest.rows)
    _refuse_a_moved_baseline(session, manifest, folder)
    latest = evaluation_repository.latest_assessment_date(session)
    rows = dict.fromkeys(RESULT_TABLES, 0)
    rows["assessments"] = _load_assessments(session, ladder, folder, manifest.as_of, batch_rows)
    rows["transitions"] = _load_transitions(session, folder, manifest.as_of, batch_rows)
    proposed = resolved = 0
    proposing = latest is None or manifest.as_of >= latest
    if proposing:
        proposed, resolved = _sync_actions(session, ladder, folder, manifest.as_of, batch_rows)
        rows["actions"] = proposed
    expected = {name: manifest.rows.get(name, -1) for name in rows}
    if not proposing:
        expected["actions"] = 0  # an older date: the actions of the newest stand
    if rows != expected:
        raise InvalidInput(
            f"{folder} holds {rows} rows, its manifest says {expected}: nothing was imported",
            fix="evaluate again into an empty folder",
        )
    repository.record_results(session, str(folder.resolve()), sha256, sum(rows.values()))
    detail = {"as_of": manifest.as_of.isoformat(), "rows": rows, "sha256": sha256}
    audit.record(
        session,
        None,
        "evaluation.import",
        "evaluation",
        manifest.as_of.isoformat(),
        dt.datetime.now(),
        detail=detail,
    )
    return ResultsImport(manifest.as_of, False, rows, proposed, resolved)


def _refuse_a_moved_baseline(session: Session, manifest: Manifest, folder: Path) -> None:
    """The results' transitions compare each party with where it stood in the store when the
    extract was taken; if earlier assessments changed since, they would record wrong moves."""
    now = repository.assessments_before(session, manifest.as_of)
    if now != manifest.baseline:
        raise InvalidInput(
            f"{folder}: the store's assessments before {manifest.as_of} changed after the "
            f"extract was exported (then {manifest.baseline}, now {now}), so the stage changes "
            "in these results are measured from an old baseline: nothing was imported",
            fix="export the store again, evaluate that extract on Spark, and import its results",
        )


def _load_assessments(
    session: Session, ladder: Ladder, folder: Path, as_of: dt.date, batch_rows: int
) -> int:
    evaluation_repository.replace_assessments(session, as_of, [], None)
    label, loaded = ladder.label, 0
    for batch in _batches(folder / "assessments", batch_rows):
        rows = [
            {
                "party_id": row["party_id"],
                "as_of": as_of,
                "stage_id": row["stage_id"],
                "stage_rank": row["stage_rank"],
                "score": row["score"],
                "evidence": evidence(ladder, row),
                "playbook": label,
            }
            for row in batch
        ]
        repository.add_assessments(session, rows)
        loaded += len(rows)
    return loaded


def _load_transitions(session: Session, folder: Path, as_of: dt.date, batch_rows: int) -> int:
    evaluation_repository.replace_transitions(session, as_of, [], None)
    loaded = 0
    for batch in _batches(folder / "transitions", batch_rows):
        repository.add_transitions(session, batch)
        loaded += len(batch)
    return loaded


def _sync_actions(
    session: Session, ladder: Ladder, folder: Path, as_of: dt.date, batch_rows: int
) -> tuple[int, int]:
    """Refresh live actions still proposed, add new ones, resolve those no longer proposed."""
    live = evaluation_repository.live_actions(session, None)
    quiet = quiet_criteria(session, as_of, DISMISSED_QUIET_DAYS, None)
    proposed = 0
    for batch in _batches(folder / "actions", batch_rows):
        # the facts a reason needs ride with the action
        rows = (action_row(ladder, action, action, as_of) for action in batch)
        proposed += put_actions(session, live, rows, quiet)
    evaluation_repository.resolve_actions(session, live.values(), as_of)
    return proposed, len(live)
