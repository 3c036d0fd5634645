"""The model registry: every model the bank registered, kept whole and versioned per target,
and which one scores the store's parties.

Layout (the folder is ``Settings.models()``, ``BANKLADDER_MODEL_DIR``)::

    <models>/<target folder>/v1/model.txt    LightGBM's text (report.save)
    <models>/<target folder>/v1/model.json   target, version, registered_at, data_sha256,
                                             model_sha256, features, parameters, rounds, rows,
                                             positive_rate, metrics, and the whole report
    <models>/active.json                     {target: {version, activated_at, model_sha256}}

A version is never changed once registered. It is written under a claimed hidden name
(``.v3.partial``, made with ``mkdir``, which only one process can do) and renamed into place
when whole, so two registrations at once get different versions and a half-written one is
never listed; a ``.vN.partial`` left by an interrupted registration is ignored (and may be
deleted). ``active.json`` is replaced whole, under a lock.

Before a model is used (``activate``, ``load``) the hash of its ``model.txt`` is checked
against the one registered: a changed or damaged file is refused, never scored with. A folder
whose ``model.json`` cannot be read is left out of ``versions`` and named by ``damaged``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fcntl
import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bankladder.errors import IntegrityBroken, InvalidInput, NotFound
from bankladder.propensity import report as reports
from bankladder.propensity.features import missing_from_store
from bankladder.propensity.report import Report
from bankladder.propensity.schemas import ModelVersion, parse_target, target_folder
from bankladder.propensity.training import TrainedModel

MODEL_FILE = "model.txt"
METADATA_FILE = "model.json"
ACTIVE_FILE = "active.json"
LOCK_FILE = ".active.lock"
_VERSION = re.compile(r"v([1-9][0-9]{0,8})")
_CLAIM = re.compile(r"\.v([1-9][0-9]{0,8})\.partial")


@dataclass(frozen=True)
class Damaged:
    """A version folder that cannot be read, and why."""

    path: Path
    why: str


def register(
    folder: Path, target: str, model: TrainedModel, report: Report, now: dt.datetime
) -> ModelVersion:
    """Keep ``model`` as the next version of ``target`` (``v1``, ``v2``, ...)."""
    target = parse_target(target, where="target")
    home = folder / target_folder(target)
    home.mkdir(parents=True, exist_ok=True)
    number, claim = _claim(home)
    name = f"v{number}"
    try:
        extra = {"target": target, "version": name, "registered_at": now.isoformat()}
        reports.save(model, report, claim, extra=extra)
        claim.rename(home / name)
    except BaseException:
        shutil.rmtree(claim, ignore_errors=True)
        raise
    return find(folder, target, name)


def _claim(home: Path) -> tuple[int, Path]:
    """The next version number, and its hidden folder, made by this process alone."""
    while True:
        number = 1 + max((_number(p.name) for p in home.iterdir()), default=0)
        claim = home / f".v{number}.partial"
        try:
            claim.mkdir()
        except FileExistsError:  # another registration claimed it first: take the next
            continue
        if not (home / f"v{number}").exists():
            return number, claim
        claim.rmdir()  # the claim's holder finished between our look and our claim


def _number(name: str) -> int:
    found = _VERSION.fullmatch(name) or _CLAIM.fullmatch(name)
    return int(found.group(1)) if found else 0


def versions(folder: Path, target: str | None = None) -> list[ModelVersion]:
    """The readable versions, by target, oldest first (damaged ones: ``damaged``)."""
    return [v for v in _scan(folder, target) if isinstance(v, ModelVersion)]


def damaged(folder: Path, target: str | None = None) -> list[Damaged]:
    """The version folders ``versions`` leaves out, with what is wrong with each."""
    return [v for v in _scan(folder, target) if isinstance(v, Damaged)]


def _scan(folder: Path, target: str | None) -> list[ModelVersion | Damaged]:
    if target is not None:
        homes = [folder / target_folder(parse_target(target, where="target"))]
    elif folder.is_dir():
        homes = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    else:
        homes = []
    chosen = _active_entries(folder)
    found: list[ModelVersion | Damaged] = []
    for home in homes:
        names = [p.name for p in home.iterdir()] if home.is_dir() else []
        for name in sorted((n for n in names if _VERSION.fullmatch(n)), key=_number):
            try:
                found.append(_read(home / name, chosen))
            except IntegrityBroken as broken:
                found.append(Damaged(home / name, broken.what))
    return found


def find(folder: Path, target: str, version: str | None = None) -> ModelVersion:
    """One version of ``target``; ``None``: the newest readable one."""
    target = parse_target(target, where="target")
    if version is None:
        there = versions(folder, target)
        if not there:
            raise NotFound(
                f"no model of {target} is registered in {folder}",
                fix="train one with `bankladder model train ... --register`",
            )
        return there[-1]
    path = folder / target_folder(target) / version
    if not _VERSION.fullmatch(version) or not path.is_dir():
        names = ", ".join(v.version for v in versions(folder, target)) or "none"
        raise NotFound(
            f"{target} has no version {version!r} (registered: {names})",
            fix="see `bankladder model list`",
        )
    return _read(path, _active_entries(folder))


def active(folder: Path, target: str) -> ModelVersion | None:
    """The version of ``target`` that scores, or ``None`` when none was activated."""
    target = parse_target(target, where="target")
    entry = _active_entries(folder).get(target)
    if entry is None:
        return None
    try:
        chosen = find(folder, target, str(entry["version"]))
    except NotFound:
        raise NotFound(
            f"the active model of {target}, {entry['version']}, is no longer in {folder}",
            fix="activate another version (`bankladder model list` shows them)",
        ) from None
    if chosen.model_sha256 != entry.get("model_sha256"):
        raise IntegrityBroken(
            f"{chosen.path / METADATA_FILE} names another model than the one activated",
            fix="activate the version again after checking it, or activate another",
        )
    return chosen


def activate(folder: Path, target: str, version: str, now: dt.datetime) -> ModelVersion:
    """Make ``version`` the one that scores ``target``'s parties, after checking that its
    model is the one registered and reads only features the store supplies."""
    chosen = find(folder, target, version)
    _checked_text(chosen)
    missing = missing_from_store(chosen.features)
    if missing:
        raise InvalidInput(
            f"{chosen.target} {chosen.version} reads features the store does not supply: "
            f"{', '.join(missing)}; it can be reported, not used to score the store's parties",
            where="model activate",
            fix="activate a model trained on the store's history (`model train --from-store`)",
        )
    with _locked(folder):
        entries = _active_entries(folder)
        entries[chosen.target] = {
            "version": chosen.version,
            "activated_at": now.isoformat(),
            "model_sha256": chosen.model_sha256,
        }
        reports.write_whole(folder / ACTIVE_FILE, json.dumps(entries, indent=2) + "\n")
    return dataclasses.replace(chosen, active=True)


def load(version: ModelVersion) -> TrainedModel:
    """The model to score with, once ``model.txt`` is proven to be the one registered."""
    text = _checked_text(version)
    try:
        return reports.model_from_json(text, _metadata(version.path))
    except (KeyError, TypeError, ValueError) as wrong:
        raise _damaged(version.path, f"lacks or garbles {wrong}") from None


def report_of(version: ModelVersion) -> Report:
    """The training report kept with the version, as ``model train`` printed it."""
    try:
        return reports.from_json(_metadata(version.path)["report"])
    except (KeyError, TypeError, ValueError) as wrong:
        raise _damaged(version.path, f"holds no readable report ({wrong})") from None


def _checked_text(version: ModelVersion) -> str:
    path = version.path / MODEL_FILE
    try:
        data = path.read_bytes()
    except OSError as failed:
        raise IntegrityBroken(
            f"{path} cannot be read ({failed.strerror})",
            fix="register the model again, or activate another version",
        ) from None
    if hashlib.sha256(data).hexdigest() != version.model_sha256:
        raise IntegrityBroken(
            f"{path} is not the model registered as {version.target} {version.version}: its "
            "SHA-256 differs (changed or damaged since)",
            fix="register the model again, or activate another version",
        )
    return data.decode("utf-8")


def _read(path: Path, chosen: dict[str, dict[str, Any]]) -> ModelVersion:
    m = _metadata(path)
    try:
        if m["version"] != path.name:
            raise ValueError(f"it says it is {m['version']}")
        metrics = m["metrics"]
        return ModelVersion(
            target=str(m["target"]), version=path.name, path=path,
            registered_at=dt.datetime.fromisoformat(m["registered_at"]),
            data_sha256=str(m["data_sha256"]), model_sha256=str(m["model_sha256"]),
            features=tuple(str(f["name"]) for f in m["features"]), rows=int(m["rows"]),
            positive_rate=float(m["positive_rate"]),
            auc=float(metrics["auc"]), alift=float(metrics["alift"]),
            active=chosen.get(str(m["target"]), {}).get("version") == path.name,
        )  # fmt: skip
    except (KeyError, TypeError, ValueError) as wrong:
        raise _damaged(path, f"lacks or garbles {wrong}") from None


def _metadata(path: Path) -> dict[str, Any]:
    try:
        found = json.loads((path / METADATA_FILE).read_text(encoding="utf-8"))
    except OSError as failed:
        raise _damaged(path, f"cannot be read ({failed.strerror})") from None
    except ValueError as wrong:  # bad JSON or bad UTF-8
        raise _damaged(path, f"is not JSON ({wrong})") from None
    if not isinstance(found, dict):
        raise _damaged(path, "is not a JSON object")
    return found


def _damaged(path: Path, why: str) -> IntegrityBroken:
    return IntegrityBroken(
        f"{path / METADATA_FILE} {why}",
        fix="register the model again; this version cannot be listed, reported or used",
    )


def _active_entries(folder: Path) -> dict[str, dict[str, Any]]:
    path = folder / ACTIVE_FILE
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as wrong:
        raise IntegrityBroken(
            f"{path} cannot be read ({wrong})",
            fix="delete it and activate each target's model again",
        ) from None
    if not isinstance(found, dict) or not all(isinstance(e, dict) for e in found.values()):
        raise IntegrityBroken(
            f"{path} is not a map of target to version",
            fix="delete it and activate each target's model again",
        )
    return found


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One activation at a time changes ``active.json`` (two targets activated at once
    both land)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / LOCK_FILE).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
