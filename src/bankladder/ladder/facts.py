"""Facts: the named, per-party evidence the ladder's criteria are written against.

The engine owns the catalogue of facts (which names exist and their types); the ladder only
needs the types, to check criteria when a playbook is loaded.
"""

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import TypeAlias


class FactType(StrEnum):
    """The type of a fact. ``integer`` and ``decimal`` are both numeric and compare freely."""

    integer = "integer"
    decimal = "decimal"
    boolean = "boolean"

    @property
    def is_numeric(self) -> bool:
        return self is not FactType.boolean


FactValue: TypeAlias = Decimal | int | bool | None
"""One fact of one party. ``None`` is NULL: the fact is unknown (e.g. never contacted)."""

FactTypes: TypeAlias = Mapping[str, FactType]
"""The fact catalogue: fact name -> type."""

Facts: TypeAlias = Mapping[str, FactValue]
"""The facts of one party: fact name -> value. A missing name reads as NULL."""
