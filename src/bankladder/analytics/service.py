"""Analytics use cases: a view for the caller's scope and a period, and its export (masked,
logged). The caller owns the transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

import pyarrow as pa
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.analytics import repository
from bankladder.analytics.schemas import Filters, Table
from bankladder.analytics.snapshot import Snapshot, build
from bankladder.analytics.views import reads, view
from bankladder.audit import service as audit
from bankladder.errors import InvalidInput
from bankladder.industry import gbt4754
from bankladder.ladder.model import Ladder

LONGEST_PERIOD_DAYS = 5 * 366
"""A period longer than five years is refused: no history here is that old, and the views'
monthly rows would not fit a page."""


def default_period(
    oldest: dt.date | None, newest: dt.date | None, today: dt.date
) -> tuple[dt.date, dt.date]:
    """Up to the newest stage change (or today), the twelve calendar months before it, but not
    before the month of the oldest change: months without history would only show zeros."""
    end = newest or today
    return default_start(end, oldest), end


def default_start(end: dt.date, oldest: dt.date | None) -> dt.date:
    """The first day of the month eleven months before ``end``'s, or of ``oldest``'s month
    when that is later (and not after ``end``)."""
    month = end.month - 11
    start = dt.date(end.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    if oldest is not None and start < oldest <= end:
        return oldest.replace(day=1)
    return start


def filters(
    session: Session,
    today: dt.date,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    branch: str | None = None,
    rm: str | None = None,
    segment: str | None = None,
    industry: str | None = None,
) -> Filters:
    """The filters as asked, the period defaulted by ``default_period``; a reversed or too long
    period is refused in words."""
    oldest, newest = repository.history_span(session)
    first, last = default_period(oldest, newest, today)
    chosen = Filters(
        start=start or (first if end is None else default_start(end, oldest)),
        end=end or last,
        branch=branch,
        rm=rm,
        segment=segment,
        industry=industry,
    ).normalised()
    _check_industry(chosen.industry)
    if chosen.start > chosen.end:
        raise InvalidInput(
            f"the period starts on {chosen.start} after it ends on {chosen.end}",
            where="from/to",
            fix="give a start on or before the end",
        )
    if (chosen.end - chosen.start).days > LONGEST_PERIOD_DAYS:
        raise InvalidInput(
            f"the period {chosen.start} to {chosen.end} is longer than five years",
            where="from/to",
            fix="choose a shorter period",
        )
    return chosen


EVERY_TABLE = ("transitions", "contacts", "answers", "referrals", "loans")


def _check_industry(code: str | None) -> None:
    """An industry filter must be a GB/T 4754 section or division: a typo would otherwise
    show an empty dashboard as if the bank had no such customers."""
    if code is None or gbt4754.is_valid(code):
        return
    near = gbt4754.nearest(code)
    hint = f" (did you mean {near}?)" if near else ""
    raise InvalidInput(
        f"{code!r} is not a GB/T 4754 section or division{hint}",
        where="industry",
        fix="give a section letter such as C or a division such as C13",
    )


def snapshot(
    session: Session,
    principal: Principal | None,
    ladder: Ladder,
    since: dt.date,
    *,
    tables: Sequence[str] = EVERY_TABLE,
    threads: int | None = None,
) -> Snapshot:
    """The caller's parties and the ``tables`` of their history in a DuckDB snapshot (loans
    bring their moves); contacts and answers from ``since`` on (no view reads older ones)."""
    read: dict[str, pa.Table] = {
        "rms": repository.rms(session),
        "parties": repository.parties(session, principal),
    }
    if "transitions" in tables:
        read["transitions"] = repository.transitions(session, principal, ladder)
    if "contacts" in tables:
        read["contacts"] = repository.contacts(session, principal, since)
    if "answers" in tables:
        read["answers"] = repository.answers(session, principal, since)
    if "referrals" in tables:
        read["referrals"] = repository.referrals(session, principal)
    if "loans" in tables:
        read["loans"], read["loan_moves"] = repository.loans(session, principal)
    return build(ladder, read, threads=threads)


def report(
    session: Session,
    principal: Principal | None,
    ladder: Ladder,
    name: str,
    chosen: Filters,
    *,
    threads: int | None = None,
) -> Table:
    """The view ``name`` over the caller's parties (principal None: every party)."""
    return reports(session, principal, ladder, [(name, chosen)], threads=threads)[0]


def reports(
    session: Session,
    principal: Principal | None,
    ladder: Ladder,
    asked: Sequence[tuple[str, Filters]],
    *,
    threads: int | None = None,
) -> list[Table]:
    """Several views (each with its filters) from one snapshot of the caller's parties, which
    holds the tables they read and the contacts and answers since the earliest start."""
    computed = [(view(name), reads(name), chosen) for name, chosen in asked]
    needed = sorted({table for _, tables, _ in computed for table in tables})
    since = min((chosen.start for _, chosen in asked), default=dt.date.today())
    with snapshot(session, principal, ladder, since, tables=needed, threads=threads) as held:
        return [replace(compute(held, chosen), filters=chosen) for compute, _, chosen in computed]


def record_export(
    session: Session, principal: Principal | None, table: Table, fmt: str, at: dt.datetime
) -> None:
    """The ``analytics.export`` audit event: which view, format, filters and how many rows;
    never a value."""
    shown = table.filters.described() if table.filters is not None else {}
    audit.record(
        session,
        principal,
        "analytics.export",
        "report",
        table.view,
        at,
        detail={"format": fmt, "rows": len(table.rows), **shown},
    )
