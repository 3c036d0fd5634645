"""The training report: what the data held, how the model was tested, how well it did.

Ranking figures (AUC, ALIFT, gains) use the model's raw scores on held-out rows; calibration
figures (the table, Brier) use the calibrated probabilities on the same rows. The report is a
dataclass; ``to_json`` gives plain values, ``render`` prints tables in zh-CN or en.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bankladder.ladder.model import Text
from bankladder.propensity import metrics
from bankladder.propensity.leakage import Verdict
from bankladder.propensity.metrics import CalibrationBin, GainsPoint
from bankladder.propensity.outcomes import Outcomes
from bankladder.propensity.training import Evaluation, TrainedModel

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


def save(model: TrainedModel, report: Report, directory: Path) -> None:
    """Write ``model.txt`` (LightGBM's text format) and ``model.json`` (the metadata and the
    report); each file is written whole to a temporary name first, then renamed."""
    directory.mkdir(parents=True, exist_ok=True)
    metadata = {
        "features": [dataclasses.asdict(f) for f in model.features],
        "calibration": dataclasses.asdict(model.calibration),
        "parameters": model.parameters, "rounds": model.rounds,
        "data_sha256": model.data_sha256, "rows": model.rows,
        "label": model.label_column, "positive": model.positive,
        "importance": [{"feature": n, "gain": g} for n, g in model.importance],
        "report": to_json(report),
    }  # fmt: skip
    _write_whole(directory / "model.txt", model.booster)
    _write_whole(directory / "model.json", json.dumps(metadata, ensure_ascii=False, indent=2))


def _write_whole(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, path)
