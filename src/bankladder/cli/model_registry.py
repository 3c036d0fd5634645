"""``bankladder model list|report|activate|score``: the registered propensity models, the
report each was registered with, which one scores the store's parties, and scoring them.

The registry is the folder ``--models`` (default ``BANKLADDER_MODEL_DIR``, else ``models`` in
the home folder); see ``propensity/registry.py``. Activating a model changes what the worklist
ranks by, so it leaves a ``model.activate`` event in the store's audit trail (target, version,
the model's hash and the version it replaced) whenever there is a store: ``--db``,
``BANKLADDER_DATABASE_URL``, or the home folder's store file when it exists.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import Engine

from bankladder.audit import service as audit
from bankladder.cli.options import (
    AsOfOption,
    DbOption,
    LocaleOption,
    PlaybookOption,
    console,
    err_console,
    open_store,
    parse_date,
    store_settings,
)
from bankladder.cli.output import emit
from bankladder.config import Settings, bank_now, today
from bankladder.errors import IntegrityBroken, InvalidInput, NotFound
from bankladder.evaluation.ladders import bank_ladder
from bankladder.ladder.model import Text
from bankladder.propensity import registry, scoring
from bankladder.propensity import report as reports
from bankladder.propensity.schemas import ModelVersion, ScoreRun, parse_target
from bankladder.store.database import sqlite_path, unit_of_work

FORMATS = ("table", "json")
HASH_SHOWN = 12
UNREADABLE = "unreadable"
"""What the audit trail says was active before, when that version could not be read."""

ModelsOption = Annotated[
    Path | None,
    typer.Option(
        "--models",
        help="The model registry folder (default: BANKLADDER_MODEL_DIR, else models in home).",
        file_okay=False,
    ),
]
FormatOption = Annotated[str, typer.Option("--format", help="table or json.")]
TargetArgument = Annotated[
    str, typer.Argument(help="advance, product:<family> or outcome:<name>.", show_default=False)
]

COLUMNS = {
    "target": Text("目标", "Target"),
    "version": Text("版本", "Version"),
    "active": Text("启用", "Active"),
    "registered": Text("登记时间", "Registered"),
    "rows": Text("训练行数", "Rows"),
    "auc": Text("AUC", "AUC"),
    "alift": Text("ALIFT", "ALIFT"),
    "features": Text("特征数", "Features"),
    "data": Text("数据哈希", "Data hash"),
}
SAY = {
    "title": Text("已登记的模型（* 为启用中）", "Registered models (* = active)"),
    "empty": Text("{folder} 中还没有登记的模型。", "No model is registered in {folder}."),
    "damaged": Text(
        "已跳过无法读取的版本 {path}：{why}", "Skipped an unreadable version {path}: {why}"
    ),
    "heading": Text(
        "{target} {version}{active}，登记于 {at}；模型 SHA-256 {model}，数据 SHA-256 {data}",
        "{target} {version}{active}, registered {at}; model SHA-256 {model}, data SHA-256 {data}",
    ),
    "is_active": Text("（启用中）", " (active)"),
    "before": Text("{target}：之前启用的是 {before}。", "{target}: {before} was active."),
    "before_none": Text("{target}：之前没有启用的模型。", "{target}: no model was active."),
    "before_unreadable": Text(
        "{target}：之前启用的版本已无法读取或不存在。",
        "{target}: the version active before is unreadable or gone.",
    ),
    "now": Text(
        "{target}：现在启用 {version}（模型 SHA-256 {model}）。",
        "{target}: {version} is active now (model SHA-256 {model}).",
    ),
    "no_store": Text(
        "没有找到数据库，这次启用未写入审计日志。",
        "No store found: this activation is not in the audit trail.",
    ),
    "scored": Text(
        "已用 {target} 模型 {version} 为 {parties:,} 位客户评分（截至 {as_of}），"
        "平均概率 {mean:.1%}，用时 {seconds:.1f} 秒。",
        "Scored {parties:,} parties for {target} with model {version} as of {as_of}: "
        "mean probability {mean:.1%}, {seconds:.1f} s.",
    ),
}  # fmt: skip


def register_commands(app: typer.Typer) -> None:
    """Add ``list``, ``report``, ``activate`` and ``score`` to the ``model`` group."""
    app.command("list")(list_models)
    app.command("report")(show_report)
    app.command("activate")(activate)
    app.command("score")(score)


def list_models(
    target: Annotated[str | None, typer.Option("--target", help="Only this target.")] = None,
    fmt: FormatOption = "table",
    models: ModelsOption = None,
    locale: LocaleOption = None,
) -> None:
    """The registered models, oldest first per target; * marks the one that scores."""
    config = _settings(fmt, models, locale)
    folder = config.models()
    found = registry.versions(folder, target)
    for damage in registry.damaged(folder, target):
        _warn(SAY["damaged"].in_(config.locale).format(path=damage.path, why=damage.why))
    if not found and fmt == "table":
        console().print(SAY["empty"].in_(config.locale).format(folder=folder), highlight=False)
        return
    columns = [(key, heading.in_(config.locale)) for key, heading in COLUMNS.items()]
    emit([_row(v) for v in found], fmt, columns=columns, title=SAY["title"].in_(config.locale),
         json_records=[_plain(v) for v in found])  # fmt: skip


def show_report(
    target: TargetArgument,
    version: Annotated[
        str | None, typer.Argument(help="v1, v2, ... (default: the active one, else the newest).")
    ] = None,
    fmt: FormatOption = "table",
    models: ModelsOption = None,
    locale: LocaleOption = None,
) -> None:
    """The report a model was registered with, as `model train` printed it."""
    config = _settings(fmt, models, locale)
    folder = config.models()
    if version is None:
        chosen = registry.active(folder, target) or registry.find(folder, target)
    else:
        chosen = registry.find(folder, target, version)
    saved = registry.report_of(chosen)
    if fmt == "json":
        payload = {"model": _plain(chosen), **reports.to_json(saved)}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    console().print(_heading(chosen, config.locale), highlight=False)
    reports.render(saved, config.locale, console())


def activate(
    target: TargetArgument,
    version: Annotated[str, typer.Argument(help="v1, v2, ...", show_default=False)],
    models: ModelsOption = None,
    db: DbOption = None,
    locale: LocaleOption = None,
) -> None:
    """Make a version the one that scores the target (to roll back, activate the previous
    one); refused when its model file changed since registration, or when it reads features
    the store does not supply."""
    config = _settings("table", models, locale, db=db)
    folder, say = config.models(), config.locale
    before = _previous(folder, target)
    store = _store_if_any(config, db)
    chosen = _activated(store, folder, target, version, before, bank_now(config))
    out = console()
    out.print(_said_before(chosen.target, before, say), highlight=False)
    model = chosen.model_sha256[:HASH_SHOWN]
    out.print(SAY["now"].in_(say).format(target=chosen.target, version=chosen.version,
                                         model=model), highlight=False)  # fmt: skip
    if store is None:
        _warn(SAY["no_store"].in_(say))


def _activated(
    store: Engine | None, folder: Path, target: str, version: str, before: str | None,
    now: dt.datetime,
) -> ModelVersion:  # fmt: skip
    """Activate, with the ``model.activate`` event in the store's trail when there is a
    store: the event is written first, so a refused activation rolls it back."""
    if store is None:
        return registry.activate(folder, target, version, now)
    with unit_of_work(store) as session:
        named = registry.find(folder, target, version)
        audit.record(
            session, None, "model.activate", "model", named.target, now,
            detail={"version": named.version, "model_sha256": named.model_sha256,
                    "previous": before},
        )  # fmt: skip
        return registry.activate(folder, target, version, now)


def score(
    target: Annotated[str, typer.Option("--target", help="The target to score.")] = "advance",
    as_of: AsOfOption = None,
    db: DbOption = None,
    models: ModelsOption = None,
    playbook: PlaybookOption = None,
    fmt: FormatOption = "table",
    locale: LocaleOption = None,
) -> None:
    """Score every party of the store with the target's active model, as of a date (default:
    today), replacing that date's scores of the target."""
    config = _settings(fmt, models, locale, db=db, playbook=playbook)
    folder, target = config.models(), parse_target(target)
    chosen = registry.active(folder, target)
    if chosen is None:
        raise NotFound(
            f"no model of {target} is active in {folder}",
            fix=f"activate one: `bankladder model activate {target} VERSION` "
            "(`bankladder model list` shows the versions)",
        )
    model = registry.load(chosen)
    day = parse_date(as_of) or today(config)
    store = open_store(config)
    with unit_of_work(store) as session:
        ladder = bank_ladder(session, config)
    run = scoring.score(
        store, model, chosen, day, ladder=ladder, engine=config.engine, threads=config.threads
    )
    _print_run(run, fmt, config.locale)


def _print_run(run: ScoreRun, fmt: str, locale: str) -> None:
    if fmt == "json":
        plain = {**dataclasses.asdict(run), "as_of": run.as_of.isoformat()}
        sys.stdout.write(json.dumps(plain, ensure_ascii=False, indent=2) + "\n")
        return
    console().print(
        SAY["scored"].in_(locale).format(
            target=run.target, version=run.model_version, parties=run.parties,
            as_of=run.as_of, mean=run.mean_probability, seconds=run.seconds,
        ),
        highlight=False,
    )  # fmt: skip


def _settings(
    fmt: str, models: Path | None, locale: str | None, *, db: Path | None = None,
    playbook: Path | None = None,
) -> Settings:  # fmt: skip
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown format {fmt!r}", where="--format", fix="use table or json")
    return store_settings(db, model_dir=models, locale=locale, playbook=playbook)


def _previous(folder: Path, target: str) -> str | None:
    """The version active before an activation (``None``: none was); one unreadable or gone
    does not stand in the way of activating another (that is how it is rolled back)."""
    try:
        before = registry.active(folder, target)
    except (NotFound, IntegrityBroken):
        return UNREADABLE
    return before.version if before is not None else None


def _said_before(target: str, before: str | None, locale: str) -> str:
    key = "before_none" if before is None else "before_unreadable" if before == UNREADABLE else ""
    return SAY[key or "before"].in_(locale).format(target=target, before=before)


def _store_if_any(config: Settings, db: Path | None) -> Engine | None:
    """The store to record the activation in: the one named, or the home folder's if it
    exists (a registry can be kept and activated before any store is set up)."""
    path = sqlite_path(config.store_url())
    if db is None and config.database_url is None and path is not None and not path.exists():
        return None
    return open_store(config)


def _row(version: ModelVersion) -> dict[str, Any]:
    return {
        "target": version.target,
        "version": version.version,
        "active": "*" if version.active else "",
        "registered": version.registered_at.isoformat(sep=" ", timespec="minutes"),
        "rows": f"{version.rows:,}",
        "auc": f"{version.auc:.3f}",
        "alift": f"{version.alift:.3f}",
        "features": len(version.features),
        "data": version.data_sha256[:HASH_SHOWN],
    }


def _plain(version: ModelVersion) -> dict[str, Any]:
    plain = dataclasses.asdict(version)
    return {
        **plain,
        "path": str(version.path),
        "registered_at": version.registered_at.isoformat(),
        "features": list(version.features),
    }


def _heading(version: ModelVersion, locale: str) -> str:
    return SAY["heading"].in_(locale).format(
        target=version.target, version=version.version,
        active=SAY["is_active"].in_(locale) if version.active else "",
        at=version.registered_at.isoformat(sep=" ", timespec="minutes"),
        model=version.model_sha256[:HASH_SHOWN], data=version.data_sha256[:HASH_SHOWN],
    )  # fmt: skip


def _warn(text: str) -> None:
    err_console().print(text, highlight=False, markup=False)
