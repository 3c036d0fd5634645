"""``bankladder report VIEW`` and ``bankladder report monthly`` on a store file, as the
operator runs them: a table, JSON, CSV or XLSX of a view, binary files only to ``--output``,
an unknown view named with the choices, and every CSV, XLSX or PDF export in the audit trail
(the table on screen is not an export)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert, select

from bankladder.store.database import connect, unit_of_work
from bankladder.store.models import AuditEvent, Transition
from tests.e2e.conftest import Outcome
from tests.workbench import small_bank

pytestmark = pytest.mark.e2e
Cli = Callable[..., Outcome]

MOVES = [
    # party, from, to, day; BR01: P-RM01-1, P-RM01-2, P-RM02-1; BR02: P-RM03-1
    ("P-RM01-1", None, "acquaintance", "2026-01-31"),
    ("P-RM01-1", "acquaintance", "discovery", "2026-03-31"),
    ("P-RM01-2", None, "acquaintance", "2026-02-28"),
    ("P-RM02-1", None, "acquaintance", "2026-03-31"),
    ("P-RM03-1", None, "acquaintance", "2026-01-31"),
    ("P-RM03-1", "acquaintance", "discovery", "2026-02-28"),
    ("P-RM03-1", "discovery", "goodwill", "2026-04-30"),  # the month's last day
]


@pytest.fixture
def store(tmp_path: Path) -> str:
    path = tmp_path / "store.db"
    engine = small_bank(f"sqlite:///{path}")
    with unit_of_work(engine) as session:
        session.execute(
            insert(Transition),
            [
                {
                    "party_id": party,
                    "from_stage": before,
                    "to_stage": after,
                    "direction": "entered" if before is None else "advanced",
                    "changed_on": dt.date.fromisoformat(day),
                }
                for party, before, after, day in MOVES
            ],
        )
    engine.dispose()
    return str(path)


def exports(store: str) -> list[dict[str, Any]]:
    engine = connect(f"sqlite:///{store}")
    with unit_of_work(engine) as session:
        found = session.scalars(
            select(AuditEvent).where(AuditEvent.event == "analytics.export").order_by(AuditEvent.id)
        )
        details = [{"view": e.object_id, **e.detail} for e in found]
    engine.dispose()
    return details


def test_the_funnel_in_json_with_columns_filters_and_typed_rows(cli: Cli, store: str) -> None:
    done = cli("report funnel --to 2026-04-30 --format json --locale en --db", store)
    assert done.code == 0, done.err
    shown = json.loads(done.out)
    assert shown["view"] == "funnel"
    assert shown["title"] == "Funnel by stage"
    # --to alone: the twelve calendar months ending with it, but not before the month of the
    # oldest stage change (January 2026)
    assert shown["filters"] == {"start": "2026-01-01", "end": "2026-04-30"}
    assert shown["columns"][:2] == [
        {"key": "stage", "title": "Stage", "kind": "stage"},
        {"key": "parties", "title": "Parties", "kind": "count"},
    ]
    standing = {row["stage"]: row["parties"] for row in shown["rows"]}
    # on 30 April: P-RM01-2, P-RM02-1 acquaintance; P-RM01-1 discovery; P-RM03-1 goodwill
    assert standing["Acquaintance"] == 2
    assert standing["Business discovery"] == 1
    assert standing["Goodwill"] == 1
    assert standing["Not on the ladder"] == 0
    assert shown["rows"][1]["share"] == 0.5  # 2 of 4
    assert exports(store) == []  # JSON on screen is not an export


def test_the_table_on_screen_in_chinese_with_the_note(cli: Cli, store: str) -> None:
    done = cli("report funnel --to 2026-04-30 --branch BR01 --locale zh-CN --db", store)
    assert done.code == 0, done.err
    assert "阶梯漏斗" in done.out
    assert "客户数" in done.out
    assert "66.7%" in done.out  # BR01: 2 of 3 parties on acquaintance
    assert "每位客户按期末" in done.out  # the note under the table
    assert exports(store) == []


def test_csv_on_standard_output_is_audited(cli: Cli, store: str) -> None:
    done = cli("report funnel --to 2026-04-30 --branch BR01 --format csv --locale en --db", store)
    assert done.code == 0, done.err
    assert not done.out.startswith("\ufeff")  # the byte-order mark is for files only
    rows = list(csv.DictReader(io.StringIO(done.out)))
    assert [(r["Stage"], r["Parties"]) for r in rows[:3]] == [
        ("Not on the ladder", "0"),
        ("Acquaintance", "2"),
        ("Business discovery", "1"),
    ]
    [event] = exports(store)
    assert event["view"] == "funnel"
    assert event["format"] == "csv"
    assert event["branch"] == "BR01"
    assert event["rows"] == 7  # rank 0 and the six rungs of the shipped playbook


def test_csv_and_xlsx_files_are_written_and_audited(cli: Cli, store: str, tmp_path: Path) -> None:
    sheet_file = tmp_path / "funnel.xlsx"
    csv_file = tmp_path / "funnel.csv"
    done = cli(f"report funnel --to 2026-04-30 --format xlsx --output {sheet_file} --db", store)
    assert done.code == 0, done.err
    assert done.out == ""
    sheet = load_workbook(sheet_file).worksheets[0]
    assert sheet["A1"].value == "阶梯漏斗"
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    [heading_row] = [i for i, row in enumerate(values) if row[0] == "阶段"]
    acquaintance = values[heading_row + 2]
    assert acquaintance[1] == 2
    assert acquaintance[2] == 0.5
    done = cli(f"report funnel --format csv --output {csv_file} --db", store)
    assert done.code == 0, done.err
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")
    assert [e["format"] for e in exports(store)] == ["xlsx", "csv"]


def test_xlsx_needs_a_file_and_writes_nothing_to_the_terminal(cli: Cli, store: str) -> None:
    done = cli("report funnel --format xlsx --db", store)
    assert done.code == 2
    assert "--output" in done.err
    assert done.out == ""
    assert exports(store) == []


def test_an_unknown_view_is_named_with_the_choices(cli: Cli, store: str) -> None:
    done = cli("report funel --db", store)
    assert done.code == 2
    assert "funel" in done.err
    for choice in ("funnel", "conversion", "time-in-stage", "stalls", "team", "monthly"):
        assert choice in done.err


def test_a_bad_date_or_format_is_said_in_words(cli: Cli, store: str) -> None:
    bad_date = cli("report funnel --from 2026-13-01 --db", store)
    assert bad_date.code == 2
    assert "--from" in bad_date.err
    bad_format = cli("report funnel --format pdf --db", store)
    assert bad_format.code == 2
    assert "table, json, csv or xlsx" in bad_format.err


def test_the_monthly_pdf_has_a_page_per_view_and_is_audited(
    cli: Cli, store: str, tmp_path: Path
) -> None:
    pdf = tmp_path / "april.pdf"
    done = cli(f"report monthly --month 2026-04 --output {pdf} --locale en --db", store)
    assert done.code == 0, done.err
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    # a title page and nine views
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", data)) == 10
    events = exports(store)
    assert len(events) == 9
    assert {e["format"] for e in events} == {"pdf"}
    funnel = next(e for e in events if e["view"] == "funnel")
    assert (funnel["start"], funnel["end"]) == ("2026-04-01", "2026-04-30")
    conversion = next(e for e in events if e["view"] == "conversion")
    assert conversion["start"] == "2025-05-01"  # twelve months ending with April


def test_the_monthly_report_needs_a_month_and_a_file(cli: Cli, store: str) -> None:
    no_file = cli("report monthly --month 2026-04 --db", store)
    assert no_file.code == 2
    assert "--output" in no_file.err
    bad_month = cli("report monthly --month April --output x.pdf --db", store)
    assert bad_month.code == 2
    assert "--month" in bad_month.err
