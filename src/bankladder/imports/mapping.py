"""Mapping files: how a bank's extract maps onto one of our source tables.

Format (one YAML document; every scalar is read as the text written, so ``01`` stays ``01``)::

    table: party                 # one of our source tables (store/models.py)
    columns:                     # bank header -> our column
      客户号: id
      客户名称: name
    values:                      # optional, per our column: bank value -> ours
      kind: {个人: person, 对公: enterprise}
    empty: ["", "-", "NULL"]     # optional, values read as empty (default: DEFAULT_EMPTY)
    dates:                       # optional, per our column or 'default': one format or a list
      default: YYYYMMDD          # YYYYMMDD, YYMMDD, YYYY-MM-DD, YYYY/MM/DD, excel-serial
      customer_since: [YYYY-MM-DD, excel-serial]
    decimal: "."                 # optional, "." (default) or ","
    thousands: ","               # optional, ",", ".", " ", "'" or "" (none); default ","
    constants:                   # optional, our column -> a fixed value
      kind: enterprise

``load_mapping`` reports every problem with its file and line (``MappingInvalid``).
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sqlalchemy import Column, Date, DateTime, Enum, MetaData, String, Table
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bankladder.errors import InvalidInput
from bankladder.store.models import Base

NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "branch": ("id",),
    "rm": ("id",),
    "party": ("id",),
    "product": ("code",),
    "holding": ("account_no",),
    "balance": ("holding_id", "snapshot_on"),
    "interaction": ("party_id", "occurred_at", "kind"),
    "need": ("party_id", "kind", "identified_on"),
    "relationship": ("from_party_id", "to_party_id", "kind"),
    "referral": ("referrer_id", "referee_id", "referred_on"),
    "selling_point": ("product_code", "competitor"),
    "benefit": ("party_id", "given_on", "kind"),
    "settlement": ("party_id", "month"),
    "aml_flag": ("party_id", "raised_on"),
    "target_industry": ("code",),
    "rm_specialisation": ("rm_id", "industry_code"),
    "working_calendar": ("day",),
    "loan_document": ("product_code", "code"),
    "loan_application": ("id",),
    "loan_move": ("application_id", "at", "to_status"),
}
"""The importable tables and how a row of each is recognised in the store, in the order of the
index that finds it (a balance extract may name the account number instead of the holding: see
``LOOKUPS``)."""
SOURCE_TABLES = tuple(NATURAL_KEYS)
DEFAULT_EMPTY = ("", "-", "unknown", "NULL", "null", "无")
DEFAULT_DATES_KEY = "default"
Loc = tuple[str | int, ...]


class DateFormat(StrEnum):
    YYYYMMDD = "YYYYMMDD"
    YYMMDD = "YYMMDD"
    ISO = "YYYY-MM-DD"
    SLASHED = "YYYY/MM/DD"
    EXCEL_SERIAL = "excel-serial"


DEFAULT_DATE_FORMATS = (DateFormat.ISO, DateFormat.YYYYMMDD, DateFormat.SLASHED)


class Mapping(BaseModel):
    """A bank's extract mapped onto one source table; checked against the store's columns."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    table: str
    columns: dict[str, str] = Field(min_length=1)
    values: dict[str, dict[str, str]] = {}
    empty: tuple[str, ...] = DEFAULT_EMPTY
    dates: dict[str, tuple[DateFormat, ...]] = {}
    decimal: str = "."
    thousands: str = ","
    constants: dict[str, str] = {}

    @field_validator("dates", mode="before")
    @classmethod
    def _one_format_or_a_list(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: [v] if isinstance(v, str) else v for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _fits_the_store(self) -> Mapping:
        problems = store_problems(self)
        if problems:
            raise StoreMismatch(problems)
        return self

    def formats_for(self, column: str) -> tuple[DateFormat, ...]:
        """The date formats tried, in order, for one of our columns."""
        return self.dates.get(column) or self.dates.get(DEFAULT_DATES_KEY) or DEFAULT_DATE_FORMATS

    def sources(self) -> dict[str, str]:
        """Our column -> the bank header it is read from."""
        return {ours: header for header, ours in self.columns.items()}


class StoreMismatch(ValueError):
    """Names in a mapping that the store does not know, each at its place in the file."""

    def __init__(self, problems: list[tuple[Loc, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(message for _, message in problems))


class MappingInvalid(InvalidInput):
    """A mapping file that cannot be used; ``problems`` holds every ``file:line: message``."""

    def __init__(self, file: str, problems: list[tuple[int, str]]) -> None:
        by_line = sorted(problems, key=lambda problem: problem[0])
        self.problems = [f"{file}:{line}: {message}" for line, message in by_line]
        count = len(self.problems)
        what = f"the mapping has {count} problem{'s' if count != 1 else ''}"
        super().__init__(
            "\n".join([what, *self.problems]), where=file, fix="correct the lines named above"
        )


@dataclass(frozen=True)
class Lookup:
    """A column an extract carries instead of one of ours: ``via`` in ``table.key`` gives
    ``fills`` (a balance extract names the account number, the store keeps the holding id)."""

    fills: str
    table: str
    key: str


LOOKUPS: dict[str, dict[str, Lookup]] = {
    "balance": {"account_no": Lookup(fills="holding_id", table="holding", key="account_no")},
}
_LOOKUP_COLUMNS = Table(
    "lookup_columns",
    MetaData(),
    Column("account_no", String(40), info={"pi": "C2"}),
)


def table_columns(table: str) -> dict[str, Column[Any]]:
    """The columns an extract of one of our source tables may fill, by name: the table's own
    and the looked-up ones that can stand in for one of them."""
    columns = {
        c.name: c
        for c in Base.metadata.tables[table].columns
        if c.info.get("imported", True)  # not the workbench's own (``NOT_IMPORTED``)
    }
    columns.update({name: _LOOKUP_COLUMNS.c[name] for name in LOOKUPS.get(table, {})})
    return columns


def is_required(column: Column[Any]) -> bool:
    """A column every row must fill: not nullable, no default, not a generated key."""
    generated = column.table.autoincrement_column is column
    return not (column.nullable or column.default or column.server_default or generated)


def _close(name: str, known: list[str]) -> list[str]:
    return difflib.get_close_matches(name, known, n=1, cutoff=0.6)


def did_you_mean(name: str, known: list[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest known name, else the known names."""
    close = _close(name, known)
    return f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"


def store_problems(mapping: Mapping) -> list[tuple[Loc, str]]:
    """Every name of ``mapping`` the store does not know, with where it is in the mapping."""
    if mapping.table not in SOURCE_TABLES:
        hint = did_you_mean(mapping.table, list(SOURCE_TABLES))
        return [(("table",), f"unknown table {mapping.table!r}{hint}")]
    columns = table_columns(mapping.table)
    problems = _column_problems(mapping, columns)
    problems += _separator_problems(mapping)
    filled = set(mapping.columns.values()) | set(mapping.constants)
    filled |= {
        lookup.fills for name, lookup in LOOKUPS.get(mapping.table, {}).items() if name in filled
    }
    for name, column in columns.items():
        if is_required(column) and name not in filled:
            fix = "map a bank column to it under 'columns' or give it under 'constants'"
            problems.append(((), f"{mapping.table}.{name} is required: {fix}"))
    return problems


def _column_problems(mapping: Mapping, columns: dict[str, Column[Any]]) -> list[tuple[Loc, str]]:
    known = list(columns)
    problems: list[tuple[Loc, str]] = []
    seen: dict[str, str] = {}

    def unknown(loc: Loc, name: str) -> None:
        problems.append((loc, f"{mapping.table} has no column {name!r}{did_you_mean(name, known)}"))

    for header, ours in mapping.columns.items():
        if ours not in columns:
            unknown(("columns", header), ours)
        elif ours in seen:
            problems.append((("columns", header), f"{ours!r} is already read from {seen[ours]!r}"))
        seen.setdefault(ours, header)
    for ours, value in mapping.constants.items():
        if ours not in columns:
            unknown(("constants", ours, "[key]"), ours)
        elif ours in seen:
            problems.append((("constants", ours), f"{ours!r} is already read from {seen[ours]!r}"))
        else:
            problems += _choice_problems(("constants", ours), columns[ours], [value])
    for ours, table in mapping.values.items():
        if ours not in columns:
            unknown(("values", ours, "[key]"), ours)
        else:
            wanted = [value for value in table.values() if value not in mapping.empty]
            problems += _choice_problems(("values", ours), columns[ours], wanted)
    for ours in mapping.dates:
        if ours == DEFAULT_DATES_KEY:
            continue
        if ours not in columns:
            unknown(("dates", ours, "[key]"), ours)
        elif not isinstance(columns[ours].type, Date | DateTime):
            problems.append((("dates", ours, "[key]"), f"{ours!r} is not a date column"))
    return problems


def _choice_problems(loc: Loc, column: Column[Any], values: list[str]) -> list[tuple[Loc, str]]:
    if not isinstance(column.type, Enum):
        return []
    choices = list(column.type.enums)
    problems: list[tuple[Loc, str]] = []
    for value in values:
        if value not in choices:
            hint = did_you_mean(value, choices) if _close(value, choices) else ""
            problems.append((loc, f"{value!r} is not one of {', '.join(choices)}{hint}"))
    return problems


def _separator_problems(mapping: Mapping) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    if mapping.decimal not in (".", ","):
        problems.append((("decimal",), f"decimal must be '.' or ',', not {mapping.decimal!r}"))
    if mapping.thousands not in (",", ".", " ", "'", ""):
        message = f"""thousands must be ',', '.', ' ', "'" or '', not {mapping.thousands!r}"""
        problems.append((("thousands",), message))
    elif mapping.thousands == mapping.decimal:
        key = "thousands" if "thousands" in mapping.model_fields_set else "decimal"
        problems.append(((key,), "thousands and decimal separators must differ"))
    return problems


def load_mapping(path: str | os.PathLike[str] | Traversable) -> Mapping:
    """The mapping of a YAML file; ``MappingInvalid`` names every problem with its line."""
    source = Path(path) if isinstance(path, str | os.PathLike) else path
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(
            f"cannot read the mapping: {getattr(error, 'strerror', None) or error}",
            where=str(path),
            fix="check the path given with --mapping; a mapping is a UTF-8 YAML file",
        ) from None
    return load_mapping_text(text, file=str(path))


def load_mapping_text(text: str, *, file: str = "<mapping>") -> Mapping:
    """Like ``load_mapping``, from the text of a mapping file."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        detail = " ".join(part for part in (error.context, error.problem) if part)
        line = mark.line + 1 if mark else 1
        raise MappingInvalid(file, [(line, f"not valid YAML: {detail}")]) from None
    if not isinstance(root, MappingNode):
        raise MappingInvalid(file, [(1, "a mapping must be keys such as 'table' and 'columns'")])
    try:
        return Mapping.model_validate(_as_text(root))
    except ValidationError as error:
        raise MappingInvalid(file, list(_problems(error, root))) from None


def _as_text(node: Node) -> object:
    """The data of a node, every scalar as the text written (an empty plain scalar: None)."""
    if isinstance(node, MappingNode):
        return {_as_text(k): _as_text(v) for k, v in node.value}
    if isinstance(node, SequenceNode):
        return [_as_text(item) for item in node.value]
    assert isinstance(node, ScalarNode)
    return None if node.tag == "tag:yaml.org,2002:null" and node.value in ("", "~") else node.value


def _problems(error: ValidationError, root: MappingNode) -> list[tuple[int, str]]:
    problems: list[tuple[int, str]] = []
    for detail in error.errors():
        cause = detail.get("ctx", {}).get("error")
        if isinstance(cause, StoreMismatch):
            problems += [(_line(root, loc), message) for loc, message in cause.problems]
            continue
        loc = tuple(detail["loc"])
        if detail["type"] == "extra_forbidden" and len(loc) == 1:
            hint = did_you_mean(str(loc[0]), list(Mapping.model_fields))
            problems.append((_line(root, loc), f"unknown key {loc[0]!r}{hint}"))
        else:
            where = ".".join(str(part) for part in loc if part != "[key]") or "the mapping"
            problems.append((_line(root, loc), f"{where}: {detail['msg']}"))
    return problems


def _line(root: Node, loc: Loc) -> int:
    """The line of the key (or list item) at ``loc`` as pydantic names places, or its parent's."""
    node, line = root, int(root.start_mark.line) + 1
    for part in loc:
        if isinstance(node, MappingNode):
            entry = next((e for e in node.value if e[0].value == part), None)
            if entry is None:
                break
            node, line = entry[1], int(entry[0].start_mark.line) + 1
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = int(node.start_mark.line) + 1
        else:
            break
    return line
