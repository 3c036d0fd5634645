"""The model registry on a real folder, with real LightGBM models trained on generated data.

Two models: one on features the store supplies (``contacts_total``, ``total_balance``,
``segment``), where P(advance) = sigmoid(-1.5 + 0.8 z(contacts) + 0.6 [segment == sme]), and
one on a campaign file's columns (``age``, ``job``), which the store cannot supply.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from pathlib import Path

import lightgbm as lgb
import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest

from bankladder.errors import IntegrityBroken, InvalidInput, NotFound
from bankladder.propensity import registry
from bankladder.propensity import report as reports
from bankladder.propensity.outcomes import Outcomes
from bankladder.propensity.report import Report
from bankladder.propensity.training import TrainedModel, guarded_training

pytestmark = pytest.mark.integration

NOW = dt.datetime(2026, 11, 30, 9, 30)
Trained = tuple[TrainedModel, Report, pd.DataFrame]


def store_like(rows: int = 2_000, seed: int = 3) -> Outcomes:
    rng = np.random.default_rng(seed)
    contacts = rng.poisson(4, rows).astype(float)
    segment = rng.choice(["retail", "sme", "private"], rows)
    balance = rng.lognormal(10, 1, rows)
    balance[rng.random(rows) < 0.1] = np.nan  # missing, as the store's facts can be
    logit = -1.5 + 0.8 * (contacts - 4) / 2 + 0.6 * (segment == "sme")
    label = (rng.random(rows) < 1 / (1 + np.exp(-logit))).astype(np.int8)
    features = pd.DataFrame(
        {
            "contacts_total": contacts,
            "total_balance": balance,
            "segment": pd.Categorical(segment, categories=["private", "retail", "sme"]),
        }
    )
    digest = hashlib.sha256(features.to_csv().encode()).hexdigest()
    return Outcomes("store: advance", digest, features, label, None, "advanced", "1", ())


def file_like(rows: int = 1_500, seed: int = 5) -> Outcomes:
    rng = np.random.default_rng(seed)
    age = rng.integers(20, 70, rows).astype(float)
    job = rng.choice(["admin", "retired", "unknown"], rows)
    logit = -1.0 + 0.05 * (age - 45) + 0.7 * (job == "retired")
    label = (rng.random(rows) < 1 / (1 + np.exp(-logit))).astype(np.int8)
    features = pd.DataFrame(
        {"age": age, "job": pd.Categorical(job, categories=["admin", "retired", "unknown"])}
    )
    return Outcomes("contacts.csv", "f" * 64, features, label, None, "y", "yes", ())


def trained(outcomes: Outcomes) -> Trained:
    model, evaluation, verdict = guarded_training(outcomes)
    return model, reports.build(outcomes, evaluation, model, verdict), outcomes.features


@pytest.fixture(scope="module")
def advance() -> Trained:
    return trained(store_like())


@pytest.fixture(scope="module")
def campaign() -> Trained:
    return trained(file_like())


def test_two_registrations_are_v1_and_v2_with_their_hashes(
    tmp_path: Path, advance: Trained
) -> None:
    model, report, _ = advance
    first = registry.register(tmp_path, "advance", model, report, NOW)
    second = registry.register(tmp_path, "advance", model, report, NOW + dt.timedelta(hours=1))
    assert (first.version, second.version) == ("v1", "v2")
    assert first.path == tmp_path / "advance" / "v1"
    text = (second.path / "model.txt").read_bytes()
    assert second.model_sha256 == hashlib.sha256(text).hexdigest()
    assert second.data_sha256 == model.data_sha256
    assert second.features == ("contacts_total", "total_balance", "segment")
    assert second.rows == 2_000
    assert second.positive_rate == pytest.approx(report.data.positive_rate)
    assert (second.auc, second.alift) == (report.auc, report.alift)
    assert second.registered_at == NOW + dt.timedelta(hours=1)
    assert not second.active
    saved = json.loads((second.path / "model.json").read_text(encoding="utf-8"))
    assert (saved["target"], saved["version"]) == ("advance", "v2")
    assert saved["features"][2] == {
        "name": "segment",
        "kind": "categorical",
        "categories": ["private", "retail", "sme"],
    }
    assert saved["parameters"]["objective"] == "binary"
    assert saved["metrics"]["brier"] == report.brier
    assert saved["report"] == json.loads(json.dumps(reports.to_json(report)))
    assert sorted(p.name for p in (tmp_path / "advance").iterdir()) == ["v1", "v2"]


def test_list_is_by_target_then_version_number(tmp_path: Path, advance: Trained) -> None:
    model, report, _ = advance
    for _ in range(10):
        registry.register(tmp_path, "advance", model, report, NOW)
    registry.register(tmp_path, "product:wealth", model, report, NOW)
    listed = [(v.target, v.version) for v in registry.versions(tmp_path)]
    assert listed == [("advance", f"v{n}") for n in range(1, 11)] + [("product:wealth", "v1")]
    assert [v.version for v in registry.versions(tmp_path, "product:wealth")] == ["v1"]
    assert registry.find(tmp_path, "advance").version == "v10"
    assert (tmp_path / "product-wealth" / "v1").is_dir()


def test_activate_then_switch_back(tmp_path: Path, advance: Trained) -> None:
    model, report, _ = advance
    registry.register(tmp_path, "advance", model, report, NOW)
    registry.register(tmp_path, "advance", model, report, NOW)
    assert registry.active(tmp_path, "advance") is None
    assert registry.activate(tmp_path, "advance", "v2", NOW).active
    assert registry.active(tmp_path, "advance") == registry.find(tmp_path, "advance", "v2")
    registry.activate(tmp_path, "advance", "v1", NOW + dt.timedelta(days=1))  # a roll-back
    now_active = registry.active(tmp_path, "advance")
    assert now_active is not None
    assert now_active.version == "v1"
    assert [v.active for v in registry.versions(tmp_path)] == [True, False]
    kept = json.loads((tmp_path / "active.json").read_text())
    assert kept == {
        "advance": {
            "version": "v1",
            "activated_at": "2026-12-01T09:30:00",
            "model_sha256": now_active.model_sha256,
        }
    }


def test_unknown_version_is_refused_naming_the_versions_there_are(
    tmp_path: Path, advance: Trained
) -> None:
    model, report, _ = advance
    registry.register(tmp_path, "advance", model, report, NOW)
    with pytest.raises(NotFound, match=r"no version 'v7' \(registered: v1\)"):
        registry.activate(tmp_path, "advance", "v7", NOW)
    with pytest.raises(NotFound, match="no model of product:cards"):
        registry.find(tmp_path, "product:cards")
    with pytest.raises(InvalidInput, match="not a model target"):
        registry.find(tmp_path, "../advance")


def test_a_changed_model_file_is_refused_on_activate_and_on_load(
    tmp_path: Path, advance: Trained
) -> None:
    model, report, _ = advance
    version = registry.register(tmp_path, "advance", model, report, NOW)
    registry.activate(tmp_path, "advance", "v1", NOW)
    path = version.path / "model.txt"
    path.write_text(path.read_text().replace("learning_rate: 0.05", "learning_rate: 0.5"))
    with pytest.raises(IntegrityBroken, match="SHA-256 differs"):
        registry.activate(tmp_path, "advance", "v1", NOW)
    with pytest.raises(IntegrityBroken, match="SHA-256 differs"):
        registry.load(version)
    path.unlink()
    with pytest.raises(IntegrityBroken, match="cannot be read"):
        registry.load(version)


def test_a_campaign_model_is_reported_but_not_activated(tmp_path: Path, campaign: Trained) -> None:
    model, report, _ = campaign
    version = registry.register(tmp_path, "outcome:y", model, report, NOW)
    with pytest.raises(InvalidInput, match="store does not supply: age, job"):
        registry.activate(tmp_path, "outcome:y", "v1", NOW)
    assert registry.active(tmp_path, "outcome:y") is None
    assert registry.report_of(version) == report


def test_loaded_model_predicts_as_the_trained_one(tmp_path: Path, advance: Trained) -> None:
    model, report, features = advance
    version = registry.register(tmp_path, "advance", model, report, NOW)
    loaded = registry.load(version)
    assert loaded == model

    def probabilities(m: TrainedModel) -> np.ndarray:
        raw = np.asarray(lgb.Booster(model_str=m.booster).predict(features), float)
        return m.calibration.apply(raw)

    assert np.array_equal(probabilities(loaded), probabilities(model))
    assert probabilities(loaded).std() > 0.05  # the model learnt something to reproduce


def test_a_damaged_version_is_named_not_listed(tmp_path: Path, advance: Trained) -> None:
    model, report, _ = advance
    registry.register(tmp_path, "advance", model, report, NOW)
    broken = registry.register(tmp_path, "advance", model, report, NOW)
    (broken.path / "model.json").write_text('{"target": "adv', encoding="utf-8")
    assert [v.version for v in registry.versions(tmp_path)] == ["v1"]
    [damage] = registry.damaged(tmp_path)
    assert damage.path == broken.path
    assert "is not JSON" in damage.why
    with pytest.raises(IntegrityBroken, match=r"advance/v2/model\.json is not JSON"):
        registry.find(tmp_path, "advance", "v2")
    assert registry.find(tmp_path, "advance").version == "v1"  # the newest readable


def test_a_half_written_version_is_never_listed(tmp_path: Path, advance: Trained) -> None:
    model, report, _ = advance
    (tmp_path / "advance" / ".v1.partial").mkdir(parents=True)  # an interrupted registration
    assert registry.versions(tmp_path) == []
    assert registry.register(tmp_path, "advance", model, report, NOW).version == "v2"


def test_concurrent_registrations_get_distinct_versions(tmp_path: Path, advance: Trained) -> None:
    model, report, _ = advance
    got: list[str] = []
    barrier = threading.Barrier(6)

    def one() -> None:
        barrier.wait()
        got.append(registry.register(tmp_path, "advance", model, report, NOW).version)

    threads = [threading.Thread(target=one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(got, key=lambda v: int(v[1:])) == [f"v{n}" for n in range(1, 7)]
    assert len(registry.versions(tmp_path)) == 6
    assert not [p for p in (tmp_path / "advance").iterdir() if p.name.startswith(".")]


def test_active_version_edited_after_activation_is_refused(
    tmp_path: Path, advance: Trained
) -> None:
    model, report, _ = advance
    version = registry.register(tmp_path, "advance", model, report, NOW)
    registry.activate(tmp_path, "advance", "v1", NOW)
    saved = json.loads((version.path / "model.json").read_text())
    (version.path / "model.json").write_text(json.dumps({**saved, "model_sha256": "0" * 64}))
    with pytest.raises(IntegrityBroken, match="another model than the one activated"):
        registry.active(tmp_path, "advance")


def test_activations_of_two_targets_at_once_both_land(tmp_path: Path, advance: Trained) -> None:
    model, report, _ = advance
    targets = [f"product:family{n}" for n in range(8)]
    for target in targets:
        registry.register(tmp_path, target, model, report, NOW)
    barrier = threading.Barrier(len(targets))

    def one(target: str) -> None:
        barrier.wait()
        registry.activate(tmp_path, target, "v1", NOW)

    threads = [threading.Thread(target=one, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(json.loads((tmp_path / "active.json").read_text())) == targets
