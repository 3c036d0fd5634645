"""Reading a flat file of past contacts with an outcome column into typed model inputs.

The file is read through ``bankladder.imports.readers.open_extract`` (CSV/TSV with the
encoding and delimiter detected, ``--sep`` overriding the delimiter; XLSX; Parquet), so the
same caps and refusals apply as for an import, and rows are numbered as the user sees them.

Typing: a column is numeric when every non-missing value parses as a number, else
categorical (pandas ``category``). The markers in ``MISSING_MARKERS`` (compared without case
and surrounding blanks) are missing values, NaN: LightGBM handles missing values natively (a
split sends them to the side that fits best), so "unknown" is never imputed or dropped. The UCI
bank-marketing data writes "unknown" for an unrecorded job, education or default flag.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd  # type: ignore[import-untyped]

from bankladder.errors import InvalidInput
from bankladder.imports.readers import Extract, open_extract
from bankladder.imports.reading.arrow_csv import ArrowUnsure, data_rows
from bankladder.imports.reading.delimited import CsvExtract
from bankladder.imports.reading.header import checked_header

MISSING_MARKERS = frozenset({"", "na", "n/a", "null", "unknown", "未知"})
"""Cell texts read as a missing value (lower-cased, stripped)."""

ARROW_ROWS = 1_000_000

MAX_CATEGORIES = 1000
"""A text column with more distinct values is an identifier or free text, not a category: it is
left out (and named in the report), since it cannot generalise and slows every fit."""

POSITIVE_WORDS = ("yes", "1", "true", "是")
"""Label values recognised as the positive class when --positive is not given."""


@dataclass(frozen=True)
class OutcomeSpec:
    """What the user said about the file: the label, the time, the columns to leave out."""

    label: str
    positive: str | None = None
    time: str | None = None
    ordered: bool = False
    exclude: tuple[str, ...] = ()
    sep: str | None = None


@dataclass(frozen=True)
class Outcomes:
    """The file as model inputs: typed features, the 0/1 label, the time order if known.

    ``order`` sorts the rows oldest first (times as nanoseconds, or the row position with
    ``--ordered``); ``None`` when the file says nothing about time.
    """

    source: str  # the file's path, or "store: <target> as of <month-ends>" (propensity/history.py)
    sha256: str
    features: pd.DataFrame
    label: npt.NDArray[np.int8]
    order: npt.NDArray[np.int64] | None
    label_column: str
    positive: str
    excluded: tuple[str, ...]
    too_varied: tuple[str, ...] = ()
    horizon: int = 0
    """How long after its time a row's outcome is known, in ``order``'s units (the store's
    rows: 90 days): a training row whose outcome window reaches past the first tested time is
    left out of that fit (``validation.embargoed``). 0 for a file: its outcome is the contact's."""


def read_outcomes(path: Path, spec: OutcomeSpec) -> Outcomes:
    """Read, check and type the file; refuse unknown columns, a bad label or a missing time."""
    extract = open_extract(path)
    if spec.sep is not None:
        extract = with_delimiter(extract, spec.sep)
    check_columns(extract.header, spec, path)
    cells, number = text_columns(extract)
    if not len(cells):
        raise InvalidInput("the file has no data rows", where=str(path), fix="Export the rows.")
    label, positive = label_values(cells[spec.label], number, spec, path)
    order = time_order(cells[spec.time], number, spec.time, path) if spec.time else None
    if spec.ordered:
        order = np.arange(len(cells), dtype=np.int64)
    left_out = {spec.label, *(c for c in [spec.time] if c), *spec.exclude}
    typed = {name: typed_column(cells[name]) for name in extract.header if name not in left_out}
    too_varied = tuple(name for name, column in typed.items() if too_many_categories(column))
    features = pd.DataFrame({n: c for n, c in typed.items() if n not in too_varied})
    if features.shape[1] == 0:
        raise InvalidInput(
            "no feature columns are left", where=str(path), fix="Exclude fewer columns."
        )
    return Outcomes(
        str(path), file_sha256(path), features, label, order, spec.label, positive,
        tuple(spec.exclude), too_varied,
    )  # fmt: skip


def with_delimiter(extract: Extract, sep: str) -> Extract:
    """The same text file read with the delimiter the user named instead of the detected one."""
    if not isinstance(extract, CsvExtract):
        raise InvalidInput(
            "--sep applies to delimited text files only", where=str(extract.path),
            fix="Leave out --sep for a workbook or a Parquet file.",
        )  # fmt: skip
    sep = "\t" if sep in ("\\t", "tab") else sep
    if len(sep) != 1:
        raise InvalidInput(
            f"--sep must be one character, not {sep!r}", where="--sep", fix="Pass e.g. ';'."
        )
    encoding = extract.encoding or "utf-8"
    with extract.path.open(encoding=encoding, newline="") as stream:
        first = next(csv.reader(stream, delimiter=sep), [])
    cells = [*(c.removeprefix("\ufeff") for c in first[:1]), *first[1:]]
    header = checked_header(cells, extract.path, lambda i: str(i + 1))
    return CsvExtract(extract.path, header, extract.limits, encoding, sep)


def check_columns(header: Sequence[str], spec: OutcomeSpec, path: Path) -> None:
    """Refuse names the file does not have, naming the columns it does have."""
    named = [spec.label, *([spec.time] if spec.time else []), *spec.exclude]
    unknown = [name for name in named if name not in header]
    if unknown:
        raise InvalidInput(
            f"the file has no column {', '.join(repr(n) for n in unknown)}",
            where=str(path),
            fix=f"Name one of the file's columns: {', '.join(header)}.",
        )
    if spec.label in spec.exclude or (spec.time and spec.time == spec.label):
        raise InvalidInput(
            f"column {spec.label!r} is the label; it cannot also be excluded or the time",
            where=str(path), fix="Name another column.",
        )  # fmt: skip


def text_columns(extract: Extract) -> tuple[pd.DataFrame, Callable[[int], int]]:
    """Every cell's text, column by column, and a function from a row's position to its number.

    A delimited file is read by PyArrow when it reads it as the row reader would (``arrow_csv``),
    else row by row; the row numbers are then found only when a refusal needs one.
    """
    if isinstance(extract, CsvExtract):
        try:
            tables = list(data_rows(extract, ARROW_ROWS))
        except ArrowUnsure:
            tables = None
        if tables is not None:
            if not tables:
                return pd.DataFrame(columns=extract.header), lambda position: position
            frame = pd.concat([t.to_pandas() for t in tables], ignore_index=True)
            if len(frame) > extract.limits.max_rows:
                raise extract.too_many_rows(row_number(extract, extract.limits.max_rows))
            return frame, lambda position: row_number(extract, position)
    return streamed_columns(extract)


def row_number(extract: Extract, position: int) -> int:
    """The number the user sees for the data row at 0-based ``position``."""
    for batch in extract.rows():
        if position < len(batch):
            return batch[position].number
        position -= len(batch)
    return -1


def streamed_columns(extract: Extract) -> tuple[pd.DataFrame, Callable[[int], int]]:
    """The cells read row by row through ``Extract.rows()``; a misshapen row refuses."""
    rows: list[int] = []
    cells: dict[str, list[str | None]] = {name: [] for name in extract.header}
    for batch in extract.rows():
        for row in batch:
            if row.problem:
                raise InvalidInput(
                    row.problem, where=f"{extract.path}, row {row.number}",
                    fix="Correct the row so it has one field per column.",
                )  # fmt: skip
            rows.append(row.number)
            values = row.values
            for name, column in cells.items():
                column.append(values.get(name))
    frame = pd.DataFrame({n: pd.Series(c, dtype=object) for n, c in cells.items()})
    return frame, rows.__getitem__


def missing_mask(texts: pd.Series) -> npt.NDArray[np.bool_]:
    """True where a cell is empty or one of the missing markers."""
    lowered = texts.str.strip().str.lower()
    return np.asarray(texts.isna() | lowered.isin(MISSING_MARKERS), dtype=bool)


def typed_column(texts: pd.Series) -> pd.Series:
    """Numeric when every non-missing value parses as a number, else categorical."""
    missing = missing_mask(texts)
    present = texts.where(~missing, None)
    numbers = pd.to_numeric(present.str.strip(), errors="coerce")
    if int(numbers.notna().sum()) == int((~missing).sum()):
        return numbers.astype("float64")
    stripped = present.str.strip()
    categories = sorted(stripped.dropna().unique())
    return pd.Series(pd.Categorical(stripped, categories=categories))


def too_many_categories(column: pd.Series) -> bool:
    """Whether a categorical column has more than ``MAX_CATEGORIES`` distinct values."""
    return isinstance(column.dtype, pd.CategoricalDtype) and (
        len(column.cat.categories) > MAX_CATEGORIES
    )


def label_values(
    values: pd.Series, number: Callable[[int], int], spec: OutcomeSpec, path: Path
) -> tuple[npt.NDArray[np.int8], str]:
    """The label as 0/1 and the positive value; refuse missing labels and a non-binary label."""
    texts = values.str.strip()
    missing = missing_mask(texts)
    if missing.any():
        raise InvalidInput(
            f"the label column {spec.label!r} is empty or unknown",
            where=f"{path}, row {number(int(np.argmax(missing)))}",
            fix="Give every row an outcome, or remove the rows without one.",
        )
    seen = sorted(texts.unique())
    positive = spec.positive if spec.positive is not None else default_positive(seen)
    if positive is None or (spec.positive is None and len(seen) > 2):
        raise InvalidInput(
            f"the label column {spec.label!r} holds {', '.join(map(repr, seen[:20]))}; "
            "which is the positive outcome is not clear",
            where=str(path),
            fix="Name the positive value with --positive (every other value is negative).",
        )
    if positive not in seen:
        raise InvalidInput(
            f"--positive {positive!r} is not a value of {spec.label!r}: "
            f"it holds {', '.join(map(repr, seen[:20]))}",
            where="--positive", fix="Name one of the values the label column holds.",
        )  # fmt: skip
    label = np.asarray(texts == positive, dtype=np.int8)
    if label.min() == label.max():
        raise InvalidInput(
            f"the label column {spec.label!r} has only one outcome",
            where=str(path), fix="Train on a file with both outcomes.",
        )  # fmt: skip
    return label, positive


def default_positive(seen: Sequence[str]) -> str | None:
    """The one recognised positive word among two values seen, compared without case."""
    if len(seen) != 2:
        return None
    found = [value for value in seen if value.lower() in POSITIVE_WORDS]
    return found[0] if len(found) == 1 else None


def time_order(
    values: pd.Series, number: Callable[[int], int], column: str, path: Path
) -> npt.NDArray[np.int64]:
    """The times as nanoseconds since 1970; a row without a readable time refuses."""
    texts = values.str.strip()
    times = pd.to_datetime(texts, errors="coerce", format="mixed", utc=True)
    bad = np.asarray(times.isna(), dtype=bool)
    if bad.any():
        first = int(np.argmax(bad))
        raise InvalidInput(
            f"the time column {column!r} holds {values.iloc[first]!r}, which is not a date or time",
            where=f"{path}, row {number(first)}",
            fix="Give every row a date such as 2024-05-31, or use --ordered.",
        )
    return np.asarray(times.astype("int64"), dtype=np.int64)


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes: which data a model was trained on."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
