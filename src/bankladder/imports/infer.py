"""Proposing a mapping file for an extract from its header and its first rows.

``propose_mapping(extract)`` guesses the source table the header fits best, matches each header
to one of our columns (our own names, or the usual headers of core-banking and data-warehouse
extracts in ``bank_terms``), and reads a sample of rows for what a mapping must say: the date
formats, the number separators, the bank's words for our vocabularies and its empty markers.
The result is the text of a mapping file (``mapping.py``), every line commented with why it was
proposed, and notes in words for what a person must decide.

No value of a personal column (class C2) is ever copied into the proposal: only header names,
formats, empty markers from a fixed list and the values of vocabulary columns appear in it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Enum, Integer, Numeric

from bankladder.errors import InvalidInput
from bankladder.imports.bank_terms import EMPTY_MARKERS, HEADERS, known_value, normalise_header
from bankladder.imports.convert import FALSE, TRUE
from bankladder.imports.dates import DATE_PARSERS
from bankladder.imports.mapping import (
    DEFAULT_DATES_KEY,
    DEFAULT_EMPTY,
    LOOKUPS,
    SOURCE_TABLES,
    DateFormat,
    did_you_mean,
    is_required,
    table_columns,
)
from bankladder.imports.readers import Extract, SourceRow

SURE, GUESS = 1.0, 0.5
MOST_CHOICES = 30  # more distinct values than this: not a vocabulary column
_DETECTED = (
    DateFormat.ISO,
    DateFormat.SLASHED,
    DateFormat.YYYYMMDD,
    DateFormat.YYMMDD,
    DateFormat.EXCEL_SERIAL,
)
_PLAIN = re.compile(r"[\w\u3400-\u9fff（）()]+")
_YAML_WORDS = re.compile(r"(?i)(y|n|yes|no|true|false|on|off|null|~|[-+.\d].*)")
_NUMBER = re.compile(r"[+-]?\d[\d,.' ]*")


@dataclass(frozen=True)
class Proposal:
    """A proposed mapping: the table, the text of the mapping file, and notes for a person."""

    table: str
    yaml: str
    notes: list[str]


@dataclass(frozen=True)
class _Match:
    header: str
    column: str
    why: str
    weight: float


def propose_mapping(
    extract: Extract, table: str | None = None, *, sample_rows: int = 200
) -> Proposal:
    """Propose a mapping of ``extract`` onto ``table`` (guessed from the header if not given)."""
    notes: list[str] = []
    chosen = _checked_table(table) if table else _guess_table(extract.header, notes)
    matches = match_headers(extract.header, chosen)
    sample = _sample(extract, sample_rows)
    writer = _MappingWriter(chosen, extract, matches, sample)
    return Proposal(chosen, writer.text(), notes + writer.notes)


def match_headers(header: list[str], table: str) -> list[_Match]:
    """Each header matched to a column of ``table``, at most one header per column."""
    columns = table_columns(table)
    kept: dict[str, _Match] = {}
    for name in header:
        match = _match(name, table, columns)
        if match is None:
            continue
        held = kept.get(match.column)
        if held is None or match.weight > held.weight:
            kept[match.column] = match
    return sorted(kept.values(), key=lambda m: header.index(m.header))


def _match(header: str, table: str, columns: dict[str, Column[Any]]) -> _Match | None:
    key = normalise_header(header)
    for name in columns:
        if header == name or normalise_header(name) == key:
            return _Match(header, name, "named as ours", SURE)
    column = _resolve(HEADERS.get(key, ()), table, columns)
    if column:
        return _Match(header, column, f"a usual bank header for {table}.{column}", SURE)
    words = sorted((w for w in HEADERS if len(w) > 1 and w in key), key=len, reverse=True)
    for word in words:
        column = _resolve(HEADERS[word], table, columns)
        if column:
            return _Match(header, column, f"a guess: the header contains '{word}'", GUESS)
    return None


def _resolve(candidates: tuple[str, ...], table: str, columns: dict[str, Column[Any]]) -> str:
    for candidate in candidates:
        owner, _, name = candidate.rpartition(".")
        if owner in ("", table) and name in columns:
            return name
    return ""


def _checked_table(table: str) -> str:
    if table not in SOURCE_TABLES:
        raise InvalidInput(
            f"unknown table {table!r}{did_you_mean(table, list(SOURCE_TABLES))}",
            fix=f"name one of: {', '.join(SOURCE_TABLES)}",
        )
    return table


def _guess_table(header: list[str], notes: list[str]) -> str:
    """The table whose columns the header matches best; fewer missing required columns wins."""
    scores = {table: _score(header, table) for table in SOURCE_TABLES}
    ranked = sorted(SOURCE_TABLES, key=lambda t: scores[t], reverse=True)
    best, runner_up = ranked[0], ranked[1]
    if scores[best][0] <= 0:
        raise InvalidInput(
            "no column of the file is named like one of ours or a usual bank header",
            fix="name the table the file is for, and map its columns by hand",
        )
    if scores[runner_up][0] >= scores[best][0] - 1:
        notes.append(
            f"The header fits {best} best, but {runner_up} nearly as well: "
            "check that the file is for this table."
        )
    return best


def _score(header: list[str], table: str) -> tuple[float, float]:
    matches = match_headers(header, table)
    matched = sum(m.weight for m in matches)
    return matched, -len(_missing_required(table, {m.column for m in matches}))


def _missing_required(table: str, filled: set[str]) -> list[str]:
    filled |= {v.fills for k, v in LOOKUPS.get(table, {}).items() if k in filled}
    columns = table_columns(table)
    return [name for name, column in columns.items() if is_required(column) and name not in filled]


def _sample(extract: Extract, rows: int) -> list[SourceRow]:
    batches = extract.rows(batch_size=max(rows, 1))
    first = next(batches, [])
    close = getattr(batches, "close", None)  # a generator: let the reader close its file now
    if close is not None:
        close()
    return [row for row in first if row.problem is None]


class _MappingWriter:
    """Writes the mapping file's text, section by section, collecting notes as it goes."""

    def __init__(
        self, table: str, extract: Extract, matches: list[_Match], sample: list[SourceRow]
    ) -> None:
        self.table, self.extract, self.matches = table, extract, matches
        self.columns = table_columns(table)
        self.notes: list[str] = []
        seen = {(v or "").strip() for row in sample for v in row.values.values()}
        self.markers = [m for m in EMPTY_MARKERS if m in seen]
        self.empty = {*DEFAULT_EMPTY, *self.markers}
        self.texts = {m.column: self._texts(sample, m.header) for m in matches}

    def _texts(self, sample: list[SourceRow], header: str) -> list[str]:
        texts = ((row.values.get(header) or "").strip() for row in sample)
        return [text for text in texts if text not in self.empty]

    def text(self) -> str:
        lines = [
            f"# Proposed by bankladder for the {self.table} table from a file's header and rows.",
            "# Check every line, then import with: bankladder import TABLE FILE --mapping THIS",
            f"table: {self.table}",
            "columns:",
            *self._column_lines(),
            *self._value_lines(),
            *self._empty_lines(),
            *self._date_lines(),
            *self._number_lines(),
        ]
        return "\n".join(lines) + "\n"

    def _column_lines(self) -> list[str]:
        by_header = {m.header: m for m in self.matches}
        lines: list[str] = []
        for header in self.extract.header:
            match = by_header.get(header)
            if match is not None:
                lines.append(f"  {_scalar(header)}: {match.column}  # {match.why}")
                if match.weight < SURE:
                    self.notes.append(f"'{header}' was read as {match.column} by {match.why}.")
            else:
                lines.append(f"  # {_scalar(header)}: ?  # matches none of {self.table}'s columns")
        unmatched = [h for h in self.extract.header if h not in by_header]
        if unmatched:
            self.notes.append(
                f"{len(unmatched)} column(s) of the file match none of {self.table}'s and are "
                f"left as comments: {', '.join(unmatched)}."
            )
        for name in _missing_required(self.table, {m.column for m in self.matches}):
            lines.append(f"  # ?: {name}  # required: no header of the file matched it")
            self.notes.append(
                f"{self.table}.{name} is required and no column of the file matched it: map a "
                "bank column to it under 'columns' or give it under 'constants'."
            )
        return lines

    def _value_lines(self) -> list[str]:
        lines: list[str] = []
        for match in self.matches:
            column = self.columns[match.column]
            choices = _choices(column)
            if not choices or column.info.get("pi") == "C2":
                continue
            lines += self._value_map(match, choices)
        if lines and all(line.lstrip().startswith("#") for line in lines):
            return ["# values:", *lines]
        return ["values:", *lines] if lines else []

    def _value_map(self, match: _Match, choices: tuple[str, ...]) -> list[str]:
        distinct = list(dict.fromkeys(self.texts[match.column]))
        if len(distinct) > MOST_CHOICES:
            self.notes.append(
                f"'{match.header}' holds {len(distinct)} different values in the sample, too "
                f"many for {match.column}: check that the column is matched right."
            )
            return []
        accepted = set(choices) | (TRUE | FALSE if choices == ("true", "false") else set())
        known = {t: known_value(t, choices) for t in distinct if t not in accepted}
        lines = [
            f"    {_scalar(t)}: {ours}  # seen in the sample" for t, ours in known.items() if ours
        ]
        unknown = [t for t, ours in known.items() if ours is None]
        lines += [f"    # {_scalar(t)}: ?  # one of {', '.join(choices)}" for t in unknown]
        if unknown:
            self.notes.append(
                f"{len(unknown)} value(s) of '{match.header}' are not known words for "
                f"{match.column}: translate them under 'values' (listed there as comments)."
            )
        if not lines:
            return []
        head = f"  {match.column}:"
        return [head, *lines] if len(unknown) < len(lines) else [f"  #{head[1:]}", *lines]

    def _empty_lines(self) -> list[str]:
        if not self.markers:
            return []
        markers = [*DEFAULT_EMPTY, *(m for m in self.markers if m not in DEFAULT_EMPTY)]
        listed = ", ".join(_quoted(marker) for marker in markers)
        return [f"empty: [{listed}]  # seen in the sample: {', '.join(self.markers)}"]

    def _date_lines(self) -> list[str]:
        """Every format seen in any date column, in the order they are detected, so a value
        reads as it was recognised here (260630 as YYMMDD before any Excel serial number)."""
        seen: dict[DateFormat, list[str]] = {}
        for match in self.matches:
            if isinstance(self.columns[match.column].type, Date | DateTime):
                for found in self._date_formats(match):
                    seen.setdefault(found, []).append(match.header)
        if not seen:
            return []
        formats = [f for f in _DETECTED if f in seen]
        where = "; ".join(f"{f.value} in {', '.join(seen[f])}" for f in formats)
        return ["dates:", f"  {DEFAULT_DATES_KEY}: {_flow(formats)}  # seen: {where}"]

    def _date_formats(self, match: _Match) -> list[DateFormat]:
        counts: Counter[DateFormat] = Counter()
        unread = 0
        for text in self.texts[match.column]:
            found = date_format(text)
            if found is None:
                unread += 1
            else:
                counts[found] += 1
        if unread:
            self.notes.append(
                f"{unread} sample value(s) of '{match.header}' are in no date format bankladder "
                "reads (YYYYMMDD, YYMMDD, YYYY-MM-DD, YYYY/MM/DD, Excel serial numbers)."
            )
        return list(counts)

    def _number_lines(self) -> list[str]:
        texts = [
            text
            for m in self.matches
            if isinstance(self.columns[m.column].type, Numeric | Integer)
            for text in self.texts[m.column]
        ]
        decimal, thousands = number_separators(texts)
        lines = [f"decimal: {_quoted(decimal)}  # seen in the sample"] if decimal == "," else []
        if thousands is not None:
            lines.append(f"thousands: {_quoted(thousands)}  # seen in the sample")
        elif decimal == ",":
            lines.append('thousands: ""  # none seen in the sample')
        return lines


def date_format(text: str) -> DateFormat | None:
    """The format a date (or a date and time) is written in, ``None`` if none we read."""
    day = text.replace("T", " ", 1).partition(" ")[0]
    for format_ in _DETECTED:
        try:
            DATE_PARSERS[format_](text if format_ is DateFormat.EXCEL_SERIAL else day)
        except (ValueError, IndexError, OverflowError):  # Invalid is a ValueError
            continue
        return format_
    return None


def number_separators(texts: list[str]) -> tuple[str, str | None]:
    """The decimal separator and the thousands separator (``None``: none seen) of numbers."""
    decimals: Counter[str] = Counter()
    thousands: Counter[str] = Counter()
    for text in texts:
        if not _NUMBER.fullmatch(text):
            continue
        marks = [c for c in text.lstrip("+-") if not c.isdigit()]
        if not marks:
            continue
        last, before = marks[-1], set(marks[:-1])
        digits_after = len(text) - text.rindex(last) - 1
        if before and last not in before:
            decimals[last] += 1
            thousands.update(before)
        elif before or last in " '" or (last == "," and digits_after == 3):
            thousands[last] += 1
        else:
            decimals[last] += 1
    decimal = decimals.most_common(1)[0][0] if decimals else "."
    grouped = [mark for mark, _ in thousands.most_common() if mark != decimal]
    return decimal, grouped[0] if grouped else None


def _choices(column: Column[Any]) -> tuple[str, ...]:
    if isinstance(column.type, Enum):
        return tuple(column.type.enums)
    return ("true", "false") if isinstance(column.type, Boolean) else ()


def _scalar(text: str) -> str:
    """Text as a YAML scalar: plain when it reads back as itself, else double-quoted."""
    if _PLAIN.fullmatch(text) and not _YAML_WORDS.fullmatch(text):
        return text
    return _quoted(text)


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped) + '"'


def _flow(formats: list[DateFormat]) -> str:
    return formats[0].value if len(formats) == 1 else f"[{', '.join(f.value for f in formats)}]"
