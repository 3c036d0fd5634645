"""How an import meets party resolution (``bankladder.parties``).

- A party row whose customer number is new but which describes a party the store (or an earlier
  row of the file) already holds, by the SAME rules (the same valid ID number or credit code, or
  the same name and mobile), is not added as a second party: its number is recorded as an alias
  of that party. So is a row whose number is already an alias. The party's own row is not
  changed by it: the first party holds.
- Any other table's reference to a party by an alias (a holding under the customer's second
  number) is read as a reference to the party it stands for, before the row is checked.

Likely duplicates that the rules cannot decide are imported as they are and listed by
``bankladder parties duplicates``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from bankladder.parties import service as parties

Rows = list[dict[str, Any]]


def party_columns(target: Table) -> list[str]:
    """The columns of ``target`` that name a party."""
    return [
        key.parent.name
        for key in target.foreign_keys
        if key.column.table.name == "party" and key.column.name == "id"
    ]


class AliasTranslation:
    """Reads references by alias as references to the party; asks the store once per number."""

    def __init__(self, session: Session, target: Table) -> None:
        self.session = session
        self.columns = party_columns(target)
        self.active = bool(self.columns) and parties.any_alias(session)
        self.asked: dict[str, str | None] = {}

    def __call__(self, rows: Rows) -> None:
        if not self.active:
            return
        named = {row.get(c) for row in rows for c in self.columns}
        wanted = {str(number) for number in named if number is not None} - self.asked.keys()
        if wanted:
            found = parties.resolve_aliases(self.session, sorted(wanted))
            self.asked.update({number: found.get(number) for number in wanted})
        for row in rows:
            for column in self.columns:
                party = self.asked.get(row.get(column))  # type: ignore[arg-type]
                if party is not None:
                    row[column] = party


class PartyRecognition:
    """Party rows that are a party already held: set aside, remembered as aliases once written."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.pending: dict[str, tuple[str, str]] = {}
        self.recognised = 0

    def set_aside(self, rows: list[tuple[int, dict[str, Any]]]) -> list[tuple[int, dict[str, Any]]]:
        """The rows to write; the others are remembered until ``written``."""
        matches = parties.match_incoming(self.session, [row for _, row in rows])
        if not matches:
            return rows
        self.pending.update(matches)
        return [(number, row) for number, row in rows if row["id"] not in matches]

    def written(self) -> None:
        """Record the aliases of the rows set aside (their parties are in the store now)."""
        if self.pending:
            parties.record_aliases(self.session, self.pending, at=dt.datetime.now())
            self.recognised += len(self.pending)
            self.pending = {}
