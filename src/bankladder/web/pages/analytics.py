"""Manager analytics in the workbench: the dashboard (``/analytics``: the filters, and a card
per view with its chart and its table behind a toggle), one view (``/analytics/funnel``, a route
per view: chart, full table, note, export links), its downloads (``/analytics/funnel.csv`` and
``.xlsx``) and the printable monthly report (``/analytics/monthly.pdf?month=YYYY-MM``).

Pages need ``team.view`` (a manager: their branch's parties; an auditor: every party; the scope
is applied where the snapshot is read); downloads also need ``reports.export``, and each writes
one ``analytics.export`` audit event in the request's unit of work. Filters are the GET form's
query parameters; a bad date or period is answered 400 with the form and the reason in words,
an unknown view is not found (404).
"""

from __future__ import annotations

import base64
import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from bankladder.access.principal import Permission, Principal
from bankladder.analytics import charts, export, monthly, render, repository, service, views
from bankladder.analytics.schemas import Filters, Table
from bankladder.errors import InvalidInput
from bankladder.evaluation.ladders import bank_ladder
from bankladder.ladder.model import Ladder, Text
from bankladder.store.vocabulary import UserRole
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter()
TeamViewer = Annotated[Caller, Depends(Requires(Permission.TEAM_VIEW))]
Exporter = Annotated[Caller, Depends(Requires(Permission.REPORTS_EXPORT))]
Field = Annotated[str, Query(max_length=32)]
Day = Annotated[str, Query(max_length=10)]

MONTHLY = Text("月度经营分析报告", "Monthly analytics report")
WHOLE_BANK = Text("全行", "Whole bank")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Asked:
    """The filters as the form sent them (text, not yet checked)."""

    start: str = ""
    end: str = ""
    branch: str = ""
    rm: str = ""
    segment: str = ""
    industry: str = ""


def asked(
    start: Annotated[str, Query(alias="from", max_length=10)] = "",
    end: Annotated[str, Query(alias="to", max_length=10)] = "",
    branch: Field = "",
    rm: Field = "",
    segment: Field = "",
    industry: Field = "",
) -> Asked:
    return Asked(start, end, branch, rm, segment, industry)


AskedFilters = Annotated[Asked, Depends(asked)]


@dataclass(frozen=True)
class Card:
    """One view as a page shows it: its chart (an SVG drawn from the table, or empty), the
    table's headings and cells in the page's language, its note."""

    view: str
    title: str
    chart: str  # a data: URL of the chart's SVG, or "" when the table has none
    headings: list[str]
    cells: list[list[str]]
    note: str


def day(value: str, where: str) -> dt.date | None:
    """A date of the form (YYYY-MM-DD); blank: not given."""
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(
            f"{value!r} is not a date", where=where, fix="write the date as YYYY-MM-DD"
        ) from None


def chosen_filters(session: Session, principal: Principal, today: dt.date, form: Asked) -> Filters:
    """The form's filters checked, the period defaulted; a manager is held to their branch."""
    branch = principal.branch_id if principal.role is UserRole.MANAGER else form.branch
    return service.filters(
        session,
        today,
        start=day(form.start, "from"),
        end=day(form.end, "to"),
        branch=branch,
        rm=form.rm,
        segment=form.segment,
        industry=form.industry,
    )


def shown_period(form: Asked, chosen: Filters) -> Asked:
    """The form as sent, its dates the period actually used (a blank one was defaulted)."""
    return replace(form, start=chosen.start.isoformat(), end=chosen.end.isoformat())


def query(chosen: Filters, **extra: str) -> str:
    """The filters as the query string of a link (period, branch, RM, segment, industry)."""
    shown = {"from": chosen.start.isoformat(), "to": chosen.end.isoformat()}
    for name in ("branch", "rm", "segment", "industry"):
        value = getattr(chosen, name)
        if value is not None:
            shown[name] = value
    return urlencode({**shown, **extra})


def tables(
    session: Session, principal: Principal, ladder: Ladder, names: Sequence[str], chosen: Filters
) -> list[Table]:
    """Each view's table, from one snapshot of the caller's parties (one read of the store for
    the whole dashboard rather than one per view)."""
    return service.reports(session, principal, ladder, [(name, chosen) for name in names])


def card(table: Table, locale: str) -> Card:
    return Card(
        view=table.view,
        title=table.title.in_(locale),
        chart=picture(charts.svg(table, locale)),
        headings=render.headings(table, locale),
        cells=render.cells(table, locale),
        note=table.note.in_(locale) if table.note is not None else "",
    )


def picture(drawn: str) -> str:
    """The chart's SVG as a ``data:`` URL for an ``<img>``: matplotlib styles its shapes with
    ``style`` attributes, which the pages' Content-Security-Policy (``style-src 'self'``)
    refuses inline but not inside an image; an image runs no script either."""
    if not drawn:
        return ""
    return "data:image/svg+xml;base64," + base64.b64encode(drawn.encode("utf-8")).decode("ascii")


def choices(session: Session, principal: Principal) -> dict[str, list[str]]:
    """The branches (an auditor's choice) and the RMs in the caller's scope, for the form."""
    rms = repository.rms(session).to_pylist()
    if principal.role is UserRole.MANAGER:
        rms = [rm for rm in rms if rm["branch_id"] == principal.branch_id]
    return {
        "branches": sorted({str(rm["branch_id"]) for rm in rms if rm["branch_id"]}),
        "rms": sorted(str(rm["rm_id"]) for rm in rms),
    }


def _page(
    request: Request,
    caller: Caller,
    session: StoreSession,
    template: str,
    form: Asked,
    status: int = 200,
    **context: Any,
) -> Response:
    bench = workbench(request)
    return bench.pages.render(
        template,
        caller.locale,
        status,
        account=caller.account,
        csrf_token=caller.csrf_token,
        form=form,
        choices=choices(session, caller.principal),
        branch_fixed=caller.principal.role is UserRole.MANAGER,
        active_page="analytics",
        **context,
    )


def _refused(
    request: Request, caller: Caller, session: StoreSession, form: Asked, error: InvalidInput
) -> Response:
    return _page(
        request, caller, session, "analytics.html", form, 400, refused=error, cards=[], chosen=None
    )


@router.get("/analytics", name="analytics")
def dashboard(
    request: Request, caller: TeamViewer, session: StoreSession, form: AskedFilters
) -> Response:
    bench = workbench(request)
    try:
        chosen = chosen_filters(session, caller.principal, bench.clock().date(), form)
    except InvalidInput as error:
        return _refused(request, caller, session, form, error)
    ladder = bank_ladder(session, bench.settings)
    found = tables(session, caller.principal, ladder, list(views.MODULES), chosen)
    cards = [card(table, caller.locale.value) for table in found]
    return _page(
        request,
        caller,
        session,
        "analytics.html",
        shown_period(form, chosen),
        cards=cards,
        chosen=chosen,
        link_query=query(chosen),
        month=chosen.end.strftime("%Y-%m"),
        refused=None,
    )


@router.get("/analytics/monthly.pdf", name="analytics_monthly_pdf")
def monthly_pdf(
    request: Request,
    caller: Exporter,
    session: StoreSession,
    form: AskedFilters,
    month: Annotated[str, Query(max_length=7)] = "",
) -> Response:
    """The month's views as one printable PDF (``monthly``: the calendar month, a year for the
    views that need one), over the form's branch, RM, segment and industry."""
    bench = workbench(request)
    first, last = month_bounds(month, bench.clock().date())
    month_long = replace(form, start=first.isoformat(), end=last.isoformat())
    chosen = chosen_filters(session, caller.principal, bench.clock().date(), month_long)
    ladder = bank_ladder(session, bench.settings)
    found = monthly.monthly_tables(session, caller.principal, ladder, first, chosen)
    locale = caller.locale.value
    scope = chosen.branch or WHOLE_BANK.in_(locale)
    body = monthly.pdf(found, first, locale, scope_label=scope, generated_at=bench.clock())
    logged = Table(
        view="monthly",
        title=MONTHLY,
        columns=(),
        rows=[row for table in found for row in table.rows],
        filters=chosen,
    )
    service.record_export(session, caller.principal, logged, "pdf", bench.clock())
    return _download(body, "application/pdf", f"bankladder-monthly-{first:%Y-%m}.pdf")


def month_bounds(month: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of ``YYYY-MM`` (blank: the month before today's)."""
    if not month.strip():
        last_month = today.replace(day=1) - dt.timedelta(days=1)
        month = last_month.strftime("%Y-%m")
    try:
        first = dt.datetime.strptime(month.strip(), "%Y-%m").date()
    except ValueError:
        raise InvalidInput(
            f"{month!r} is not a month", where="month", fix="write the month as YYYY-MM"
        ) from None
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _export(
    request: Request, view: str, caller: Caller, session: Session, form: Asked, fmt: str
) -> Response:
    """One view as a file in the caller's language (masked as the snapshot is), logged."""
    bench = workbench(request)
    chosen = chosen_filters(session, caller.principal, bench.clock().date(), form)
    ladder = bank_ladder(session, bench.settings)
    table = service.report(session, caller.principal, ladder, view, chosen)
    locale = caller.locale.value
    if fmt == "csv":
        body, media = export.csv_bytes(table, locale), "text/csv; charset=utf-8"
    else:
        body, media = export.xlsx_bytes(table, locale), XLSX
    service.record_export(session, caller.principal, table, fmt, bench.clock())
    return _download(body, media, export.filename(table, fmt))


def _download(body: bytes, media: str, name: str) -> Response:
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})


def _one_view(
    request: Request, name: str, caller: Caller, session: Session, form: Asked
) -> Response:
    bench = workbench(request)
    try:
        chosen = chosen_filters(session, caller.principal, bench.clock().date(), form)
    except InvalidInput as error:
        return _refused(request, caller, session, form, error)
    ladder = bank_ladder(session, bench.settings)
    table = service.report(session, caller.principal, ladder, name, chosen)
    return _page(
        request,
        caller,
        session,
        "analytics_view.html",
        shown_period(form, chosen),
        card=card(table, caller.locale.value),
        chosen=chosen,
        link_query=query(chosen),
        may_export=caller.principal.may(Permission.REPORTS_EXPORT),
    )


def _routes_of(name: str) -> None:
    """The view's page and its two downloads. The names are the registry's, fixed at start-up:
    a route per view rather than a path parameter, so an unknown name is simply not found and
    no path takes what would read as an object's id."""

    def page(
        request: Request, caller: TeamViewer, session: StoreSession, form: AskedFilters
    ) -> Response:
        return _one_view(request, name, caller, session, form)

    def csv(
        request: Request, caller: Exporter, session: StoreSession, form: AskedFilters
    ) -> Response:
        return _export(request, name, caller, session, form, "csv")

    def xlsx(
        request: Request, caller: Exporter, session: StoreSession, form: AskedFilters
    ) -> Response:
        return _export(request, name, caller, session, form, "xlsx")

    router.add_api_route(f"/analytics/{name}", page, methods=["GET"], name=f"analytics_{name}")
    router.add_api_route(f"/analytics/{name}.csv", csv, methods=["GET"], name=f"{name}_csv")
    router.add_api_route(f"/analytics/{name}.xlsx", xlsx, methods=["GET"], name=f"{name}_xlsx")


for _name in views.MODULES:
    _routes_of(_name)
