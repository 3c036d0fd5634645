"""The auditor's report of gifts (``GET /reports/gifts``): per party, per RM and every refused
request of a calendar year, filtered by branch or RM, masked; ``?format=csv`` downloads it as
CSV, recorded in the audit trail (``gifts.export``)."""

from __future__ import annotations

import csv
import io
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from bankladder.access.principal import Permission
from bankladder.reciprocity import gift_report
from bankladder.web.dependencies import Caller, Requires, StoreSession, workbench

router = APIRouter()
Auditor = Annotated[Caller, Depends(Requires(Permission.AUDIT_READ))]


@router.get("/reports/gifts", name="gift_report")
def gifts_of_year(
    request: Request,
    caller: Auditor,
    session: StoreSession,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    branch: Annotated[str, Query(max_length=32)] = "",
    rm: Annotated[str, Query(max_length=32)] = "",
    fmt: Annotated[str, Query(alias="format", max_length=8, pattern="^(html|csv)?$")] = "",
) -> Response:
    bench = workbench(request)
    now = bench.clock()
    chosen = year or now.year
    shown = gift_report.report(
        session, bench.settings, caller.principal, chosen, branch_id=branch, rm_id=rm
    )
    if fmt == "csv":
        rows = gift_report.export(session, caller.principal, shown, now, caller.locale.value)
        return _csv(rows, chosen)
    return bench.pages.render(
        "gift_report.html",
        caller.locale,
        200,
        account=caller.account,
        csrf_token=caller.csrf_token,
        report=shown,
        csv_query=_query(chosen, branch, rm),
    )


def _query(year: int, branch: str, rm: str) -> str:
    chosen = {"year": str(year), "branch": branch, "rm": rm, "format": "csv"}
    return urlencode({key: value for key, value in chosen.items() if value})


def _csv(rows: list[dict[str, object]], year: int) -> Response:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(gift_report.COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    headers = {"Content-Disposition": f'attachment; filename="gifts-{year}.csv"'}
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
