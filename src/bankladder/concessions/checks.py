"""A request as typed, checked field by field (pure): each refusal names its field and says
why in both languages; nothing is saved when one is refused."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from bankladder.concessions.schemas import (
    JUSTIFICATION_MAX,
    JUSTIFICATION_MIN,
    ConcessionRefused,
    NewConcession,
)
from bankladder.concessions.workflow import Problem, check_terms
from bankladder.ladder.model import Text
from bankladder.ladder.policies import Authorities
from bankladder.store.vocabulary import ConcessionKind


def checked_request(
    new: NewConcession, product_known: bool, authorities: Authorities
) -> tuple[ConcessionKind, Decimal, Decimal, str]:
    """(kind, standard, requested, justification) ready to save; ConcessionRefused otherwise."""
    problems: list[Problem] = []
    if not product_known:
        problems.append(Problem("product_code", "product", NO_PRODUCT))
    kind = _kind(new.kind, problems)
    standard = _number("standard", new.standard, problems)
    requested = _number("requested", new.requested, problems)
    justification = " ".join(new.justification.split())
    if not JUSTIFICATION_MIN <= len(justification) <= JUSTIFICATION_MAX:
        problems.append(Problem("justification", "length", JUSTIFICATION))
    if kind is not None and standard is not None and requested is not None:
        problems += check_terms(kind, standard, requested, authorities)
    if problems or kind is None or standard is None or requested is None:
        raise ConcessionRefused(problems)
    return kind, standard, requested, justification


def _kind(value: str, problems: list[Problem]) -> ConcessionKind | None:
    try:
        return ConcessionKind(value.strip())
    except ValueError:
        problems.append(Problem("kind", "kind", KIND))
        return None


def _number(field: str, value: Decimal | str | None, problems: list[Problem]) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    text = (value or "").strip().replace(",", "").rstrip("%").strip()
    try:
        return Decimal(text)
    except InvalidOperation:
        problems.append(Problem(field, "number", NUMBER))
        return None


NO_PRODUCT = Text("产品目录中没有该产品。", "no such product in the catalogue")
KIND = Text("请选择贷款利率、存款利率或费用。", "choose loan_rate, deposit_rate or fee")
NUMBER = Text(
    "请填写数字（年利率按百分数，如4.35；费用按元）。",
    "write a number: a rate in percent a year (4.35), a fee in CNY",
)
JUSTIFICATION = Text(
    f"请用{JUSTIFICATION_MIN}至{JUSTIFICATION_MAX}个字说明理由。",
    f"say why in {JUSTIFICATION_MIN} to {JUSTIFICATION_MAX} characters",
)
