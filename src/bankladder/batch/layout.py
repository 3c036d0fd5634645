"""What an extract folder and a results folder hold, and their manifests.

An extract (``bankladder export parquet DIR``): one Parquet file per source table the engine
reads (``engine/sources.py``), ``previous_stage.parquet`` (each party's latest assessment
before the as-of date, for the transitions) and ``manifest.json``. A results folder
(``bankladder evaluate --engine spark``): ``assessments/``, ``transitions/`` and ``actions/``,
each a folder of Parquet parts written by Spark, and its own ``manifest.json``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bankladder.errors import InvalidInput

SCHEMA_VERSION = 3  # 2: the baseline of assessments before the date; 3: the model scores
MANIFEST = "manifest.json"
PREVIOUS_STAGE = "previous_stage"
RESULT_TABLES = ("assessments", "transitions", "actions")
EXTRACT_KIND, RESULTS_KIND = "bankladder-extract", "bankladder-results"


def table_file(folder: Path, name: str) -> Path:
    return folder / f"{name}.parquet"


@dataclass(frozen=True)
class Manifest:
    """What a folder holds: its kind, the as-of date, row counts, the schema version, the
    store's assessments before the date when the extract was taken (``baseline``: the
    transitions are computed against them) and, for results, the playbook they were computed
    with (``id@version/profile``)."""

    kind: str
    as_of: dt.date
    rows: dict[str, int]
    baseline: dict[str, int]
    bank_profile: str | None = None
    playbook: str | None = None
    schema_version: int = SCHEMA_VERSION
    written_at: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat())

    def write(self, folder: Path) -> None:
        body = {**asdict(self), "as_of": self.as_of.isoformat()}
        text = json.dumps(body, indent=1, ensure_ascii=False, sort_keys=True)
        (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


def read_manifest(folder: Path, kind: str) -> tuple[Manifest, str]:
    """The folder's manifest and the SHA-256 of its bytes; refuses another kind or version."""
    path = folder / MANIFEST
    try:
        raw = path.read_bytes()
        body: dict[str, Any] = json.loads(raw)
        written = (body.get("kind"), body.get("schema_version"))
    except FileNotFoundError:
        raise InvalidInput(f"no {MANIFEST} in {folder}", fix=_fix(kind)) from None
    except (ValueError, AttributeError) as error:
        message = f"{path} is not a bankladder manifest: {error}"
        raise InvalidInput(message, fix=_fix(kind)) from None
    if written != (kind, SCHEMA_VERSION):
        raise InvalidInput(
            f"{folder} holds {written[0]} version {written[1]}, not {kind} version "
            f"{SCHEMA_VERSION}",
            fix=_fix(kind),
        )
    try:
        manifest = Manifest(**{**body, "as_of": dt.date.fromisoformat(body["as_of"])})
    except (ValueError, TypeError, KeyError) as error:
        message = f"{path} is not a bankladder manifest: {error}"
        raise InvalidInput(message, fix=_fix(kind)) from None
    return manifest, hashlib.sha256(raw).hexdigest()


def _fix(kind: str) -> str:
    if kind == EXTRACT_KIND:
        return "write the extract with `bankladder export parquet DIR`"
    return "write the results with `bankladder evaluate --engine spark --source DIR --output OUT`"
