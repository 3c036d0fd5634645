"""A mapping file is read into a frozen model, or refused with every problem at its line."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest

from bankladder.imports.examples import example_mappings
from bankladder.imports.mapping import (
    DEFAULT_DATE_FORMATS,
    DEFAULT_EMPTY,
    DateFormat,
    MappingInvalid,
    load_mapping,
    load_mapping_text,
)

pytestmark = pytest.mark.unit

PARTY = """\
table: party
columns:
  客户号: id
  客户名称: name
  客户类型: kind
  证件号码: id_number
  手机号: mobile
  开户日期: customer_since
values:
  kind: {个人: person, 对公: enterprise}
dates:
  default: YYYYMMDD
  first_contact_on: [YYYY-MM-DD, excel-serial]
constants:
  segment: "01"
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(MappingInvalid) as refused:
        load_mapping_text(text, file="m.yaml")
    return refused.value.problems


def test_a_mapping_reads_the_banks_columns_onto_ours() -> None:
    mapping = load_mapping_text(PARTY)
    assert mapping.table == "party"
    assert mapping.columns["证件号码"] == "id_number"
    assert mapping.values["kind"] == {"个人": "person", "对公": "enterprise"}
    assert mapping.constants == {"segment": "01"}  # text as written, not the number 1
    assert mapping.empty == DEFAULT_EMPTY
    assert (mapping.decimal, mapping.thousands) == (".", ",")


def test_date_formats_are_per_column_with_a_default() -> None:
    mapping = load_mapping_text(PARTY)
    assert mapping.formats_for("customer_since") == (DateFormat.YYYYMMDD,)
    assert mapping.formats_for("first_contact_on") == (DateFormat.ISO, DateFormat.EXCEL_SERIAL)
    no_dates = load_mapping_text("table: branch\ncolumns: {机构号: id, 机构名称: name}\n")
    assert no_dates.formats_for("anything") == DEFAULT_DATE_FORMATS


def test_a_mapping_is_frozen() -> None:
    mapping = load_mapping_text(PARTY)
    with pytest.raises(pydantic.ValidationError):
        mapping.table = "holding"


def test_an_unknown_table_is_refused_with_a_suggestion() -> None:
    assert problems_of(PARTY.replace("table: party", "table: partys")) == [
        "m.yaml:1: unknown table 'partys'; did you mean 'party'?"
    ]


def test_an_unknown_column_is_refused_at_its_line_with_a_suggestion() -> None:
    problems = problems_of(PARTY.replace("证件号码: id_number", "证件号码: id_numbr"))
    assert problems == ["m.yaml:6: party has no column 'id_numbr'; did you mean 'id_number'?"]


def test_an_unknown_key_is_refused_with_a_suggestion() -> None:
    problems = problems_of(PARTY + "constant:\n  region: 江西\n")
    assert problems == ["m.yaml:16: unknown key 'constant'; did you mean 'constants'?"]


def test_every_problem_is_reported_at_once_in_line_order() -> None:
    text = PARTY.replace("个人: person", "个人: persn").replace("segment:", "segmnt:")
    text = text.replace("first_contact_on:", "opened_on:")
    assert problems_of(text) == [
        "m.yaml:10: 'persn' is not one of person, enterprise; did you mean 'person'?",
        "m.yaml:13: party has no column 'opened_on' (known: id, kind, name, id_number, mobile, "
        "segment, industry_code, region, rm_id, prospect_group, first_contact_on, "
        "customer_since, kyc_expires_on, size_band, annual_turnover)",
        "m.yaml:15: party has no column 'segmnt'; did you mean 'segment'?",
    ]


def test_a_required_column_left_unfilled_is_named_with_the_fix() -> None:
    problems = problems_of(PARTY.replace("  客户类型: kind\n", ""))
    assert problems == [
        "m.yaml:1: party.kind is required: map a bank column to it under 'columns' "
        "or give it under 'constants'"
    ]


def test_one_of_our_columns_cannot_be_read_twice() -> None:
    problems = problems_of(PARTY.replace("  手机号: mobile\n", "  姓名: name\n"))
    assert problems == ["m.yaml:7: 'name' is already read from '客户名称'"]


def test_a_date_format_outside_the_list_is_refused() -> None:
    problems = problems_of(PARTY.replace("default: YYYYMMDD", "default: DD.MM.YYYY"))
    assert len(problems) == 1
    assert problems[0].startswith("m.yaml:12: dates.default.0: Input should be 'YYYYMMDD'")


def test_dates_of_a_column_that_is_not_a_date_are_refused() -> None:
    problems = problems_of(PARTY.replace("first_contact_on:", "mobile:"))
    assert problems == ["m.yaml:13: 'mobile' is not a date column"]


@pytest.mark.parametrize(
    ("separators", "problem"),
    [
        ('decimal: ";"', "m.yaml:16: decimal must be '.' or ',', not ';'"),
        ('thousands: "_"', "m.yaml:16: thousands must be ',', '.', ' ', \"'\" or '', not '_'"),
        ('decimal: ","', "m.yaml:16: thousands and decimal separators must differ"),
    ],
)
def test_separators_are_checked(separators: str, problem: str) -> None:
    assert problems_of(f"{PARTY}{separators}\n") == [problem]


def test_a_comma_decimal_goes_with_another_thousands_separator() -> None:
    mapping = load_mapping_text(f'{PARTY}decimal: ","\nthousands: "."\n')
    assert (mapping.decimal, mapping.thousands) == (",", ".")


def test_broken_yaml_is_refused_at_its_line() -> None:
    problems = problems_of("table: party\ncolumns:\n  客户号: id\n  - oops\n")
    assert len(problems) == 1
    assert problems[0].startswith("m.yaml:4: not valid YAML")


def test_a_mapping_must_be_keys_and_values() -> None:
    assert problems_of("- party\n") == [
        "m.yaml:1: a mapping must be keys such as 'table' and 'columns'"
    ]


def test_the_error_names_the_file_and_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "party.yaml"
    path.write_text(PARTY.replace("table: party", "table: parti"), encoding="utf-8")
    with pytest.raises(MappingInvalid) as refused:
        load_mapping(path)
    message = str(refused.value)
    assert f"{path}:1: unknown table 'parti'; did you mean 'party'?" in message
    assert "What to do:" in message
    assert refused.value.exit_code == 2


@pytest.mark.parametrize("name", ["core_party", "core_interaction"])
def test_the_shipped_example_mappings_load(name: str) -> None:
    mapping = load_mapping(example_mappings()[name])
    assert mapping.table == name.removeprefix("core_")
