"""``bankladder model list|report|activate`` end to end on a real registry folder (models
trained with LightGBM on generated data) and a real store for the audit trail: tables in
Chinese and English, JSON, and every refusal in words."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from bankladder.cli.options import PIPED_WIDTH
from bankladder.propensity import registry
from bankladder.propensity import report as reports
from bankladder.store.models import AuditEvent, PropensityScore
from tests.e2e.conftest import Outcome
from tests.integration.propensity.test_registry import Trained, file_like, store_like, trained
from tests.support import StoreBuilder, at

pytestmark = pytest.mark.e2e

Cli = Callable[..., Outcome]
AT = dt.datetime(2026, 11, 2, 10, 15)


def said(outcome: Outcome) -> str:
    return " ".join(outcome.err.split())


def audit_events(db: Path) -> list[AuditEvent]:
    engine = create_engine(f"sqlite:///{db}")
    with Session(engine) as session:
        events = list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    engine.dispose()
    return events


@pytest.fixture(scope="module")
def advance() -> Trained:
    return trained(store_like(1_200, seed=8))


@pytest.fixture(scope="module")
def campaign() -> Trained:
    return trained(file_like(1_000, seed=9))


@pytest.fixture
def models(tmp_path: Path, advance: Trained, campaign: Trained) -> Path:
    """advance v1 and v2 (the same model, registered an hour apart), outcome:y v1."""
    folder = tmp_path / "models"
    for hour in (0, 1):
        registry.register(folder, "advance", *advance[:2], AT + dt.timedelta(hours=hour))
    registry.register(folder, "outcome:y", *campaign[:2], AT)
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "bank.db"
    StoreBuilder().build(path).dispose()
    return path


def test_list_in_english_marks_the_active_version(cli: Cli, models: Path) -> None:
    assert cli(f"model activate advance v1 --models {models}").code == 0
    done = cli(f"model list --models {models} --locale en")
    assert done.code == 0, done.err
    assert "Registered models (* = active)" in done.out
    lines = [line for line in done.out.splitlines() if "advance" in line or "outcome:y" in line]
    assert [("v1" in line, "*" in line) for line in lines] == [
        (True, True),
        (False, False),
        (True, False),
    ]
    assert "2026-11-02 11:15" in lines[1]
    assert "1,200" in lines[0]


def test_list_in_chinese_and_as_json(cli: Cli, models: Path, advance: Trained) -> None:
    assert "已登记的模型" in cli(f"model list --models {models} --locale zh-CN").out
    done = cli(f"model list --models {models} --target advance --format json")
    listed = json.loads(done.out)
    assert [(m["target"], m["version"], m["active"]) for m in listed] == [
        ("advance", "v1", False),
        ("advance", "v2", False),
    ]
    model, report, _ = advance
    assert listed[1]["data_sha256"] == model.data_sha256
    assert listed[1]["auc"] == report.auc
    assert listed[1]["features"] == ["contacts_total", "total_balance", "segment"]
    assert listed[1]["registered_at"] == "2026-11-02T11:15:00"


def test_an_empty_registry_says_so(cli: Cli, tmp_path: Path) -> None:
    done = cli(f"model list --models {tmp_path / 'none'} --locale en")
    assert done.code == 0
    assert "No model is registered" in done.out
    assert json.loads(cli(f"model list --models {tmp_path} --format json").out) == []


def test_report_prints_the_saved_report_as_training_did(
    cli: Cli, models: Path, advance: Trained
) -> None:
    _, report, _ = advance
    for locale in ("en", "zh-CN"):
        original = io.StringIO()
        reports.render(report, locale, Console(file=original, width=PIPED_WIDTH, soft_wrap=False))
        done = cli(f"model report advance --models {models} --locale {locale}")
        assert done.code == 0, done.err
        heading, _, body = done.out.partition("\n")
        assert heading.startswith("advance v2")  # nothing active: the newest
        assert body == original.getvalue()
    cli(f"model activate advance v1 --models {models}")
    assert "advance v1 (active)" in cli(f"model report advance --models {models} --locale en").out


def test_report_as_json_is_the_training_report_and_the_version(
    cli: Cli, models: Path, campaign: Trained
) -> None:
    done = cli(f"model report outcome:y v1 --models {models} --format json")
    assert done.code == 0, done.err
    payload = json.loads(done.out)
    assert payload.pop("model")["version"] == "v1"
    assert payload == json.loads(json.dumps(reports.to_json(campaign[1])))


def test_activate_and_roll_back_are_in_the_audit_trail(cli: Cli, models: Path, db: Path) -> None:
    first = cli(f"model activate advance v2 --models {models} --db {db} --locale en")
    assert first.code == 0, first.err
    assert "advance: no model was active." in first.out
    assert "advance: v2 is active now" in first.out
    back = cli(f"model activate advance v1 --models {models} --db {db} --locale zh-CN")
    assert "advance：之前启用的是 v2。" in back.out
    assert "advance：现在启用 v1" in back.out
    events = audit_events(db)
    active = registry.active(models, "advance")
    assert active is not None
    assert [(e.event, e.object_id, e.detail["version"]) for e in events] == [
        ("model.activate", "advance", "v2"),
        ("model.activate", "advance", "v1"),
    ]
    assert events[1].detail == {
        "version": "v1",
        "model_sha256": active.model_sha256,
        "previous": "v2",
    }
    assert cli(f"audit verify --db {db}").code == 0


def test_activate_without_a_store_says_it_is_not_audited(cli: Cli, models: Path) -> None:
    done = cli(f"model activate advance v1 --models {models} --locale en")
    assert done.code == 0
    assert "not in the audit trail" in said(done)


def test_a_changed_model_file_is_refused(cli: Cli, models: Path) -> None:
    path = models / "advance" / "v2" / "model.txt"
    path.write_text(path.read_text() + "\n", encoding="utf-8")
    done = cli(f"model activate advance v2 --models {models}")
    assert done.code == 6
    assert "SHA-256 differs" in said(done)
    assert registry.active(models, "advance") is None


def test_a_campaign_model_is_reported_but_not_activated(cli: Cli, models: Path, db: Path) -> None:
    done = cli(f"model activate outcome:y v1 --models {models} --db {db}")
    assert done.code == 2
    assert "reads features the store does not supply: age, job" in said(done)
    assert audit_events(db) == []  # a refusal leaves nothing in the trail
    assert cli(f"model report outcome:y --models {models} --locale en").code == 0


def test_unknown_version_and_target_are_refused_in_words(cli: Cli, models: Path) -> None:
    done = cli(f"model activate advance v9 --models {models}")
    assert done.code == 3
    assert "advance has no version 'v9' (registered: v1, v2)" in said(done)
    assert "no model of product:cards" in said(cli(f"model report product:cards --models {models}"))
    assert cli(f"model list --models {models} --target cards").code == 2
    assert cli(f"model list --models {models} --format csv").code == 2


def test_a_damaged_version_is_named_and_left_out(cli: Cli, models: Path) -> None:
    (models / "advance" / "v1" / "model.json").write_text("{", encoding="utf-8")
    done = cli(f"model list --models {models} --format json")
    assert done.code == 0
    assert [m["version"] for m in json.loads(done.out)] == ["v2", "v1"]
    assert "advance/v1" in said(done)
    assert "is not JSON" in said(done)
    broken = cli(f"model report advance v1 --models {models}")
    assert broken.code == 6
    assert "model.json is not JSON" in said(broken)


def test_a_gone_active_version_can_be_rolled_back(cli: Cli, models: Path) -> None:
    cli(f"model activate advance v2 --models {models}")
    shutil.rmtree(models / "advance" / "v2")
    assert "the active model of advance, v2, is no longer in" in said(
        cli(f"model report advance --models {models}")
    )
    done = cli(f"model activate advance v1 --models {models} --locale en")
    assert done.code == 0, done.err
    assert "the version active before is unreadable or gone" in done.out
    active = registry.active(models, "advance")
    assert active is not None
    assert active.version == "v1"


@pytest.fixture
def parties(tmp_path: Path) -> Path:
    """Three parties: P1 contacted six times, P2 once, P3 never."""
    b = StoreBuilder()
    for party in ("P1", "P2", "P3"):
        b.party(party, segment="sme" if party == "P1" else "retail")
    for day in range(1, 7):
        b.contact("P1", "visit", at(f"2026-10-0{day}"))
    b.contact("P2", "call", at("2026-10-02"))
    path = tmp_path / "parties.db"
    b.build(path).dispose()
    return path


def test_score_uses_the_active_model_and_keeps_one_row_per_party(
    cli: Cli, models: Path, parties: Path
) -> None:
    refused = cli(f"model score --models {models} --db {parties} --as-of 2026-10-31")
    assert refused.code == 3
    assert "no model of advance is active" in said(refused)
    cli(f"model activate advance v2 --models {models} --db {parties}")
    for _ in range(2):  # the same date again replaces its scores
        done = cli(f"model score --models {models} --db {parties} --as-of 2026-10-31 --locale en")
        assert done.code == 0, done.err
        assert "Scored 3 parties for advance with model v2 as of 2026-10-31" in done.out
    engine = create_engine(f"sqlite:///{parties}")
    with Session(engine) as session:
        rows = session.scalars(select(PropensityScore).order_by(PropensityScore.party_id)).all()
    engine.dispose()
    assert [(r.party_id, r.model_version, r.as_of) for r in rows] == [
        (p, "v2", dt.date(2026, 10, 31)) for p in ("P1", "P2", "P3")
    ]
    assert rows[0].probability > rows[2].probability  # contacted often: likelier to advance
    as_json = cli(f"model score --models {models} --db {parties} --as-of 2026-10-31 --format json")
    run = json.loads(as_json.out)
    assert (run["parties"], run["model_version"], run["as_of"]) == (3, "v2", "2026-10-31")
    assert run["mean_probability"] == pytest.approx(sum(r.probability for r in rows) / 3)
    assert (
        "已用 advance 模型 v2 为 3 位客户评分"
        in cli(
            f"model score --models {models} --db {parties} --as-of 2026-10-31 --locale zh-CN"
        ).out
    )


def test_score_refuses_a_model_changed_since_activation(
    cli: Cli, models: Path, parties: Path
) -> None:
    cli(f"model activate advance v2 --models {models}")
    path = models / "advance" / "v2" / "model.txt"
    path.write_text(path.read_text().replace("tree", "tre", 1), encoding="utf-8")
    done = cli(f"model score --models {models} --db {parties} --as-of 2026-10-31")
    assert done.code == 6
    assert "SHA-256 differs" in said(done)
