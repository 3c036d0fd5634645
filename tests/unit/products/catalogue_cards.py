"""A small hand-made catalogue for the fit tests: accounts first, then what they unlock."""

from __future__ import annotations

from bankladder.ladder.model import Text
from bankladder.products.schemas import ProductCard, SellingPointShown

PERSONS = ("mass", "affluent", "private")
FIRMS = ("micro", "sme", "corporate")


def card(
    code: str,
    family: str,
    segments: tuple[str, ...],
    *,
    needs: tuple[str, ...] = (),
    prerequisites: tuple[str, ...] = (),
    industries: tuple[str, ...] = (),
    against: tuple[str, ...] = (),
) -> ProductCard:
    return ProductCard(
        code=code,
        name=Text(zh=f"{code}中", en=f"{code} en"),
        family=family,
        target_segments=segments,
        target_industries=industries,
        need_kinds=needs or (family,),
        prerequisites=prerequisites,
        summary=None,
        selling_points=tuple(
            SellingPointShown(c, Text(zh=c, en=c), Text(zh=f"胜过{c}", en=f"beats {c}"))
            for c in against
        ),
    )


CATALOGUE = (
    card("SAV", "deposit", PERSONS, against=("国有大行",)),
    card("WM", "wealth", ("affluent", "private"), prerequisites=("SAV",), against=("国有大行",)),
    card("CONS", "loan", ("mass", "affluent"), prerequisites=("SAV",)),
    card("BASIC", "deposit", FIRMS, needs=("deposit", "cash_management")),
    card("POOL", "cash_management", ("sme", "corporate"), prerequisites=("BASIC",)),
    card("WMC", "wealth", ("sme", "corporate"), prerequisites=("BASIC",)),
    card(
        "BIZ",
        "loan",
        ("micro", "sme"),
        prerequisites=("BASIC",),
        industries=("C13", "F51"),
        against=("股份制银行", "招商银行"),
    ),
    card("PAY", "payroll", FIRMS, prerequisites=("BASIC",)),
)
