"""A proposed mapping reads a real extract: the table, the columns, the date formats, the
number separators and the bank's words for our vocabularies, never a personal value."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.realistic_extracts import (
    EXPECTED_COUNTS,
    RealisticExtract,
    gbk_csv,
    piped,
    small_bank,
    small_bank_in_parquet,
)

from bankladder.errors import InvalidInput
from bankladder.imports.examples import example_mappings
from bankladder.imports.infer import Proposal, date_format, number_separators, propose_mapping
from bankladder.imports.mapping import DateFormat, load_mapping, load_mapping_text, table_columns
from bankladder.imports.readers import open_extract
from bankladder.imports.service import import_file
from bankladder.store.database import connect

pytestmark = pytest.mark.unit

TABLES = list(EXPECTED_COUNTS)


def _proposal(path: Path, table: str | None = None) -> Proposal:
    return propose_mapping(open_extract(path), table)


def _extract(tmp_path: Path, table: str) -> RealisticExtract:
    return next(e for e in small_bank(tmp_path) if e.table == table)


@pytest.mark.parametrize("table", TABLES)
def test_each_realistic_extract_gets_its_table_and_the_shipped_mappings_columns(
    tmp_path: Path, table: str
) -> None:
    extract = _extract(tmp_path, table)
    proposal = _proposal(extract.path)
    assert proposal.table == table
    proposed = load_mapping_text(proposal.yaml)
    shipped = load_mapping(example_mappings()[extract.mapping])
    header = open_extract(extract.path).header
    assert proposed.columns == {h: ours for h, ours in shipped.columns.items() if h in header}


@pytest.mark.parametrize("table", TABLES)
def test_parquet_named_as_ours_gets_its_table_with_every_column(tmp_path: Path, table: str) -> None:
    path = dict(small_bank_in_parquet(tmp_path))[table]
    proposal = _proposal(path)
    assert proposal.table == table
    columns = load_mapping_text(proposal.yaml).columns
    assert all(header == ours for header, ours in columns.items())
    assert set(columns) == set(open_extract(path).header)


def test_the_proposals_import_the_whole_small_bank(tmp_path: Path) -> None:
    store = connect(f"sqlite:///{tmp_path / 'bank.db'}")
    try:
        for extract in small_bank(tmp_path):
            mapping = load_mapping_text(_proposal(extract.path).yaml)
            outcome = import_file(store, extract.table, extract.path, mapping)
            assert outcome.rejections == [], extract.table
            assert outcome.added == EXPECTED_COUNTS[extract.table], extract.table
    finally:
        store.dispose()


def test_dates_written_as_excel_dates_and_as_text_are_both_proposed(tmp_path: Path) -> None:
    mapping = load_mapping_text(_proposal(_extract(tmp_path, "party").path).yaml)
    assert mapping.dates == {"default": (DateFormat.ISO, DateFormat.YYYYMMDD)}


def test_open_accounts_written_as_zeros_or_nines_are_proposed_as_empty(tmp_path: Path) -> None:
    proposal = _proposal(_extract(tmp_path, "holding").path)
    mapping = load_mapping_text(proposal.yaml)
    assert {"00000000", "99991231"} <= set(mapping.empty)
    assert mapping.dates == {"default": (DateFormat.YYYYMMDD,)}
    assert proposal.notes == []


def test_thousands_separators_of_a_balance_export_are_proposed(tmp_path: Path) -> None:
    mapping = load_mapping_text(_proposal(_extract(tmp_path, "balance").path).yaml)
    assert (mapping.decimal, mapping.thousands) == (".", ",")


def test_times_with_dashes_and_slashes_are_both_proposed(tmp_path: Path) -> None:
    mapping = load_mapping_text(_proposal(_extract(tmp_path, "interaction").path).yaml)
    assert mapping.dates == {"default": (DateFormat.ISO, DateFormat.SLASHED)}
    assert mapping.values == {"kind": {"上门拜访": "visit", "电话": "call", "投诉": "complaint"}}


@pytest.mark.parametrize(
    ("table", "column", "expected"),
    [
        ("party", "kind", {"个人": "person", "对私": "person", "对公": "enterprise"}),
        ("rm", "active", {"在职": "true", "离职": "false"}),
        ("need", "status", {"已推荐": "presented", "已识别": "identified"}),
        ("referral", "status", {"已转化": "converted", "已推荐": "introduced"}),
        ("relationship", "kind", {"供应商": "supplier_of", "雇主": "employer_of"}),
    ],
)
def test_known_chinese_words_are_translated_to_our_vocabulary(
    tmp_path: Path, table: str, column: str, expected: dict[str, str]
) -> None:
    mapping = load_mapping_text(_proposal(_extract(tmp_path, table).path).yaml)
    assert expected.items() <= mapping.values[column].items()


def test_unknown_values_are_listed_as_comments_for_the_user_to_translate(tmp_path: Path) -> None:
    path = gbk_csv(
        tmp_path / "客户.csv",
        [["客户号", "客户类型", "客户名称"], ["C1", "个人", "张伟"], ["C2", "9", "某公司"]],
    )
    proposal = _proposal(path)
    assert '    # "9": ?  # one of person, enterprise' in proposal.yaml.splitlines()
    assert load_mapping_text(proposal.yaml).values == {"kind": {"个人": "person"}}
    assert any("'客户类型'" in note and "translate" in note for note in proposal.notes)


def test_a_missing_required_column_is_noted_and_left_for_the_user(tmp_path: Path) -> None:
    path = piped(tmp_path / "客户.txt", [["客户号", "客户类型", "备用字段"], ["C1", "个人", "x"]])
    proposal = _proposal(path, "party")
    lines = proposal.yaml.splitlines()
    assert "  # ?: name  # required: no header of the file matched it" in lines
    assert any(line.startswith("  # 备用字段: ?") for line in lines)
    assert any("party.name is required" in note for note in proposal.notes)
    assert any("备用字段" in note for note in proposal.notes)


def test_a_header_only_containing_a_known_one_is_a_guess_noted_as_such(tmp_path: Path) -> None:
    path = piped(
        tmp_path / "余额.txt",
        [["账号", "数据日期", "期末账户余额汇总"], ["6222020000000001", "20260630", "1.00"]],
    )
    proposal = _proposal(path)
    assert proposal.table == "balance"
    assert load_mapping_text(proposal.yaml).columns["期末账户余额汇总"] == "amount"
    assert any("'期末账户余额汇总' was read as amount" in note for note in proposal.notes)


@pytest.mark.parametrize("table", TABLES)
def test_no_personal_value_of_the_sample_is_ever_copied(tmp_path: Path, table: str) -> None:
    extract = _extract(tmp_path, table)
    shipped = load_mapping(example_mappings()[extract.mapping])
    columns = table_columns(table)
    personal = [h for h, ours in shipped.columns.items() if columns[ours].info["pi"] == "C2"]
    opened = open_extract(extract.path)
    values = {
        row.values[h]
        for batch in opened.rows()
        for row in batch
        for h in personal
        if h in row.values
    }
    proposal = _proposal(extract.path)
    written = proposal.yaml + "\n".join(proposal.notes)
    assert [v for v in values if v and v not in ("-", "无") and v in written] == []


def test_the_table_given_is_kept_and_an_unknown_one_refused(tmp_path: Path) -> None:
    path = _extract(tmp_path, "branch").path
    assert _proposal(path, "rm").table == "rm"
    with pytest.raises(InvalidInput, match="unknown table 'partys'; did you mean 'party'"):
        _proposal(path, "partys")


def test_a_file_matching_no_table_is_refused(tmp_path: Path) -> None:
    path = piped(tmp_path / "x.txt", [["甲", "乙"], ["1", "2"]])
    with pytest.raises(InvalidInput, match="no column of the file"):
        _proposal(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20260630", DateFormat.YYYYMMDD),
        ("260630", DateFormat.YYMMDD),
        ("2026-06-30", DateFormat.ISO),
        ("2026-06-30 09:30:00", DateFormat.ISO),
        ("2026/6/30", DateFormat.SLASHED),
        ("46203", DateFormat.EXCEL_SERIAL),
        ("46203.5", DateFormat.EXCEL_SERIAL),
        ("00000000", None),
        ("30/06/2026", None),
    ],
)
def test_date_formats_are_recognised_from_one_value(text: str, expected: DateFormat | None) -> None:
    assert date_format(text) == expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["12,000.50", "1,250,000.00"], (".", ",")),
        (["1.234.567,89", "12,5"], (",", ".")),
        (["1 234,50"], (",", " ")),
        (["1'234.50"], (".", "'")),
        (["1234,56"], (",", None)),
        (["1234.56", "7"], (".", None)),
        (["n/a"], (".", None)),
    ],
)
def test_number_separators_are_recognised(
    texts: list[str], expected: tuple[str, str | None]
) -> None:
    assert number_separators(texts) == expected


def test_a_comma_decimal_without_thousands_writes_no_thousands(tmp_path: Path) -> None:
    path = piped(tmp_path / "余额.txt", [["账号", "数据日期", "余额"], ["A1", "20260630", "12,5"]])
    mapping = load_mapping_text(_proposal(path).yaml)
    assert (mapping.decimal, mapping.thousands) == (",", "")
