"""Party resolution: find duplicate parties, merge two into one, map aliases and incoming rows.

The caller owns the transaction: these functions flush, never commit.

Merging OTHER into KEEP moves every row that names OTHER (every foreign key to ``party.id``)
to KEEP, under three rules where a row cannot simply move:

- a row that would link KEEP to itself (a relationship or referral between the two) is dropped;
- a row that would break a unique constraint (an assessment or transition of a date KEEP also
  has, a relationship KEEP also has) is dropped: KEEP's row wins, as KEEP is the party the user
  chose to keep;
- where the clash is on a partial unique index that a status falsifies (one *live* action per
  party and criterion), OTHER's row is closed instead (``CLOSE_ON_CLASH``: the action becomes
  ``resolved``) and moved, so its history stays.

KEEP's empty attributes are filled from OTHER, OTHER's party row is deleted, and OTHER becomes
an alias of KEEP (``party_alias``, reason ``merged``); aliases that pointed at OTHER follow it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations, groupby
from typing import Any

from sqlalchemy.orm import Session

from bankladder.audit import service as audit
from bankladder.errors import InvalidInput, NotFound
from bankladder.parties import repository
from bankladder.parties.repository import PartyReference
from bankladder.parties.resolution import (
    BLOCK_LIMIT,
    STRENGTH,
    Match,
    PartyRecord,
    Rule,
    Verdict,
    blocking_keys,
    decide,
    mobile_key,
    normalise_id_number,
    stronger,
)
from bankladder.parties.schemas import DuplicatePair, MergeReport, TableMerge
from bankladder.privacy.masking import mask_id_number, mask_mobile, party_name
from bankladder.store.vocabulary import ActionStatus

MERGED = "merged"
KNOWN_ALIAS = "known_alias"
KEY_CHUNK = 5_000


def close_on_clash(table: str, today: dt.date) -> dict[str, Any] | None:
    """How a table closes a row instead of dropping it, when only a live row may exist."""
    if table == "action":
        return {"status": ActionStatus.RESOLVED.value, "updated_on": today}
    return None


# ---- finding duplicates -------------------------------------------------------------------


def find_duplicates(session: Session, *, limit: int = BLOCK_LIMIT) -> list[DuplicatePair]:
    """Every pair of parties that are (``same``) or may be (``likely``) one, strongest first."""
    table = repository.create_key_table(session)
    for chunk in repository.party_records(session):
        keys = [{"block_key": k, "party_id": r.id} for r in chunk for k in blocking_keys(r)]
        for start in range(0, len(keys), KEY_CHUNK):
            repository.add_keys(session, table, keys[start : start + KEY_CHUNK])
    found: dict[tuple[str, str], tuple[Match, PartyRecord, PartyRecord]] = {}
    for _, block in groupby(repository.blocks(session, table, limit), key=lambda pair: pair[0]):
        for first, second in combinations([record for _, record in block], 2):
            match = decide(first, second)
            if match is not None:
                pair = (first.id, second.id)
                earlier = found.get(pair)
                found[pair] = (stronger(earlier[0], match) if earlier else match, first, second)
    repository.drop_key_table(session, table)
    pairs = [_pair(match, first, second) for match, first, second in found.values()]
    return sorted(pairs, key=lambda p: (STRENGTH[p.rule], p.first_id, p.second_id))


def _pair(match: Match, first: PartyRecord, second: PartyRecord) -> DuplicatePair:
    evidence = {
        "first_name": party_name(first.name, first.kind),
        "second_name": party_name(second.name, second.kind),
    }
    if match.rule in (Rule.SAME_ID_NUMBER, Rule.SAME_UNCHECKED_ID_NUMBER):
        evidence["id_number"] = mask_id_number(normalise_id_number(first.id_number)) or ""
    if match.rule in (Rule.SAME_NAME_AND_MOBILE, Rule.SHARED_MOBILE):
        evidence["mobile"] = mask_mobile(mobile_key(first.mobile)) or ""
    if match.rule is Rule.SAME_NAME_AND_REGION:
        evidence["region"] = first.region or ""
    return DuplicatePair(first.id, second.id, match.verdict, match.rule, evidence)


# ---- merging ------------------------------------------------------------------------------


def merge_preview(session: Session, keep: str, other: str) -> dict[str, int]:
    """Checks the merge is allowed; how many rows of each table name OTHER."""
    _parties(session, keep, other)
    return repository.count_references(session, other)


def merge(
    session: Session, keep: str, other: str, *, now: dt.datetime | None = None
) -> MergeReport:
    """Merge OTHER into KEEP (see the module's rules); refuse an unknown, merged or
    mismatched party."""
    moment = now or dt.datetime.now()
    keep_row, other_row = _parties(session, keep, other)
    report = MergeReport(keep, other)
    for reference in repository.party_references():
        merged = _merge_table(session, reference, keep, other, moment.date())
        if merged.moved or merged.dropped or merged.closed:
            report.tables.append(merged)
    filled = {
        name: other_row[name]
        for name, value in keep_row.items()
        if value is None and other_row.get(name) is not None
    }
    repository.fill_party(session, keep, filled)
    report.filled = sorted(filled)
    repository.delete_party(session, other)
    repository.record_alias(
        session, {"alias_id": other, "party_id": keep, "reason": MERGED, "merged_at": moment}
    )
    moved = {merged.table: merged.moved for merged in report.tables}
    detail = {"merged": other, "tables": moved, "filled": report.filled}
    audit.record(session, None, "party.merge", "party", keep, moment, detail=detail)
    return report


def _parties(session: Session, keep: str, other: str) -> tuple[dict[str, Any], dict[str, Any]]:
    if keep == other:
        raise InvalidInput(
            f"cannot merge party {keep} into itself",
            where="KEEP and OTHER",
            fix="name the party to keep first and its duplicate second",
        )
    keep_row, other_row = _party(session, keep, "KEEP"), _party(session, other, "OTHER")
    if keep_row["kind"] != other_row["kind"]:
        raise InvalidInput(
            f"party {keep} is a {keep_row['kind']} and {other} is a {other_row['kind']}: "
            "a person and an enterprise are never one party",
            where="KEEP and OTHER",
            fix="check the customer numbers; link a person to an enterprise with a relationship",
        )
    return keep_row, other_row


def _party(session: Session, party_id: str, role: str) -> dict[str, Any]:
    row = repository.party_row(session, party_id)
    if row is not None:
        return row
    known = repository.alias(session, party_id)
    if known is not None:
        raise NotFound(
            f"party {party_id} was already merged into {known.party_id} "
            f"on {known.merged_at:%Y-%m-%d} ({known.reason})",
            where=role,
            fix=f"use {known.party_id} instead",
        )
    raise NotFound(
        f"no party {party_id}",
        where=role,
        fix="check the customer number; `bankladder parties duplicates` lists candidates",
    )


def _merge_table(
    session: Session, reference: PartyReference, keep: str, other: str, today: dt.date
) -> TableMerge:
    merged = TableMerge(reference.table.name)
    merged.dropped += repository.drop_self_links(session, reference, keep, other)
    closing = close_on_clash(reference.table.name, today)
    for column in reference.columns:
        for unique in reference.unique_sets(column):
            clash = repository.clashes(reference, column, unique, keep, other)
            if unique.where is not None and closing is not None:
                merged.closed += repository.close_rows(session, reference.table, clash, closing)
            else:
                merged.dropped += repository.drop_rows(session, reference.table, clash)
        merged.moved += repository.move(session, column, keep, other)
    return merged


# ---- aliases and incoming rows (for the importer) -----------------------------------------


def any_alias(session: Session) -> bool:
    """Whether any customer number stands for another party (none: nothing to translate)."""
    return repository.any_alias(session)


def resolve_aliases(session: Session, ids: Sequence[str]) -> dict[str, str]:
    """For each of ``ids`` that is an alias: the party it now stands for."""
    return repository.aliases(session, ids)


def match_incoming(
    session: Session, rows: Sequence[Mapping[str, Any]]
) -> dict[str, tuple[str, str]]:
    """Incoming party rows that are a party already known: row id -> (party id, reason).

    A row whose id is an alias maps to its party (reason ``known_alias``); a row whose id is
    not yet a party maps to an existing party, or to an earlier row of ``rows``, that is the
    SAME under the resolution rules (reason: the rule). Rows whose id is already a party are
    left out: they update that party. LIKELY pairs are never mapped here: they are listed by
    :func:`find_duplicates` once imported.
    """
    records = [_incoming(row) for row in rows]
    ids = [record.id for record in records]
    known = repository.existing_party_ids(session, ids)
    aliased = repository.aliases(session, ids)
    fresh = [r for r in records if r.id not in known]
    index = _Index(_stored_candidates(session, fresh))
    matches: dict[str, tuple[str, str]] = {}
    for record in fresh:
        if record.id in aliased:
            matches[record.id] = (aliased[record.id], KNOWN_ALIAS)
            continue
        found = index.best(record)
        if found is not None:
            target, rule = found
            matches[record.id] = (matches.get(target, (target, ""))[0], rule.value)
        index.add(record)
    return matches


def record_aliases(
    session: Session, matches: Mapping[str, tuple[str, str]], *, at: dt.datetime
) -> None:
    """Remember each matched row id as an alias of its party (known aliases are kept)."""
    for alias_id, (party_id, reason) in matches.items():
        if reason != KNOWN_ALIAS:
            repository.record_alias(
                session,
                {"alias_id": alias_id, "party_id": party_id, "reason": reason, "merged_at": at},
            )


def _incoming(row: Mapping[str, Any]) -> PartyRecord:
    def text(name: str) -> str | None:
        value = row.get(name)
        return None if value is None else str(value)

    return PartyRecord(
        str(row["id"]),
        str(row.get("kind") or ""),
        str(row.get("name") or ""),
        text("id_number"),
        text("mobile"),
        text("region"),
    )


def _stored_candidates(session: Session, records: Iterable[PartyRecord]) -> list[PartyRecord]:
    numbers: set[str] = set()
    mobiles: set[str] = set()
    for record in records:
        numbers.update(v for v in (record.id_number, normalise_id_number(record.id_number)) if v)
        mobiles.update(v for v in (record.mobile, mobile_key(record.mobile)) if v)
    return repository.parties_by_identifiers(session, numbers, mobiles)


class _Index:
    """Parties by blocking key: the stored candidates, then each incoming row as it is read."""

    def __init__(self, stored: list[PartyRecord]) -> None:
        self.by_key: dict[str, list[tuple[bool, PartyRecord]]] = {}
        for record in stored:
            self._put(record, incoming=False)

    def add(self, record: PartyRecord) -> None:
        self._put(record, incoming=True)

    def _put(self, record: PartyRecord, *, incoming: bool) -> None:
        for key in blocking_keys(record):
            self.by_key.setdefault(key, []).append((incoming, record))

    def best(self, record: PartyRecord) -> tuple[str, Rule] | None:
        """The SAME party of the strongest rule; a stored party before an earlier row."""
        found: list[tuple[int, bool, str]] = []
        for key in blocking_keys(record):
            for incoming, candidate in self.by_key.get(key, []):
                match = decide(record, candidate)
                if match is not None and match.verdict is Verdict.SAME:
                    found.append((STRENGTH[match.rule], incoming, candidate.id))
        if not found:
            return None
        strength, _, party_id = min(found)
        return party_id, list(Rule)[strength]
