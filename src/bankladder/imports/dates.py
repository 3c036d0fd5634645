"""Reading dates and times as banks write them: YYYYMMDD, YYMMDD, YYYY-MM-DD, YYYY/MM/DD and
Excel serial numbers, each reader built once per column from the mapping's formats. A time
with a UTC offset is stored as the same instant in local time (``local_time``).

``iso_dates_reader`` and ``iso_stamps_reader`` read a whole column of ISO text at once (the
common case, and where a large import spends its time); they give up (``None``) on any cell
the one-cell readers would read another way, and the column is then read cell by cell."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import NoReturn

from bankladder.imports.invalid import Invalid
from bankladder.imports.mapping import DateFormat

EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # Excel's day 0, after its 1900 leap-year bug
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?")


def date_reader(formats: tuple[DateFormat, ...]) -> Callable[[object], dt.date]:
    parsers = [DATE_PARSERS[f] for f in formats]
    serial = DateFormat.EXCEL_SERIAL in formats
    wanted = f"not a date in {' or '.join(formats)}"

    def read(raw: object) -> dt.date:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        if serial and isinstance(raw, int | float) and not isinstance(raw, bool):
            return _excel_serial(raw).date()
        text = str(int(raw)) if isinstance(raw, int | float) else str(raw)
        for parse in parsers:
            try:
                return parse(text)
            except (ValueError, IndexError):
                continue
        raise Invalid(wanted)

    return read


def datetime_reader(formats: tuple[DateFormat, ...]) -> Callable[[object], dt.datetime]:
    read_date = date_reader(formats)
    iso = DateFormat.ISO in formats

    def read(raw: object) -> dt.datetime:
        if isinstance(raw, dt.datetime):
            return local_time(raw)
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return _excel_serial(raw)
        text = str(raw)
        if iso and _looks_iso_stamp(text):  # the common case
            try:
                stamp = dt.datetime.fromisoformat(text)
            except ValueError:
                pass
            else:
                return local_time(stamp)
        day, _, time = text.replace("T", " ", 1).partition(" ")
        midnight = dt.datetime.combine(read_date(day), dt.time())
        if not time:
            return midnight
        match = _TIME.fullmatch(time.strip())
        if match is None:
            raise Invalid("not a time of day (HH:MM or HH:MM:SS)")
        hour, minute, second, fraction = match.groups()
        try:
            clock = dt.time(
                int(hour), int(minute), int(second or 0), int((fraction or "0").ljust(6, "0"))
            )
        except ValueError:
            raise Invalid("not a time of day (HH:MM or HH:MM:SS)") from None
        return dt.datetime.combine(midnight.date(), clock)

    return read


def local_time(stamp: dt.datetime) -> dt.datetime:
    """The store keeps local times without a zone: a time given with one (``...+00:00``, a
    Parquet ``timestamp[tz=UTC]``) is kept as the same instant in this machine's local time."""
    return stamp if stamp.tzinfo is None else stamp.astimezone().replace(tzinfo=None)


def _looks_iso_stamp(text: str) -> bool:
    return len(text) > 10 and text[4] == "-" and text[10] in " T"


def iso_stamps_reader(
    formats: tuple[DateFormat, ...],
) -> Callable[[list[str | None]], list[object] | None]:
    """Timestamps of a column, when each is ISO (``2025-01-31 09:30:00``) without a zone."""
    if DateFormat.ISO not in formats:
        return _never

    def read(texts: list[str | None]) -> list[object] | None:
        try:
            stamps = [
                None if t is None else _from_iso(t) if _looks_iso_stamp(t) else _other(t)
                for t in texts
            ]
        except ValueError:
            return None
        if any(stamp.tzinfo is not None for stamp in stamps if stamp is not None):
            return None
        return list(stamps)

    return read


def iso_dates_reader(
    formats: tuple[DateFormat, ...],
) -> Callable[[list[str | None]], list[object] | None]:
    """Dates of a column, when each is YYYY-MM-DD (no other format reads such text otherwise)."""
    if DateFormat.ISO not in formats:
        return _never

    def read(texts: list[str | None]) -> list[object] | None:
        try:
            return [
                None
                if t is None
                else _from_iso_date(t)
                if len(t) == 10 and t[4] == "-" and t[7] == "-"
                else _other(t)
                for t in texts
            ]
        except ValueError:
            return None

    return read


_from_iso = dt.datetime.fromisoformat
_from_iso_date = dt.date.fromisoformat


def _other(text: str) -> NoReturn:
    raise ValueError(text)


def _never(_texts: list[str | None]) -> None:
    return None


def _excel_serial(raw: object) -> dt.datetime:
    try:
        days = float(str(raw))
    except ValueError:
        raise Invalid("not an Excel serial date") from None
    if not 1 <= days < 2958466:
        raise Invalid("not an Excel serial date (1 to 2958465)")
    return EXCEL_EPOCH + dt.timedelta(days=days)


def _compact(text: str) -> dt.date:
    if len(text) != 8 or not text.isdigit():
        raise ValueError(text)
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))


def _short(text: str) -> dt.date:
    if len(text) != 6 or not text.isdigit():
        raise ValueError(text)
    return dt.datetime.strptime(text, "%y%m%d").date()  # 69-99: 1900s, 00-68: 2000s


def _dashed(text: str) -> dt.date:
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def _slashed(text: str) -> dt.date:
    year, month, day = text.split("/")
    if len(year) != 4 or not (0 < len(month) <= 2 and 0 < len(day) <= 2):
        raise ValueError(text)
    return dt.date(int(year), int(month), int(day))


def _serial_text(text: str) -> dt.date:
    return _excel_serial(text).date()


DATE_PARSERS: dict[DateFormat, Callable[[str], dt.date]] = {
    DateFormat.YYYYMMDD: _compact,
    DateFormat.YYMMDD: _short,
    DateFormat.ISO: _dashed,
    DateFormat.SLASHED: _slashed,
    DateFormat.EXCEL_SERIAL: _serial_text,
}
