"""Identity numbers that pass their checksums: resident IDs, credit codes, mobiles, accounts.

The numbers are drawn here; their rules and checks are in ``bankladder.parties.identifiers``.
"""

from __future__ import annotations

import datetime as dt
import random

from bankladder.parties.identifiers import (
    MOBILE_PATTERN,
    credit_code_check,
    is_credit_code,
    is_resident_id,
    luhn_check,
    organisation_code_check,
    resident_id_check,
)

# the checks live in bankladder.parties.identifiers; re-exported for the demo's callers
__all__ = [
    "MOBILE_PATTERN",
    "MOBILE_PREFIXES",
    "account_no",
    "credit_code",
    "is_credit_code",
    "is_resident_id",
    "luhn_check",
    "mobile",
    "resident_id",
]

MOBILE_PREFIXES = (*range(130, 140), *range(150, 160), 166, 173, 176, 177, *range(180, 190), 199)
SERIAL_DIGITS = 7


def resident_id(rng: random.Random, area: str, born_on: dt.date, *, male: bool) -> str:
    sequence = rng.randrange(0, 500) * 2 + (1 if male else 0)
    first17 = f"{area}{born_on:%Y%m%d}{sequence:03d}"
    return first17 + resident_id_check(first17)


def credit_code(rng: random.Random, area: str, *, individual_business: bool) -> str:
    """A unified social credit code issued by the market regulator (registration authority 9)."""
    kind = "92" if individual_business else "91"
    body = "".join(rng.choice("0123456789") for _ in range(8))
    first17 = f"{kind}{area}{body}{organisation_code_check(body)}"
    return first17 + credit_code_check(first17)


def mobile(rng: random.Random) -> str:
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**8):08d}"


def account_no(rng: random.Random, prefix: str, serial: int, length: int) -> str:
    """An account or card number: prefix, random digits, a 7-digit serial, Luhn check digit."""
    filler = length - len(prefix) - SERIAL_DIGITS - 1
    body = f"{prefix}{rng.randrange(10**filler):0{filler}d}{serial:0{SERIAL_DIGITS}d}"
    return body + luhn_check(body)
