"""Each row of an extract becomes typed values for our columns, or the reasons it cannot."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankladder.errors import InvalidInput
from bankladder.imports.convert import RowConverter, RowProblem
from bankladder.imports.mapping import Mapping
from bankladder.parties.identifiers import resident_id_check
from bankladder.store.vocabulary import InteractionKind, PartyKind

pytestmark = pytest.mark.unit

TODAY = dt.date(2026, 11, 30)
PARTY = Mapping(
    table="party",
    columns={
        "客户号": "id",
        "客户名称": "name",
        "客户类型": "kind",
        "证件号码": "id_number",
        "手机号": "mobile",
        "开户日期": "customer_since",
    },
    values={"kind": {"个人": "person", "对公": "enterprise"}},
    dates={"default": ("YYYYMMDD", "excel-serial")},
)
PERSON = {
    "客户号": "C0001",
    "客户名称": "张三",
    "客户类型": "个人",
    "证件号码": "11010519491231002X",
    "手机号": "138 1234 5678",
    "开户日期": "20240131",
}
ENTERPRISE = {
    **PERSON,
    "客户名称": "福州某某贸易有限公司",
    "客户类型": "对公",
    "证件号码": "91350100M000100Y43",
}


def convert(mapping: Mapping, row: dict[str, object]) -> dict[str, object] | list[RowProblem]:
    return RowConverter(mapping, today=TODAY)(row)


def one_column(table: str, ours: str, **options: object) -> RowConverter:
    """A converter of the single bank column 'v' into ``ours``, other required ones constant."""
    constants = {
        "balance": {"holding_id": "1", "snapshot_on": "2024-01-31", "amount": "0"},
        "branch": {"id": "B1", "name": "总行"},
        "rm": {"id": "R1", "name": "王五", "branch_id": "B1"},
        "product": {"code": "P1", "name_zh": "存款", "name_en": "Deposit", "family": "deposit"},
        "interaction": {"party_id": "C1", "kind": "visit", "occurred_at": "2024-01-31"},
        "holding": {"party_id": "C1", "product_code": "P1", "opened_on": "2024-01-31"},
    }[table]
    constants.pop(ours, None)
    mapping = Mapping.model_validate(
        {"table": table, "columns": {"v": ours}, "constants": constants, **options}
    )
    return RowConverter(mapping, today=TODAY)


def value_of(converter: RowConverter, raw: object, ours: str) -> object:
    converted = converter({"v": raw})
    assert isinstance(converted, dict), converted
    return converted[ours]


def reason_of(converter: RowConverter, raw: object) -> RowProblem:
    converted = converter({"v": raw})
    assert isinstance(converted, list), converted
    [problem] = converted
    return problem


def test_a_person_row_becomes_typed_values() -> None:
    assert convert(PARTY, PERSON) == {
        "id": "C0001",
        "name": "张三",
        "kind": PartyKind.PERSON,
        "id_number": "11010519491231002X",
        "mobile": "13812345678",
        "customer_since": dt.date(2024, 1, 31),
    }


def test_an_enterprise_is_identified_by_its_credit_code() -> None:
    converted = convert(PARTY, ENTERPRISE)
    assert isinstance(converted, dict)
    assert converted["id_number"] == "91350100M000100Y43"


def test_a_person_with_a_wrong_check_digit_is_refused_with_the_id_masked() -> None:
    row = {**PERSON, "证件号码": "110105194912310021"}
    assert convert(PARTY, row) == [
        RowProblem(
            "证件号码", "110***********0021", "resident ID: check digit should be X, found 1"
        )
    ]


def test_a_lowercase_x_is_read_as_the_check_character() -> None:
    converted = convert(PARTY, {**PERSON, "证件号码": "11010519491231002x"})
    assert isinstance(converted, dict)
    assert converted["id_number"] == "11010519491231002X"


def test_an_enterprise_with_a_resident_id_is_refused() -> None:
    row = {**ENTERPRISE, "证件号码": "11010519491231002X"}
    [problem] = convert(PARTY, row)
    assert problem.reason.startswith("unified social credit code: organisation code check")


def test_a_malformed_mobile_is_refused_and_masked() -> None:
    assert convert(PARTY, {**PERSON, "手机号": "12812345678"}) == [
        RowProblem("手机号", "128****5678", "mobile number should start with 13 to 19, found 12")
    ]


def test_every_problem_of_a_row_is_reported() -> None:
    row = {**PERSON, "客户号": "-", "客户类型": "私人", "开户日期": "2024-13-01"}
    assert convert(PARTY, row) == [
        RowProblem("客户号", "-", "id is required"),
        RowProblem(
            "客户类型", "私人", "not one of person, enterprise (translate it under 'values')"
        ),
        RowProblem("开户日期", "2024-13-01", "not a date in YYYYMMDD or excel-serial"),
    ]


def test_a_column_missing_from_the_row_is_empty() -> None:
    row = {k: v for k, v in PERSON.items() if k != "手机号"}
    converted = convert(PARTY, row)
    assert isinstance(converted, dict)
    assert converted["mobile"] is None


@pytest.mark.parametrize("empty", ["", "  ", "-", "unknown", "NULL", "null", "无", None])
def test_empty_values_are_read_as_empty(empty: object) -> None:
    assert value_of(one_column("branch", "city"), empty, "city") is None


def test_the_empty_values_can_be_chosen() -> None:
    converter = one_column("branch", "city", empty=["不详"])
    assert value_of(converter, "不详", "city") is None
    assert value_of(converter, "-", "city") == "-"


def test_a_blank_cell_read_as_nan_is_empty() -> None:
    assert value_of(one_column("branch", "city"), float("nan"), "city") is None


def test_text_longer_than_its_column_is_refused() -> None:
    converter = one_column("branch", "city")
    assert value_of(converter, "南昌", "city") == "南昌"
    assert reason_of(converter, "城" * 101).reason == "longer than 100 characters"


def test_a_number_read_by_excel_into_a_text_column_loses_its_decimal_point() -> None:
    assert value_of(one_column("branch", "id"), 36013.0, "id") == "36013"


@pytest.mark.parametrize(
    ("written", "formats"),
    [
        ("20240131", ["YYYYMMDD"]),
        ("240131", ["YYMMDD"]),
        ("2024-01-31", ["YYYY-MM-DD"]),
        ("2024/1/31", ["YYYY/MM/DD"]),
        ("45322", ["excel-serial"]),
        (45322, ["excel-serial"]),
        (20240131, ["YYYYMMDD"]),  # a date that Parquet or Excel kept as a number
        (dt.datetime(2024, 1, 31, 9, 30), ["YYYYMMDD"]),
        (dt.date(2024, 1, 31), ["YYYYMMDD"]),
    ],
)
def test_each_date_format_reads_its_dates(written: object, formats: list[str]) -> None:
    converter = one_column("holding", "opened_on", dates={"opened_on": formats})
    assert value_of(converter, written, "opened_on") == dt.date(2024, 1, 31)


@pytest.mark.parametrize(
    ("written", "formats"),
    [
        ("20240231", ["YYYYMMDD"]),
        ("2024-01-31", ["YYYYMMDD"]),
        ("20240131", ["YYMMDD"]),
        ("2024-1-31", ["YYYY-MM-DD"]),
        ("2024/01/32", ["YYYY/MM/DD"]),
        ("0", ["excel-serial"]),
        ("yesterday", ["excel-serial"]),
    ],
)
def test_a_date_outside_its_formats_is_refused(written: object, formats: list[str]) -> None:
    converter = one_column("holding", "opened_on", dates={"opened_on": formats})
    assert reason_of(converter, written).reason.startswith("not")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2024-01-31 09:30", dt.datetime(2024, 1, 31, 9, 30)),
        ("2024-01-31T09:30:15", dt.datetime(2024, 1, 31, 9, 30, 15)),
        ("2024-01-31 09:30:15.5", dt.datetime(2024, 1, 31, 9, 30, 15, 500000)),
        ("2024-01-31", dt.datetime(2024, 1, 31)),
        (45322.5, dt.datetime(2024, 1, 31, 12)),
        (dt.date(2024, 1, 31), dt.datetime(2024, 1, 31)),
    ],
)
def test_date_times_read_a_date_and_a_time_of_day(written: object, expected: object) -> None:
    converter = one_column("interaction", "occurred_at")
    assert value_of(converter, written, "occurred_at") == expected


@pytest.mark.parametrize("written", ["2024-01-31 25:00", "2024-01-31 9h30", "31.01.2024"])
def test_a_malformed_date_time_is_refused(written: str) -> None:
    assert reason_of(one_column("interaction", "occurred_at"), written).reason.startswith("not")


@pytest.mark.parametrize(("written", "number"), [("1,234", 1234), (42, 42), (7.0, 7), ("-3", -3)])
def test_whole_numbers_are_read(written: object, number: int) -> None:
    assert value_of(one_column("balance", "holding_id"), written, "holding_id") == number


def test_a_whole_number_with_letters_is_refused() -> None:
    assert reason_of(one_column("balance", "holding_id"), "12a").reason == "not a whole number"


@pytest.mark.parametrize(
    ("written", "options", "amount"),
    [
        ("1,234,567.80", {}, Decimal("1234567.80")),
        ("1.234.567,80", {"decimal": ",", "thousands": "."}, Decimal("1234567.80")),
        ("1 234,5", {"decimal": ",", "thousands": " "}, Decimal("1234.50")),
        (1234.5, {}, Decimal("1234.50")),
        ("-0.01", {}, Decimal("-0.01")),
    ],
)
def test_amounts_are_read_with_the_banks_separators(
    written: object, options: dict[str, str], amount: Decimal
) -> None:
    converter = one_column("balance", "amount", **options)
    assert value_of(converter, written, "amount") == amount


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("12.345", "more than 2 decimal places"),
        ("1e20", "out of range"),
        ("约一万", "not a number"),
    ],
)
def test_a_malformed_amount_is_refused_and_masked(written: str, reason: str) -> None:
    assert reason_of(one_column("balance", "amount"), written) == RowProblem(
        "v", "*" * len(written), reason
    )


def test_an_account_number_too_long_is_masked() -> None:
    problem = reason_of(one_column("holding", "account_no"), "6" * 41)
    assert problem.value == "666666" + "*" * 31 + "6666"


@pytest.mark.parametrize(
    ("written", "active"), [("是", True), ("Y", True), (1, True), ("否", False)]
)
def test_yes_and_no_are_read_in_the_banks_words(written: object, active: bool) -> None:
    assert value_of(one_column("rm", "active"), written, "active") is active


def test_neither_yes_nor_no_is_refused() -> None:
    assert reason_of(one_column("rm", "active"), "maybe").reason.startswith("not a yes or no")


def test_a_list_column_reads_separated_values() -> None:
    converter = one_column("product", "target_segments")
    assert value_of(converter, "小微、个体; 零售", "target_segments") == ["小微", "个体", "零售"]


def test_the_banks_values_are_translated_into_our_vocabulary() -> None:
    converter = one_column("interaction", "kind", values={"kind": {"拜访": "visit"}})
    assert value_of(converter, "拜访", "kind") is InteractionKind.VISIT
    assert value_of(converter, "call", "kind") is InteractionKind.CALL


def test_constants_are_typed_once() -> None:
    converted = one_column("holding", "account_no")({"v": "6222020200112233445"})
    assert isinstance(converted, dict)
    assert converted["opened_on"] == dt.date(2024, 1, 31)


def test_a_constant_that_cannot_be_read_is_refused_when_the_converter_is_built() -> None:
    mapping = PARTY.model_copy(update={"constants": {"first_contact_on": "soon"}})
    with pytest.raises(InvalidInput, match="the constant for 'first_contact_on' cannot be used"):
        RowConverter(mapping)


def test_identifiers_typed_in_full_width_characters_are_read() -> None:
    row = {
        **PERSON,
        "证件号码": "１１０１０５１９４９１２３１００２ｘ",
        "手机号": "１３８１２３４５６７８",
    }
    converted = convert(PARTY, row)
    assert isinstance(converted, dict)
    assert (converted["id_number"], converted["mobile"]) == ("11010519491231002X", "13812345678")


def test_a_party_name_in_a_problem_is_masked_as_a_persons() -> None:
    [problem] = convert(PARTY, {**PERSON, "客户名称": "张" * 201})
    assert problem == RowProblem("客户名称", "张" + "*" * 200, "longer than 200 characters")


def test_values_typed_by_parquet_are_translated_by_their_text() -> None:
    converter = one_column("interaction", "kind", values={"kind": {"1": "visit", "0": "-"}})
    assert value_of(converter, 1, "kind") is InteractionKind.VISIT
    assert reason_of(converter, 0) == RowProblem("v", "0", "kind is required")


def test_a_float_from_excel_is_read_at_the_scale_of_its_column() -> None:
    assert value_of(one_column("balance", "amount"), 0.1 + 0.2, "amount") == Decimal("0.30")


@pytest.mark.parametrize("written", ["1.5", "1e3", "inf", float("inf"), 2.5])
def test_a_number_that_is_not_whole_is_refused(written: object) -> None:
    assert reason_of(one_column("balance", "holding_id"), written).reason == "not a whole number"


def test_a_whole_number_beyond_64_bits_is_refused() -> None:
    assert reason_of(one_column("balance", "holding_id"), str(2**63)).reason == "out of range"


AMOUNTS = one_column("balance", "amount")
EUROPEAN_AMOUNTS = one_column("balance", "amount", decimal=",", thousands=".")
CONVERT_PARTY = RowConverter(PARTY, today=TODAY)
amounts = st.decimals(min_value=-(10**15), max_value=10**15, places=2, allow_nan=False)


@given(amount=amounts)
def test_an_amount_written_with_separators_reads_back_as_itself(amount: Decimal) -> None:
    written = f"{amount:,.2f}"
    assert value_of(AMOUNTS, written, "amount") == amount
    european = written.replace(",", "_").replace(".", ",").replace("_", ".")
    assert value_of(EUROPEAN_AMOUNTS, european, "amount") == amount


@given(born=st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY), sequence=st.integers(0, 999))
def test_every_valid_resident_id_converts(born: dt.date, sequence: int) -> None:
    first17 = f"360102{born:%Y%m%d}{sequence:03d}"
    converted = CONVERT_PARTY({**PERSON, "证件号码": first17 + resident_id_check(first17)})
    assert isinstance(converted, dict)
