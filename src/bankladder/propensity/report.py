"""The training report: what the data held, how the model was tested, how well it did.

Ranking figures (AUC, ALIFT, gains) use the model's raw scores on held-out rows; calibration
figures (the table, Brier) use the calibrated probabilities on the same rows. The report is a
dataclass; ``to_json`` gives plain values, ``render`` prints tables in zh-CN or en.

``save`` keeps a model as two files, ``model.txt`` (LightGBM's text) and ``model.json`` (the
metadata and the report as ``to_json`` gives it); ``from_json`` and ``model_from_json`` read
them back, so the registry shows a saved report exactly as training printed it and scores
with exactly the model that was tested.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bankladder.ladder.model import Text
from bankladder.propensity import metrics
from bankladder.propensity.leakage import Check, Suspect, Verdict
from bankladder.propensity.metrics import CalibrationBin, GainsPoint
from bankladder.propensity.outcomes import Outcomes
from bankladder.propensity.training import Calibration, Evaluation, Feature, TrainedModel

TOP_FEATURES = 10

SCHEMES = {
    "time": Text(
        "按时间：较早的 80% 训练，最新的 20% 检验", "by time: trained on the oldest 80%, tested "
        "on the newest 20%",
    ),
    "kfold": Text("分层 5 折交叉验证（每行由未见过它的模型预测）",
                  "stratified 5-fold cross-validation (each row predicted by a model that did "
                  "not see it)"),
}  # fmt: skip

HEAD = {
    "data": Text("数据", "Data"),
    "rows": Text("行数", "Rows"),
    "positives": Text("正例", "Positives"),
    "rate": Text("正例率", "Positive rate"),
    "features": Text("使用的特征", "Features used"),
    "excluded": Text("排除的列", "Columns excluded"),
    "too_varied": Text("取值过多而未用的列", "Left out: too many distinct values"),
    "validation": Text("验证方式", "Validation"),
    "tested": Text("检验行数", "Rows tested"),
    "auc": Text("AUC", "AUC"),
    "alift": Text("ALIFT（随机 = 0.5）", "ALIFT (random = 0.5)"),
    "brier": Text("Brier 分数", "Brier score"),
    "backtest": Text("滚动回测 AUC", "Expanding-window back-test AUC"),
    "calibrated_by": Text("概率校准", "Calibration"),
    "rounds": Text("提升轮数", "Boosting rounds"),
    "metrics": Text("模型表现（留出数据）", "How the model did (held-out rows)"),
    "gains": Text("累计增益（按得分从高到低接触）", "Cumulative gains (contacting best first)"),
    "contacted": Text("接触比例", "Contacted"),
    "found": Text("找到的正例", "Positives found"),
    "lift": Text("提升度", "Lift"),
    "calibration": Text("校准表", "Calibration table"),
    "count": Text("行数", "Rows"),
    "predicted": Text("平均预测", "Mean predicted"),
    "observed": Text("实际比例", "Observed rate"),
    "importance": Text("最重要的特征（增益）", "Top features (gain)"),
    "feature": Text("特征", "Feature"),
    "gain": Text("增益", "Gain"),
    "leakage": Text("泄露嫌疑", "Leakage suspects"),
    "column": Text("列", "Column"),
    "check": Text("检查", "Check"),
    "reason": Text("原因", "Why"),
    "none": Text("无", "none"),
    "model": Text("（整个模型）", "(the whole model)"),
}


@dataclass(frozen=True)
class DataSummary:
    """What the file held and which columns the model used."""

    file: str
    sha256: str
    rows: int
    positives: int
    positive_rate: float
    label: str
    positive: str
    features: tuple[tuple[str, str], ...]
    excluded: tuple[str, ...]
    too_varied: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """Everything the user reads after a training run."""

    data: DataSummary
    validation: str
    tested_rows: int
    auc: float
    alift: float
    brier: float
    gains: tuple[GainsPoint, ...]
    calibration: tuple[CalibrationBin, ...]
    calibration_method: str
    backtest_auc: tuple[float, ...]
    rounds: int
    importance: tuple[tuple[str, float], ...]
    leakage: Verdict


def build(
    outcomes: Outcomes, evaluation: Evaluation, model: TrainedModel, verdict: Verdict
) -> Report:
    """The report of a run from its held-out predictions, its model and the guard's verdict."""
    y, raw, probability = evaluation.label, evaluation.raw, evaluation.probability
    positives = int(outcomes.label.sum())
    data = DataSummary(
        outcomes.source, outcomes.sha256, len(outcomes.label), positives,
        positives / len(outcomes.label), outcomes.label_column, outcomes.positive,
        tuple((f.name, f.kind) for f in model.features), outcomes.excluded, outcomes.too_varied,
    )  # fmt: skip
    return Report(
        data=data,
        validation=evaluation.scheme.kind,
        tested_rows=len(y),
        auc=metrics.auc(y, raw),
        alift=metrics.alift(y, raw),
        brier=metrics.brier(y, probability),
        gains=tuple(metrics.gains(y, raw)),
        calibration=tuple(metrics.calibration(y, probability)),
        calibration_method=model.calibration.method,
        backtest_auc=evaluation.backtest_auc,
        rounds=model.rounds,
        importance=model.importance[:TOP_FEATURES],
        leakage=verdict,
    )


def to_json(report: Report) -> dict[str, Any]:
    """Plain values: numbers, strings, lists and objects."""
    plain = dataclasses.asdict(report)
    plain["leakage"] = report.leakage.to_json()
    plain["data"]["features"] = [{"name": n, "kind": k} for n, k in report.data.features]
    plain["importance"] = [{"feature": n, "gain": g} for n, g in report.importance]
    return plain


def from_json(payload: Mapping[str, Any]) -> Report:
    """The report ``to_json`` gave (read back from ``model.json``); ``KeyError``, ``TypeError``
    or ``ValueError`` when the payload is not one."""
    d, verdict = payload["data"], payload["leakage"]
    data = DataSummary(
        str(d["file"]), str(d["sha256"]), int(d["rows"]), int(d["positives"]),
        float(d["positive_rate"]), str(d["label"]), str(d["positive"]),
        tuple((str(f["name"]), str(f["kind"])) for f in d["features"]),
        tuple(str(c) for c in d["excluded"]), tuple(str(c) for c in d["too_varied"]),
    )  # fmt: skip
    suspects = tuple(
        Suspect(s["column"], Check(s["check"]), float(s["score"]),
                Text(str(s["reason"]["zh"]), str(s["reason"]["en"])), bool(s["blocking"]))
        for s in verdict["suspects"]
    )  # fmt: skip
    return Report(
        data=data,
        validation=str(payload["validation"]),
        tested_rows=int(payload["tested_rows"]),
        auc=float(payload["auc"]),
        alift=float(payload["alift"]),
        brier=float(payload["brier"]),
        gains=tuple(GainsPoint(**g) for g in payload["gains"]),
        calibration=tuple(CalibrationBin(**b) for b in payload["calibration"]),
        calibration_method=str(payload["calibration_method"]),
        backtest_auc=tuple(float(a) for a in payload["backtest_auc"]),
        rounds=int(payload["rounds"]),
        importance=tuple((str(i["feature"]), float(i["gain"])) for i in payload["importance"]),
        leakage=Verdict(suspects, bool(verdict["strict_refusal"])),
    )


def render(report: Report, locale: str, console: Console) -> None:
    """The report as tables, headings in the user's language."""

    def h(key: str) -> str:
        return HEAD[key].in_(locale)

    d = report.data
    summary = Table(title=h("data"), title_justify="left", show_header=False)
    for key, value in (
        ("rows", f"{d.rows:,}"), ("positives", f"{d.positives:,} ({d.label} = {d.positive})"),
        ("rate", f"{d.positive_rate:.2%}"),
        ("features", ", ".join(n for n, _ in d.features)),
        ("excluded", ", ".join(d.excluded) or h("none")),
        ("too_varied", ", ".join(d.too_varied) or h("none")),
        ("validation", SCHEMES[report.validation].in_(locale)),
        ("tested", f"{report.tested_rows:,}"), ("auc", f"{report.auc:.3f}"),
        ("alift", f"{report.alift:.3f}"), ("brier", f"{report.brier:.4f}"),
        ("backtest", ", ".join(f"{a:.3f}" for a in report.backtest_auc) or h("none")),
        ("calibrated_by", report.calibration_method), ("rounds", str(report.rounds)),
    ):  # fmt: skip
        summary.add_row(h(key), value)
    console.print(summary)
    console.print(_table(h("gains"), [h("contacted"), h("found"), h("lift")], [
        [f"{g.contacted:.0%}", f"{g.found:.1%}", f"{g.lift:.2f}"] for g in report.gains
    ]))  # fmt: skip
    console.print(_table(h("calibration"), [h("count"), h("predicted"), h("observed")], [
        [f"{b.count:,}", f"{b.mean_predicted:.3f}", f"{b.observed_rate:.3f}"]
        for b in report.calibration
    ]))  # fmt: skip
    console.print(_table(h("importance"), [h("feature"), h("gain")], [
        [name, f"{gain:,.1f}"] for name, gain in report.importance
    ]))  # fmt: skip
    if not report.leakage.suspects:
        console.print(f"{h('leakage')}: {h('none')}")
        return
    console.print(_table(h("leakage"), [h("column"), h("check"), h("reason")], [
        [s.column or h("model"), s.check.value, s.reason.in_(locale)]
        for s in report.leakage.suspects
    ]))  # fmt: skip


def _table(title: str, headings: list[str], rows: list[list[str]]) -> Table:
    table = Table(title=title, title_justify="left")
    for heading in headings:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def save(
    model: TrainedModel,
    report: Report,
    directory: Path,
    *,
    extra: Mapping[str, Any] | None = None,
) -> None:
    """Write ``model.txt`` (LightGBM's text format) and ``model.json`` (the metadata and the
    report); each file is written whole to a temporary name first, then renamed. ``extra``
    (the registry's target, version and time) leads the metadata; it never replaces a key
    written here. ``model_sha256`` is the hash of ``model.txt``'s bytes, checked before use."""
    directory.mkdir(parents=True, exist_ok=True)
    metadata = {
        "data_sha256": model.data_sha256, "model_sha256": model_sha256(model.booster),
        "features": [dataclasses.asdict(f) for f in model.features],
        "calibration": dataclasses.asdict(model.calibration),
        "parameters": model.parameters, "rounds": model.rounds, "rows": model.rows,
        "positive_rate": report.data.positive_rate,
        "label": model.label_column, "positive": model.positive,
        "metrics": {"auc": report.auc, "alift": report.alift, "brier": report.brier,
                    "backtest_auc": list(report.backtest_auc)},
        "importance": [{"feature": n, "gain": g} for n, g in model.importance],
        "report": to_json(report),
    }  # fmt: skip
    write_whole(directory / "model.txt", model.booster)
    text = json.dumps({**(extra or {}), **metadata}, ensure_ascii=False, indent=2)
    write_whole(directory / "model.json", text)


def model_sha256(booster: str) -> str:
    """The hash of ``model.txt`` as ``save`` writes it (UTF-8, newlines kept as they are)."""
    return hashlib.sha256(booster.encode("utf-8")).hexdigest()


def model_from_json(booster: str, metadata: Mapping[str, Any]) -> TrainedModel:
    """The model ``save`` wrote, from ``model.txt``'s text and ``model.json``'s metadata;
    ``KeyError``, ``TypeError`` or ``ValueError`` when the metadata is not ``save``'s."""
    calibration = metadata["calibration"]
    return TrainedModel(
        booster=booster,
        features=tuple(
            Feature(str(f["name"]), f["kind"], tuple(str(c) for c in f["categories"]))
            for f in metadata["features"]
        ),
        calibration=Calibration(
            calibration["method"],
            tuple(float(x) for x in calibration["x"]),
            tuple(float(y) for y in calibration["y"]),
        ),
        parameters=dict(metadata["parameters"]),
        rounds=int(metadata["rounds"]),
        importance=tuple((str(i["feature"]), float(i["gain"])) for i in metadata["importance"]),
        data_sha256=str(metadata["data_sha256"]),
        rows=int(metadata["rows"]),
        label_column=str(metadata["label"]),
        positive=str(metadata["positive"]),
    )


def write_whole(path: Path, text: str) -> None:
    """``text`` lands at ``path`` whole or not at all: written to a temporary name beside it,
    then renamed over it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
