"""Converting one row of a bank's extract into typed values for one of our source tables.

``RowConverter(mapping)`` prepares one reader per column once; calling it on a row (bank header
-> raw text, or a value already typed by Excel or Parquet) returns our columns with typed values,
or every ``RowProblem`` of the row. The value of a personal column is masked in a problem.
``many(rows)`` gives the same results for a batch of rows, a column at a time: a column of plain
text that its column reader takes whole (ISO timestamps, choices, text within its length) is read
in one pass, and any other column cell by cell, exactly as a single row is.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Enum, Integer, Numeric, String

from bankladder.errors import InvalidInput
from bankladder.imports.dates import (
    date_reader,
    datetime_reader,
    iso_dates_reader,
    iso_stamps_reader,
)
from bankladder.imports.invalid import Invalid
from bankladder.imports.mapping import Mapping, is_required, table_columns
from bankladder.parties.identifiers import (
    check_credit_code,
    check_mobile,
    check_resident_id,
    normalise_mobile,
)
from bankladder.privacy.masking import mask_account, mask_id_number, mask_mobile, mask_person_name
from bankladder.store.vocabulary import PartyKind

RawRow = collections.abc.Mapping[str, object]
ConvertedRow = dict[str, object]
Reader = Callable[[object], object]  # raises Invalid with the reason in words
Texts = list[str | None]
ColumnReader = Callable[[Texts], list[object] | None]  # None: some cell needs the careful reader
TRUE = frozenset({"1", "true", "t", "yes", "y", "是", "Y", "TRUE", "True", "YES", "Yes"})
FALSE = frozenset({"0", "false", "f", "no", "n", "否", "N", "FALSE", "False", "NO", "No"})
LARGEST_INTEGER = 2**63 - 1  # a 64-bit integer column
_LIST_SEPARATORS = re.compile(r"[,;|、，；]")


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why one value of a row is refused: ``column`` is the bank's header where there is one."""

    column: str
    value: str | None
    reason: str


def _mask_whole(value: str | None) -> str | None:
    return None if value is None else "*" * len(value)


MASKS: dict[str, Callable[[str | None], str | None]] = {
    "id_number": mask_id_number,
    "mobile": mask_mobile,
    "account_no": mask_account,
}


@dataclass(frozen=True, slots=True)
class _Field:
    ours: str
    header: str | None
    read: Callable[[object], object]
    required: bool
    mask: Callable[[str | None], str | None] | None
    read_texts: Callable[[list[object]], list[object] | None]


_UNREAD = object()  # a cell whose value was refused


class RowConverter:
    """Converts rows of one extract through ``mapping``; build once, call per row."""

    def __init__(self, mapping: Mapping, *, today: dt.date | None = None) -> None:
        self.mapping = mapping
        self.today = today or dt.date.today()  # no birth date after it
        columns = table_columns(mapping.table)
        sources = mapping.sources()
        self.constants = {
            ours: _constant(ours, text, _reader(columns[ours], mapping))
            for ours, text in mapping.constants.items()
        }
        self.fields = [
            _Field(
                ours,
                header,
                _with_values(_reader(columns[ours], mapping), mapping, ours),
                is_required(columns[ours]),
                _mask_of(columns[ours]),
                _texts_with_values(_column_reader(columns[ours], mapping), mapping, ours),
            )
            for ours, header in sources.items()
        ]
        by_column = {field.ours: field for field in self.fields}
        self.id_number = by_column.get("id_number") if mapping.table == "party" else None

    def __call__(self, row: RawRow) -> ConvertedRow | list[RowProblem]:
        converted: ConvertedRow = dict(self.constants)
        problems: list[RowProblem] = []
        for field in self.fields:
            raw = row.get(field.header) if field.header else None
            try:
                value = field.read(raw)
            except Invalid as reason:
                problems.append(_problem(field, raw, str(reason)))
                continue
            if value is None and field.required:
                problems.append(_problem(field, raw, f"{field.ours} is required"))
            converted[field.ours] = value
        if self.id_number is not None:
            problems += self._id_number_problems(self.id_number, converted)
        return problems or converted

    def many(self, rows: Sequence[RawRow]) -> list[ConvertedRow | list[RowProblem]]:
        """``[self(row) for row in rows]``, read a column at a time."""
        problems: dict[int, list[RowProblem]] = {}
        names = [*self.constants, *(field.ours for field in self.fields)]
        columns = [[value] * len(rows) for value in self.constants.values()]
        columns += [_read_column(field, rows, problems) for field in self.fields]
        results: list[ConvertedRow | list[RowProblem]] = [
            dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)
        ]
        if self.id_number is None and not problems:
            return results
        for index, result in enumerate(results):
            assert isinstance(result, dict)
            found = problems.get(index, [])
            row = {k: v for k, v in result.items() if v is not _UNREAD} if found else result
            if self.id_number is not None:
                found += self._id_number_problems(self.id_number, row)
            results[index] = found or row
        return results

    def _id_number_problems(self, field: _Field, row: ConvertedRow) -> list[RowProblem]:
        """A person's resident ID, an enterprise's credit code; unchecked if the kind is wrong."""
        number, kind = row.get("id_number"), row.get("kind")
        if not isinstance(number, str) or kind is None:
            return []
        person = kind == PartyKind.PERSON
        reason = check_resident_id(number, self.today) if person else check_credit_code(number)
        if reason is None:
            return []
        what = "resident ID" if person else "unified social credit code"
        return [_problem(field, number, f"{what}: {reason}")]


def _read_column(
    field: _Field, rows: Sequence[RawRow], problems: dict[int, list[RowProblem]]
) -> list[object]:
    """One column of a batch: whole when its reader takes it, else cell by cell; each refused
    cell (``_UNREAD``) and each missing required value adds a problem to its row."""
    header = field.header
    raws: list[object] = [row.get(header) for row in rows] if header else [None] * len(rows)
    values = field.read_texts(raws)
    if values is None:
        values = [_read_cell(field, raw, index, problems) for index, raw in enumerate(raws)]
    if field.required and None in values:
        for index, value in enumerate(values):
            if value is None:
                problem = _problem(field, raws[index], f"{field.ours} is required")
                problems.setdefault(index, []).append(problem)
    return values


def _read_cell(
    field: _Field, raw: object, index: int, problems: dict[int, list[RowProblem]]
) -> object:
    try:
        return field.read(raw)
    except Invalid as reason:
        problems.setdefault(index, []).append(_problem(field, raw, str(reason)))
        return _UNREAD


def _problem(field: _Field, raw: object, reason: str) -> RowProblem:
    text = None if raw is None else str(raw)
    shown = field.mask(text) if field.mask else text
    return RowProblem(field.header or field.ours, shown, reason)


def _mask_of(column: Column[Any]) -> Callable[[str | None], str | None] | None:
    """Party names are masked as a person's: a wrong row may carry the wrong kind."""
    if column.name == "name" and column.table.name == "party":
        return lambda text: None if text is None else mask_person_name(text)
    if column.info.get("pi") == "C2":
        return MASKS.get(column.name, _mask_whole)
    return None


def _constant(ours: str, text: str, read: Reader) -> object:
    try:
        return read(text)
    except Invalid as reason:
        raise InvalidInput(
            f"the constant for {ours!r} cannot be used: {reason}",
            fix=f"correct 'constants: {ours}' in the mapping",
        ) from None


def _with_values(read: Reader, mapping: Mapping, ours: str) -> Reader:
    """Reads empty values as ``None`` and translates the bank's values before ``read``."""
    empty = frozenset(mapping.empty)
    table = mapping.values.get(ours, {})

    def read_value(raw: object) -> object:
        if isinstance(raw, str):  # the common case: text from a CSV file
            text = raw.strip()
            text = table.get(text, text) if table else text
            return None if text in empty else read(text)
        if raw is None or (isinstance(raw, float) and raw != raw):  # NaN: a blank cell
            return None
        if table and str(raw) in table:
            mapped = table[str(raw)]
            return None if mapped in empty else read(mapped)
        return read(raw)

    return read_value


def _texts_with_values(
    read: ColumnReader | None, mapping: Mapping, ours: str
) -> Callable[[list[object]], list[object] | None]:
    """Like ``_with_values``, for a whole column of text cells (a CSV's): stripped, translated,
    empty values as ``None``, then ``read``. ``None`` when a cell is not text or ``read`` does
    not take the column whole."""
    empty = frozenset(mapping.empty)
    table = mapping.values.get(ours, {})

    def read_texts(raws: list[object]) -> list[object] | None:
        if read is None or not all(raw is None or raw.__class__ is str for raw in raws):
            return None
        texts = [None if raw is None else raw.strip() for raw in cast(Texts, raws)]
        if table:
            texts = [None if text is None else table.get(text, text) for text in texts]
        return read([None if text in empty else text for text in texts])

    return read_texts


def _column_reader(column: Column[Any], mapping: Mapping) -> ColumnReader | None:
    """A reader of a whole column of plain text, for the types where one pays."""
    kind = column.type
    if isinstance(kind, Enum):
        return _choices_reader(list(kind.enums), kind.enum_class)
    if isinstance(kind, DateTime):
        return iso_stamps_reader(mapping.formats_for(column.name))
    if isinstance(kind, Date):
        return iso_dates_reader(mapping.formats_for(column.name))
    if isinstance(kind, Boolean | Integer | Numeric | JSON) or column.name in (
        "mobile",
        "id_number",
    ):
        return None
    return _texts_reader(kind.length if isinstance(kind, String) else None)


NUL = "\x00"
"""No text column may hold it: PostgreSQL cannot store it, and in an extract it means damage."""


def _texts_reader(length: int | None) -> ColumnReader:
    def read(texts: Texts) -> list[object] | None:
        if length is not None and max(map(len, filter(None, texts)), default=0) > length:
            return None
        if any(NUL in text for text in texts if text):
            return None
        return cast(list[object], texts)

    return read


def _choices_reader(choices: list[str], vocabulary: type[enum.Enum] | None) -> ColumnReader:
    allowed: dict[str | None, object] = {c: vocabulary(c) if vocabulary else c for c in choices}
    allowed[None] = None

    def read(texts: Texts) -> list[object] | None:
        try:
            return [allowed[text] for text in texts]
        except KeyError:
            return None

    return read


def _reader(column: Column[Any], mapping: Mapping) -> Reader:
    kind = column.type
    if isinstance(kind, Enum):
        return _choice_reader(list(kind.enums), kind.enum_class)
    if isinstance(kind, DateTime):
        return datetime_reader(mapping.formats_for(column.name))
    if isinstance(kind, Date):
        return date_reader(mapping.formats_for(column.name))
    if isinstance(kind, Boolean):
        return _boolean
    if isinstance(kind, Integer):
        return _integer_reader(mapping.thousands)
    if isinstance(kind, Numeric):
        return _decimal_reader(mapping, kind.precision, kind.scale)
    if isinstance(kind, JSON):
        return _text_list
    if column.name == "mobile":
        return _mobile
    length = kind.length if isinstance(kind, String) else None
    upper = column.name == "id_number"
    return _text_reader(length, upper=upper)


def _text_reader(length: int | None, *, upper: bool) -> Reader:
    def read(raw: object) -> str:
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)  # Excel keeps numbers such as 客户号 as floats
        text = str(raw)
        if upper:  # identifiers typed by hand: full-width characters, spaces, a small x
            text = _ascii(text).replace(" ", "").upper()
        if length is not None and len(text) > length:
            raise Invalid(f"longer than {length} characters")
        if NUL in text:
            raise Invalid(
                "holds a NUL character (0x00), which no text may hold: the extract may be "
                "damaged or not a text file; export it again or remove the character"
            )
        return text

    return read


def _mobile(raw: object) -> str:
    text = str(int(raw)) if isinstance(raw, int | float) else str(raw)
    number = normalise_mobile(_ascii(text))
    if number is None:
        raise Invalid(f"mobile number {check_mobile(text)}")
    return number


def _ascii(text: str) -> str:
    """Full-width digits and letters as ASCII ones."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def _choice_reader(choices: list[str], vocabulary: type[enum.Enum] | None) -> Reader:
    allowed: dict[str, object] = {c: vocabulary(c) if vocabulary else c for c in choices}
    shown = ", ".join(choices)

    def read(raw: object) -> object:
        try:
            return allowed[str(raw)]
        except KeyError:
            raise Invalid(f"not one of {shown} (translate it under 'values')") from None

    return read


def _boolean(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(int(raw) if isinstance(raw, float) and raw.is_integer() else raw)
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise Invalid("not a yes or no (1/0, true/false, Y/N, 是/否)")


def _integer_reader(thousands: str) -> Reader:
    def read(raw: object) -> int:
        try:
            if isinstance(raw, str):
                number = int(raw.replace(thousands, "") if thousands else raw)
            elif isinstance(raw, float | Decimal) and raw == int(raw):
                number = int(raw)
            else:
                number = int(str(raw))
        except (ValueError, ArithmeticError):
            raise Invalid("not a whole number") from None
        if not -LARGEST_INTEGER <= number <= LARGEST_INTEGER:
            raise Invalid("out of range")
        return number

    return read


def _decimal_reader(mapping: Mapping, precision: int | None, scale: int | None) -> Reader:
    thousands, comma = mapping.thousands, mapping.decimal == ","
    quantum = Decimal(1).scaleb(-scale) if scale is not None else None
    most = Decimal(10) ** (precision - (scale or 0)) if precision is not None else None

    def read(raw: object) -> Decimal:
        if isinstance(raw, bool):
            raise Invalid("not a number")
        if isinstance(raw, float) and scale is not None:
            raw = round(raw, scale)  # a float from Excel: binary noise below the column's scale
        text = str(raw) if isinstance(raw, int | float | Decimal) else _plain_number(raw)
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise Invalid("not a number") from None
        if not number.is_finite() or (most is not None and abs(number) >= most):
            raise Invalid("out of range")
        if quantum is not None:
            exact = number.quantize(quantum)
            if exact != number:
                raise Invalid(f"more than {scale} decimal places")
            return exact
        return number

    def _plain_number(raw: object) -> str:
        text = str(raw).replace(thousands, "") if thousands else str(raw)
        return text.replace(",", ".") if comma else text

    return read


def _text_list(raw: object) -> list[str]:
    if isinstance(raw, list):
        return [str(item) for item in raw]
    return [part.strip() for part in _LIST_SEPARATORS.split(str(raw)) if part.strip()]
