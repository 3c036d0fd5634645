"""Identity numbers that pass their checksums: resident IDs, credit codes, mobiles, accounts.

- Resident identity number (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit
  sequence (odd for men), ISO 7064 MOD 11-2 check character.
- Unified social credit code (GB 32100-2015): registration authority, organisation type,
  6-digit area, 9-character organisation code (GB 11714 check), MOD 31 check character.
"""

from __future__ import annotations

import datetime as dt
import random
import re

RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECKS = "10X98765432"
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
ORGANISATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
MOBILE_PREFIXES = (*range(130, 140), *range(150, 160), 166, 173, 176, 177, *range(180, 190), 199)
SERIAL_DIGITS = 7
MOBILE_PATTERN = re.compile(r"1[3-9]\d{9}")


def resident_id_check(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECKS[total % 11]


def resident_id(rng: random.Random, area: str, born_on: dt.date, *, male: bool) -> str:
    sequence = rng.randrange(0, 500) * 2 + (1 if male else 0)
    first17 = f"{area}{born_on:%Y%m%d}{sequence:03d}"
    return first17 + resident_id_check(first17)


def is_resident_id(value: str) -> bool:
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return False
    try:
        dt.datetime.strptime(value[6:14], "%Y%m%d")
    except ValueError:
        return False
    return value[17] == resident_id_check(value[:17])


def organisation_code_check(body: str) -> str:
    total = sum(
        CREDIT_CODE_CHARSET.index(c) * w
        for c, w in zip(body, ORGANISATION_CODE_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def credit_code_check(first17: str) -> str:
    total = sum(
        CREDIT_CODE_CHARSET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def credit_code(rng: random.Random, area: str, *, individual_business: bool) -> str:
    """A unified social credit code issued by the market regulator (registration authority 9)."""
    kind = "92" if individual_business else "91"
    body = "".join(rng.choice("0123456789") for _ in range(8))
    first17 = f"{kind}{area}{body}{organisation_code_check(body)}"
    return first17 + credit_code_check(first17)


def is_credit_code(value: str) -> bool:
    if len(value) != 18 or any(c not in CREDIT_CODE_CHARSET for c in value):
        return False
    organisation = value[8:17]
    return organisation[8] == organisation_code_check(organisation[:8]) and value[
        17
    ] == credit_code_check(value[:17])


def mobile(rng: random.Random) -> str:
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**8):08d}"


def luhn_check(digits: str) -> str:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def account_no(rng: random.Random, prefix: str, serial: int, length: int) -> str:
    """An account or card number: prefix, random digits, a 7-digit serial, Luhn check digit."""
    filler = length - len(prefix) - SERIAL_DIGITS - 1
    body = f"{prefix}{rng.randrange(10**filler):0{filler}d}{serial:0{SERIAL_DIGITS}d}"
    return body + luhn_check(body)
