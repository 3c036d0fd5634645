"""Default masks for personal information (JR/T 0171-2020 class C2 and names of persons).

mobile 138****1234; 18-digit ID first 3 + last 4; account or card first 6 + last 4;
a person's name keeps the surname: 张**. Enterprise names are not personal and stay whole.
"""

from __future__ import annotations

MASKED_AMOUNT = "****"
"""What a masked amount (a balance) shows."""


def _keep(value: str, head: int, tail: int) -> str:
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail :]


def mask_mobile(value: str | None) -> str | None:
    return None if value is None else _keep(value, 3, 4)


def mask_id_number(value: str | None) -> str | None:
    return None if value is None else _keep(value, 3, 4)


def mask_account(value: str | None) -> str | None:
    return None if value is None else _keep(value, 6, 4)


def mask_person_name(value: str) -> str:
    return value[:1] + "*" * (len(value) - 1) if value else value


def party_name(name: str, kind: str) -> str:
    """How a party's name is shown by default: persons masked, enterprises whole."""
    return mask_person_name(name) if kind == "person" else name
