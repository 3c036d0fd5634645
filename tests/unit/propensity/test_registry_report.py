"""A saved report reads back as the report that was printed: ``from_json`` inverts ``to_json``
(through JSON text, as ``model.json`` keeps it), so ``model report`` prints what ``model train``
printed, in both languages."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from rich.console import Console

from bankladder.ladder.model import Text
from bankladder.propensity import report as reports
from bankladder.propensity.leakage import Check, Suspect, Verdict
from bankladder.propensity.metrics import CalibrationBin, GainsPoint
from bankladder.propensity.report import DataSummary, Report
from bankladder.propensity.training import Calibration, Feature, TrainedModel

REPORT = Report(
    data=DataSummary(
        "contacts.csv",
        "ab" * 32,
        1_500,
        300,
        0.2,
        "y",
        "yes",
        (("age", "numeric"), ("job", "categorical")),
        ("duration",),
        ("client_id",),
    ),
    validation="time",
    tested_rows=300,
    auc=0.7312345678901234,
    alift=0.6654321,
    brier=0.1423,
    gains=tuple(GainsPoint(k / 10, min(1.0, k / 6), min(1.0, k / 6) / (k / 10)) for k in (1, 2)),
    calibration=(
        CalibrationBin(150, 0.01, 0.2, 0.1, 0.09),
        CalibrationBin(150, 0.2, 0.9, 0.3, 0.31),
    ),
    calibration_method="platt",
    backtest_auc=(0.71, 0.74),
    rounds=87,
    importance=(("age", 1234.5), ("job", 321.0)),
    leakage=Verdict(
        (
            Suspect("duration", Check.separates, 0.97, Text("几乎完全区分结果", "separates it")),
            Suspect("job_result", Check.name, 0.5, Text("名称像通话结果", "named so"), False),
            Suspect(None, Check.too_good, 0.98, Text("好得不真实", "too good")),
        ),
        strict_refusal=True,
    ),
)


def printed(report: Report, locale: str) -> str:
    out = io.StringIO()
    reports.render(report, locale, Console(file=out, width=120, color_system=None))
    return out.getvalue()


def test_from_json_inverts_to_json_through_text() -> None:
    kept = json.loads(json.dumps(reports.to_json(REPORT), ensure_ascii=False))
    assert reports.from_json(kept) == REPORT


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_saved_report_prints_as_the_original(locale: str) -> None:
    kept = json.loads(json.dumps(reports.to_json(REPORT)))
    text = printed(reports.from_json(kept), locale)
    assert text == printed(REPORT, locale)
    assert ("校准表" if locale == "zh-CN" else "Calibration table") in text
    assert "duration" in text


def test_a_payload_that_is_no_report_raises_key_error() -> None:
    kept = reports.to_json(REPORT)
    del kept["gains"]
    with pytest.raises(KeyError, match="gains"):
        reports.from_json(kept)


def test_model_from_json_inverts_save_metadata() -> None:
    model = TrainedModel(
        booster="tree\nversion=v4\n",
        features=(Feature("age", "numeric"), Feature("job", "categorical", ("admin", "retired"))),
        calibration=Calibration("isotonic", (0.1, 0.5, 0.9), (0.05, 0.4, 0.8)),
        parameters={"objective": "binary", "learning_rate": 0.05},
        rounds=87,
        importance=(("age", 1234.5), ("job", 321.0)),
        data_sha256="ab" * 32,
        rows=1_500,
        label_column="y",
        positive="yes",
    )
    metadata = {
        "features": [
            {"name": "age", "kind": "numeric", "categories": []},
            {"name": "job", "kind": "categorical", "categories": ["admin", "retired"]},
        ],
        "calibration": {"method": "isotonic", "x": [0.1, 0.5, 0.9], "y": [0.05, 0.4, 0.8]},
        "parameters": {"objective": "binary", "learning_rate": 0.05},
        "rounds": 87,
        "importance": [{"feature": "age", "gain": 1234.5}, {"feature": "job", "gain": 321.0}],
        "data_sha256": "ab" * 32,
        "rows": 1_500,
        "label": "y",
        "positive": "yes",
    }
    assert reports.model_from_json(model.booster, metadata) == model
    assert reports.model_sha256("树\n") == hashlib.sha256("树\n".encode()).hexdigest()
