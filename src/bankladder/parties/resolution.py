"""Which party records describe the same person or enterprise (pure, stdlib only).

Two records are compared only when they are of the same kind (a person is never the same party
as an enterprise, even its own 个体工商户). The rules, strongest first; a pair takes the first
that holds:

SAME (decided: rows map to one party)
  ``same_id_number``        equal ID numbers that pass their standard's check (GB 11643 resident
                            ID for a person, GB 32100 credit code for an enterprise): such a
                            number is issued once, and a mistyped one fails its check digit.
  ``same_name_and_mobile``  equal names and equal mobile numbers.

Veto: two *valid*, different ID numbers are two parties, whatever else agrees (parents and
children share a mobile; a father and son may share a name). An invalid number does not veto:
it may be the typo.

LIKELY (cannot be decided: listed for review)
  ``same_unchecked_id_number``  equal ID numbers that fail the check: a passport or other
                                document, a placeholder, or the same typo twice.
  ``shared_mobile``             equal mobiles, different names: a household or a firm's phone,
                                or a name typed two ways.
  ``same_enterprise_name``      enterprises whose names agree once legal-form variants are
                                unified (有限责任公司 and 有限公司 name the same legal form).
  ``same_name_and_region``      persons with equal names in the same region, at least one of
                                them without an ID number (a prospect met before he became a
                                customer).

Names are compared after NFKC (full-width letters, digits and brackets become half-width, the
ideographic space a space), without any whitespace, case-folded, with the middle dots of
transliterated names (·, •, ・, .) unified: differences that carry no meaning. Mobiles are
compared as their 11 digits, ID numbers without whitespace and in upper case.

Candidates are found by blocking: every record yields a few keys (:func:`blocking_keys`) and
only records sharing a key are compared, so the work grows with the size of the blocks, never
with the square of the parties. Every rule above implies a shared key (tested). A block larger
than ``BLOCK_LIMIT`` says nothing (a placeholder ID, a branch's phone typed for every customer,
a common name in a big city) and is skipped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from bankladder.parties.identifiers import is_credit_code, is_resident_id, normalise_mobile

BLOCK_LIMIT = 50
PERSON = "person"
ENTERPRISE = "enterprise"
LEGAL_FORM_VARIANTS = (("有限责任公司", "有限公司"),)
"""(variant, canonical) suffixes of enterprise names that name the same legal form."""
_SPACES = re.compile(r"\s+")
_DOTS = str.maketrans(dict.fromkeys("•・‧∙.", "·"))


class Verdict(StrEnum):
    SAME = "same"
    LIKELY = "likely"


class Rule(StrEnum):
    SAME_ID_NUMBER = "same_id_number"
    SAME_NAME_AND_MOBILE = "same_name_and_mobile"
    SAME_UNCHECKED_ID_NUMBER = "same_unchecked_id_number"
    SHARED_MOBILE = "shared_mobile"
    SAME_ENTERPRISE_NAME = "same_enterprise_name"
    SAME_NAME_AND_REGION = "same_name_and_region"


VERDICT_OF = {
    Rule.SAME_ID_NUMBER: Verdict.SAME,
    Rule.SAME_NAME_AND_MOBILE: Verdict.SAME,
    Rule.SAME_UNCHECKED_ID_NUMBER: Verdict.LIKELY,
    Rule.SHARED_MOBILE: Verdict.LIKELY,
    Rule.SAME_ENTERPRISE_NAME: Verdict.LIKELY,
    Rule.SAME_NAME_AND_REGION: Verdict.LIKELY,
}
STRENGTH = {rule: order for order, rule in enumerate(Rule)}


@dataclass(frozen=True)
class PartyRecord:
    """What resolution reads of a party (raw, as stored or imported)."""

    id: str
    kind: str
    name: str
    id_number: str | None = None
    mobile: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class Match:
    rule: Rule

    @property
    def verdict(self) -> Verdict:
        return VERDICT_OF[self.rule]


def normalise_name(name: str) -> str:
    """The name without differences of width, spacing, case or middle dots."""
    text = _SPACES.sub("", unicodedata.normalize("NFKC", name)).casefold().translate(_DOTS)
    return unicodedata.normalize("NFKC", text)  # again: dropping a space may free an accent


def enterprise_name_key(name: str) -> str:
    """The normalised name with its legal form written one way."""
    text = normalise_name(name)
    for variant, canonical in LEGAL_FORM_VARIANTS:
        if text.endswith(variant):
            return text[: -len(variant)] + canonical
    return text


def normalise_id_number(value: str | None) -> str | None:
    if value is None:
        return None
    text = _SPACES.sub("", unicodedata.normalize("NFKC", value)).upper()
    return text or None


@lru_cache(maxsize=1 << 16)  # a record meets every other record of its blocks
def is_valid_id_number(number: str, kind: str) -> bool:
    """Whether a normalised ID number passes the check of the standard for the party's kind."""
    return is_credit_code(number) if kind == ENTERPRISE else is_resident_id(number)


def mobile_key(value: str | None) -> str | None:
    return None if value is None else normalise_mobile(value)


def blocking_keys(record: PartyRecord) -> set[str]:
    """The keys under which the record meets its candidate duplicates."""
    keys = set()
    number = normalise_id_number(record.id_number)
    if number:
        keys.add(f"{record.kind}|id|{number}")
    mobile = mobile_key(record.mobile)
    if mobile:
        keys.add(f"{record.kind}|mobile|{mobile}")
    if record.kind == ENTERPRISE:
        keys.add(f"{record.kind}|name|{enterprise_name_key(record.name)}")
    elif record.region:
        keys.add(f"{record.kind}|name|{normalise_name(record.name)}|{record.region.strip()}")
    return keys


def decide(a: PartyRecord, b: PartyRecord) -> Match | None:
    """The strongest rule under which ``a`` and ``b`` are one party, or ``None``."""
    if a.kind != b.kind or a.id == b.id:
        return None
    id_a, id_b = normalise_id_number(a.id_number), normalise_id_number(b.id_number)
    same_number = id_a is not None and id_a == id_b
    if same_number and id_a is not None and is_valid_id_number(id_a, a.kind):
        return Match(Rule.SAME_ID_NUMBER)
    if _two_valid_numbers(id_a, id_b, a.kind):
        return None
    rule = _by_name_and_contact(a, b, one_number_missing=id_a is None or id_b is None)
    if rule is not Rule.SAME_NAME_AND_MOBILE and same_number:
        rule = Rule.SAME_UNCHECKED_ID_NUMBER
    return None if rule is None else Match(rule)


def _two_valid_numbers(id_a: str | None, id_b: str | None, kind: str) -> bool:
    return (
        id_a is not None
        and id_b is not None
        and is_valid_id_number(id_a, kind)
        and is_valid_id_number(id_b, kind)
    )


def _by_name_and_contact(
    a: PartyRecord, b: PartyRecord, *, one_number_missing: bool
) -> Rule | None:
    same_name = normalise_name(a.name) == normalise_name(b.name)
    mobile = mobile_key(a.mobile)
    if mobile is not None and mobile == mobile_key(b.mobile):
        return Rule.SAME_NAME_AND_MOBILE if same_name else Rule.SHARED_MOBILE
    if a.kind == ENTERPRISE and enterprise_name_key(a.name) == enterprise_name_key(b.name):
        return Rule.SAME_ENTERPRISE_NAME
    if a.kind == PERSON and same_name and one_number_missing and _same_region(a, b):
        return Rule.SAME_NAME_AND_REGION
    return None


def _same_region(a: PartyRecord, b: PartyRecord) -> bool:
    return bool(a.region and b.region and a.region.strip() == b.region.strip())


def stronger(first: Match, second: Match) -> Match:
    return first if STRENGTH[first.rule] <= STRENGTH[second.rule] else second
