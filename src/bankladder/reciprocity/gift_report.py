"""The auditor's report of gifts: per party, per RM and every refused request of a calendar
year, filtered by branch or RM; amounts masked (C2: a gift's worth is the party's), counts and
the share of each party's yearly limit used in full. Exported as CSV with a ``gifts.export``
audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.audit import service as audit
from bankladder.config import Settings
from bankladder.evaluation.ladders import bank_ladder
from bankladder.privacy.masking import MASKED_AMOUNT, party_name
from bankladder.reciprocity import gift_figures, repository
from bankladder.reciprocity.approvals import refusal_words
from bankladder.reciprocity.gift_figures import GiftLine
from bankladder.reciprocity.schemas import GiftReport, PartyGifts, RefusedGift, RmGifts
from bankladder.store.vocabulary import BenefitStatus

EXPORT_EVENT = "gifts.export"
COLUMNS = (
    "section",
    "year",
    "party_id",
    "party_name",
    "rm_id",
    "branch_id",
    "given",
    "given_total",
    "limit_used_pct",
    "refused",
    "given_on",
    "worth",
    "reason",
)


def report(
    session: Session,
    settings: Settings,
    principal: Principal | None,
    year: int,
    *,
    branch_id: str | None = None,
    rm_id: str | None = None,
) -> GiftReport:
    """The gifts of ``year`` in the principal's scope (None: the store's operator)."""
    limits = bank_ladder(session, settings).gifts
    lines = _lines(session, repository.gifts_for_report(session, principal, year, branch_id, rm_id))
    return GiftReport(
        year=year,
        branch_id=branch_id or None,
        rm_id=rm_id or None,
        per_gift=_cny(limits.per_gift),
        per_party_year=_cny(limits.per_party_year),
        without_approval=_cny(limits.without_approval),
        parties=tuple(_party(f) for f in gift_figures.per_party(lines, limits.per_party_year)),
        rms=tuple(_rm(f) for f in gift_figures.per_rm(lines)),
        refused=tuple(_refused(line) for line in gift_figures.refused(lines)),
    )


def export(
    session: Session,
    principal: Principal | None,
    shown: GiftReport,
    now: dt.datetime,
    locale: str,
) -> list[dict[str, Any]]:
    """The report as CSV rows (masked as shown), with the export recorded in the audit trail."""
    rows = csv_rows(shown, locale)
    detail = {
        "year": shown.year,
        "branch_id": shown.branch_id,
        "rm_id": shown.rm_id,
        "rows": len(rows),
        "format": "csv",
    }
    audit.record(session, principal, EXPORT_EVENT, "report", "gifts", now, detail=detail)
    return rows


def csv_rows(shown: GiftReport, locale: str) -> list[dict[str, Any]]:
    """One row per party, per RM and per refused request, ``section`` saying which."""
    rows: list[dict[str, Any]] = []
    for p in shown.parties:
        rows.append(
            {
                "section": "party",
                "year": shown.year,
                "party_id": p.party_id,
                "party_name": p.party_name,
                "rm_id": p.rm_id,
                "given": p.given,
                "given_total": p.given_total,
                "limit_used_pct": p.limit_used_pct,
                "refused": p.refused,
            }
        )
    for r in shown.rms:
        rows.append(
            {
                "section": "rm",
                "year": shown.year,
                "rm_id": r.rm_id,
                "branch_id": r.branch_id,
                "given": r.given,
                "given_total": r.given_total,
                "refused": r.refused,
            }
        )
    for g in shown.refused:
        rows.append(
            {
                "section": "refused",
                "year": shown.year,
                "party_id": g.party_id,
                "party_name": g.party_name,
                "rm_id": g.rm_id,
                "given_on": g.given_on.isoformat(),
                "worth": g.worth,
                "reason": "" if g.reason is None else g.reason.in_(locale),
            }
        )
    return [{column: row.get(column, "") for column in COLUMNS} for row in rows]


def _lines(session: Session, rows: Sequence[Row[Any]]) -> list[GiftLine]:
    refused = [r.Benefit.id for r in rows if r.Benefit.status is BenefitStatus.REFUSED]
    reasons = repository.refusal_codes(session, refused)
    return [
        GiftLine(
            id=r.Benefit.id,
            party_id=r.Benefit.party_id,
            party_name=party_name(r.party_name, r.party_kind.value),
            rm_id=r.Benefit.rm_id,
            branch_id=r.branch_id,
            status=r.Benefit.status,
            given_on=r.Benefit.given_on,
            worth=r.Benefit.worth or Decimal("0.00"),
            refusal=reasons.get(r.Benefit.id),
        )
        for r in rows
    ]


def _cny(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _party(f: gift_figures.PartyFigures) -> PartyGifts:
    return PartyGifts(
        f.party_id,
        f.party_name,
        f.rm_id,
        f.given,
        MASKED_AMOUNT,
        MASKED_AMOUNT,
        f"{f.limit_used_pct}",
        f.refused,
    )


def _rm(f: gift_figures.RmFigures) -> RmGifts:
    return RmGifts(f.rm_id, f.branch_id, f.parties, f.given, MASKED_AMOUNT, f.refused)


def _refused(line: GiftLine) -> RefusedGift:
    return RefusedGift(
        line.id,
        line.party_id,
        line.party_name,
        line.rm_id,
        line.given_on,
        MASKED_AMOUNT,
        refusal_words(line.refusal),
    )
