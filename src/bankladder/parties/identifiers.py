"""Identifiers of parties, checked as the issuing standards define them (pure, stdlib only).

- Resident identity number (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
  sequence (odd for men), ISO 7064 MOD 11-2 check character ('X' stands for 10).
- Unified social credit code (GB 32100-2015): registration authority, organisation type,
  6-digit region, 9-character organisation code (GB 11714 check), MOD 31 check character.
- Mainland mobile number: 1, then 3 to 9, then 9 digits; +86 / 86 / 0086, spaces and dashes
  are accepted and dropped.

Each ``check_*`` returns ``None`` for a valid value and the reason in words otherwise.
"""

from __future__ import annotations

import datetime as dt
import re

RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECKS = "10X98765432"
# 1 north, 2 north-east, 3 east, 4 centre-south, 5 south-west, 6 north-west,
# 7 Taiwan, 8 Hong Kong and Macao (residence permits)
REGION_FIRST_DIGITS = "12345678"
EARLIEST_BIRTH_YEAR = 1900

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
CREDIT_CODE_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
ORGANISATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# GB 32100-2015 appendix A: registration authority -> the organisation types it registers;
# a type added by a later notice of the authorities goes here
ORGANISATION_TYPES = {
    "1": "1239",  # 机构编制: organs, public institutions, mass organisations, other
    "2": "19",  # 外交
    "3": "123459",  # 司法行政: law firms, notaries, legal services, forensics, arbitration
    "4": "19",  # 文化
    "5": "1239",  # 民政: social organisations, private non-enterprises, foundations
    "6": "129",  # 旅游
    "7": "129",  # 宗教
    "8": "19",  # 工会
    "9": "123",  # 工商 / 市场监管: enterprises, individual businesses, co-operatives
    "A": "19",  # 中央军委改革和编制办公室
    "N": "1239",  # 农业: collective economic organisations
    "Y": "1",  # 其他
}

MOBILE_PATTERN = re.compile(r"1[3-9][0-9]{9}")
_MOBILE_SEPARATORS = re.compile(r"[\s\-()]")
_MOBILE_PREFIXES = ("+86", "0086", "86")
_DIGITS = re.compile(r"[0-9]+")  # ASCII digits only: \d also matches other scripts


def resident_id_check(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECKS[total % 11]


def check_resident_id(value: str, today: dt.date | None = None) -> str | None:
    """Why ``value`` is not an 18-digit resident identity number, or ``None``."""
    if len(value) != 18:
        old = " (15-digit first-generation numbers are not accepted)" if len(value) == 15 else ""
        return f"should be 18 characters, found {len(value)}{old}"
    if not (_DIGITS.fullmatch(value[:17]) and value[17] in "0123456789X"):
        return "should be 17 digits and a final digit or X"
    if value[0] not in REGION_FIRST_DIGITS:
        return f"region code {value[:6]} does not start with a known region digit (1 to 8)"
    reason = _birth_date_reason(value[6:14], today or dt.date.today())
    if reason:
        return reason
    expected = resident_id_check(value[:17])
    if value[17] != expected:
        return f"check digit should be {expected}, found {value[17]}"
    return None


def _birth_date_reason(text: str, today: dt.date) -> str | None:
    try:
        born_on = dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return f"birth date {text} is not a date"
    if born_on.year < EARLIEST_BIRTH_YEAR or born_on > today:
        return f"birth date {text} is not plausible"
    return None


def is_resident_id(value: str) -> bool:
    return check_resident_id(value) is None


def organisation_code_check(body: str) -> str:
    """The GB 11714 check character of an 8-character organisation code body."""
    total = sum(int(c, 36) * w for c, w in zip(body, ORGANISATION_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def credit_code_check(first17: str) -> str:
    """The GB 32100 MOD 31 check character of the first 17 characters."""
    total = sum(
        CREDIT_CODE_CHARSET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def check_credit_code(value: str) -> str | None:
    """Why ``value`` is not a unified social credit code, or ``None``."""
    if len(value) != 18:
        return f"should be 18 characters, found {len(value)}"
    wrong = sorted({c for c in value if c not in CREDIT_CODE_CHARSET})
    if wrong:
        return f"contains {', '.join(wrong)}: only digits and A-Y without I, O, S, V, Z are used"
    authority, kind = value[0], value[1]
    if authority not in ORGANISATION_TYPES:
        return f"registration authority {authority} is unknown"
    if kind not in ORGANISATION_TYPES[authority]:
        return f"organisation type {authority}{kind} is unknown"
    if not _DIGITS.fullmatch(value[2:8]):
        return f"region code {value[2:8]} should be 6 digits"
    organisation = value[8:17]
    expected = organisation_code_check(organisation[:8])
    if organisation[8] != expected:
        return f"organisation code check should be {expected}, found {organisation[8]}"
    expected = credit_code_check(value[:17])
    if value[17] != expected:
        return f"check character should be {expected}, found {value[17]}"
    return None


def is_credit_code(value: str) -> bool:
    return check_credit_code(value) is None


def normalise_mobile(value: str) -> str | None:
    """The 11 digits of a mainland mobile number, or ``None`` when it is not one."""
    digits = _MOBILE_SEPARATORS.sub("", value)
    for prefix in _MOBILE_PREFIXES:
        if digits.startswith(prefix) and len(digits) == 11 + len(prefix):
            digits = digits[len(prefix) :]
            break
    return digits if MOBILE_PATTERN.fullmatch(digits) else None


def check_mobile(value: str) -> str | None:
    """Why ``value`` is not a mainland mobile number, or ``None``."""
    if normalise_mobile(value) is not None:
        return None
    digits = _MOBILE_SEPARATORS.sub("", value).removeprefix("+")
    if not _DIGITS.fullmatch(digits):
        return "should contain only digits, spaces, dashes and a +86 prefix"
    if len(digits) != 11:
        return f"should be 11 digits, found {len(digits)}"
    return f"should start with 13 to 19, found {digits[:2]}"


def luhn_check(digits: str) -> str:
    """The Luhn (ISO/IEC 7812) check digit of a card number's digits."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)
