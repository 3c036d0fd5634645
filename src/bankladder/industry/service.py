"""Use cases of the industry focus: the classification, the bank's target industries and the
RMs' specialisations (set by an administrator, or the store's operator on the command line,
audited), the concentration of each RM's book in the user's scope, and prospect lists per
industry and region. The caller owns the transaction; services flush, never commit."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.audit import service as audit
from bankladder.errors import NotFound
from bankladder.industry import gbt4754, repository
from bankladder.industry.checks import (
    checked_code,
    checked_codes,
    note_problem,
    priority_problem,
    region_problem,
)
from bankladder.industry.concentration import tallied
from bankladder.industry.matching import matches
from bankladder.industry.schemas import (
    BookConcentration,
    Industry,
    IndustryRefused,
    Problem,
    Prospect,
    ProspectList,
    SectionShown,
    Specialisation,
    Target,
)
from bankladder.privacy.masking import party_name
from bankladder.store.models import RelationshipManager, TargetIndustry

TARGET_EVENT, UNTARGET_EVENT = "industry.target", "industry.untarget"
SPECIALISE_EVENT = "industry.specialise"
PROSPECTS_MAX = 100


def industry(code: str) -> Industry:
    """A code with its names (empty names for a code the standard does not know)."""
    found = gbt4754.heading(code)
    return Industry(code, "", "") if found is None else Industry(found.code, found.zh, found.en)


def classification(section: str | None = None) -> tuple[SectionShown, ...]:
    """The sections with their divisions; one section's when ``section`` names one."""
    chosen = [s for s in gbt4754.sections() if section is None or s.code == gbt4754.normal(section)]
    if section is not None and not chosen:
        detail = f"{section!r} is not a section letter A-T"
        problem = Problem("section", "unknown_code", detail, f"“{section}”不是门类字母（A-T）")
        raise IndustryRefused([problem])
    return tuple(
        SectionShown(s.code, s.zh, s.en, tuple(industry(d.code) for d in gbt4754.divisions(s.code)))
        for s in chosen
    )


def targets(session: Session) -> tuple[Target, ...]:
    """The bank's target industries, the first aimed at first; configuration, readable by
    every signed-in user."""
    return tuple(_target(found) for found in repository.targets(session))


def add_target(
    session: Session,
    principal: Principal | None,
    code: str,
    now: dt.datetime,
    *,
    priority: int = 1,
    note: str | None = None,
) -> Target:
    """Aim the bank at an industry (again: its priority and note are replaced); audited."""
    checked, problems = checked_code(code)
    problems += [p for p in (priority_problem(priority), note_problem(note)) if p]
    if checked is None or problems:
        raise IndustryRefused(problems)
    found = repository.target(session, checked)
    kept_note = (note or "").strip() or None
    new = found is None
    if found is None:
        found = TargetIndustry(code=checked, priority=priority, since=now.date(), note=kept_note)
        repository.add_target(session, found)
    else:
        found.priority, found.note = priority, kept_note
        session.flush()
    detail = {"priority": priority, "new": new}
    audit.record(session, principal, TARGET_EVENT, "target_industry", checked, now, detail=detail)
    return _target(found)


def remove_target(
    session: Session, principal: Principal | None, code: str, now: dt.datetime
) -> None:
    """The bank no longer aims at the industry; audited. Not a target: NotFound."""
    checked, problems = checked_code(code)
    if checked is None:
        raise IndustryRefused(problems)
    found = repository.target(session, checked)
    if found is None:
        raise NotFound(
            f"{checked} is not one of the bank's target industries",
            where="code",
            fix="see the targets with `bankladder industry targets`",
        )
    repository.remove_target(session, found)
    audit.record(session, principal, UNTARGET_EVENT, "target_industry", checked, now)


def specialise(
    session: Session,
    principal: Principal | None,
    rm_id: str,
    codes: Iterable[str],
    now: dt.datetime,
) -> Specialisation:
    """Set the industries an RM specialises in (none: clears them); audited."""
    found = repository.rm(session, rm_id.strip())
    if found is None:
        raise NotFound(
            f"no relationship manager {rm_id!r}", where="rm_id", fix="check the RM's number"
        )
    checked, problems = checked_codes(codes)
    if problems:
        raise IndustryRefused(problems)
    repository.replace_specialisations(session, found.id, checked)
    detail: dict[str, Any] = {"codes": checked}
    audit.record(session, principal, SPECIALISE_EVENT, "rm", found.id, now, detail=detail)
    return Specialisation(found.id, found.name, found.branch_id, tuple(map(industry, checked)))


def specialisations(session: Session) -> tuple[Specialisation, ...]:
    """Every RM with their specialisations: the administrator's configuration page."""
    rms = repository.all_rms(session)
    codes = repository.specialisations(session, [r.id for r in rms])
    return tuple(_specialisation(r, codes.get(r.id, [])) for r in rms)


def concentrations(session: Session, principal: Principal | None) -> tuple[BookConcentration, ...]:
    """The concentration of each RM's book (their enterprise customers) the principal reads:
    an RM their own, a manager their branch's RMs, the head office every RM; nobody else any."""
    rms = repository.rms_in_scope(session, principal)
    ids = [r.id for r in rms]
    codes = repository.specialisations(session, ids)
    aimed = [t.code for t in repository.targets(session)]
    books: dict[str, Counter[str | None]] = {rm_id: Counter() for rm_id in ids}
    for rm_id, code, count in repository.book_counts(session, principal, ids):
        books[rm_id][code] += count
    return tuple(
        BookConcentration(
            r.id,
            r.name,
            r.branch_id,
            tuple(map(industry, codes.get(r.id, []))),
            tallied(books[r.id], aimed, codes.get(r.id, [])),
        )
        for r in rms
    )


def prospects(
    session: Session,
    principal: Principal | None,
    code: str,
    region: str | None = None,
    *,
    limit: int = PROSPECTS_MAX,
) -> ProspectList:
    """Enterprises in the principal's scope not yet customers, whose industry ``code``
    covers and in ``region`` (any when None or blank): targeted industries first."""
    checked, problems = checked_code(code)
    shown_region = (region or "").strip() or None
    problems += [p for p in (region_problem(shown_region),) if p]
    if checked is None or problems:
        raise IndustryRefused(problems)
    aimed = [t.code for t in repository.targets(session)]
    total, rows = repository.prospects(
        session, principal, checked, shown_region, aimed, max(1, min(limit, PROSPECTS_MAX))
    )
    return ProspectList(
        industry=industry(checked),
        region=shown_region,
        targeted=matches(checked, aimed),
        total=total,
        prospects=tuple(_prospect(row.Party, row, aimed) for row in rows),
    )


def regions(session: Session, principal: Principal | None) -> list[str]:
    return repository.regions(session, principal)


def _prospect(party: Any, row: Any, aimed: Sequence[str]) -> Prospect:
    code = party.industry_code or ""
    return Prospect(
        party_id=party.id,
        name=party_name(party.name, party.kind.value),
        kind=party.kind.value,
        industry=industry(code),
        region=party.region,
        rm_id=party.rm_id,
        stage_id=row.stage_id,
        stage_rank=int(row.stage_rank or 0),
        targeted=matches(code, aimed),
    )


def _target(found: TargetIndustry) -> Target:
    return Target(industry(found.code), found.priority, found.since, found.note)


def _specialisation(found: RelationshipManager, codes: Sequence[str]) -> Specialisation:
    return Specialisation(found.id, found.name, found.branch_id, tuple(map(industry, codes)))
