"""An introducer's path in words, zh-CN and en, from the stored path (ids and kinds only).

A path is the list of edges walked from the introducer to the prospect, each exactly as stored
(``from_id``, ``to_id``, ``kind``): a relationship may be walked against its direction, so each
edge is read in the direction walked ("A supplies B" forwards is "B buys from A" backwards).
Names come from the caller already as they may be shown (``privacy.masking.party_name``): this
module never sees a real name it should hide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

Locale = Literal["zh_CN", "en"]
Shown = tuple[str, str]
"""A party as the path shows it: (shown name, kind ``person`` | ``enterprise``)."""

PHRASES: dict[str, dict[bool, dict[Locale, str]]] = {
    # kind -> walked forwards? -> locale -> clause with {a} (party walked from) and {b} (to)
    "supplier_of": {
        True: {"en": "{a} supplies {b}", "zh_CN": "{a} 是 {b} 的供应商"},
        False: {"en": "{a} buys from {b}", "zh_CN": "{a} 向 {b} 采购"},
    },
    "buyer_of": {
        True: {"en": "{a} buys from {b}", "zh_CN": "{a} 向 {b} 采购"},
        False: {"en": "{a} supplies {b}", "zh_CN": "{a} 是 {b} 的供应商"},
    },
    "family": {
        True: {"en": "{a} is family of {b}", "zh_CN": "{a} 与 {b} 是家人"},
        False: {"en": "{a} is family of {b}", "zh_CN": "{a} 与 {b} 是家人"},
    },
    "employer_of": {
        True: {"en": "{a} employs {b}", "zh_CN": "{a} 雇用 {b}"},
        False: {"en": "{a} works for {b}", "zh_CN": "{a} 在 {b} 工作"},
    },
    "shareholder_of": {
        True: {"en": "{a} is a shareholder of {b}", "zh_CN": "{a} 是 {b} 的股东"},
        False: {"en": "{a}'s shareholder is {b}", "zh_CN": "{a} 的股东是 {b}"},
    },
    "referred": {
        True: {"en": "{a} referred {b}", "zh_CN": "{a} 推荐了 {b}"},
        False: {"en": "{a} was referred by {b}", "zh_CN": "{a} 由 {b} 推荐"},
    },
}
SEPARATOR: dict[Locale, str] = {"en": "; ", "zh_CN": "；"}
UNNAMED: dict[Locale, dict[str, str]] = {
    # a party the caller could not name (gone from the store): its kind stands in for it
    "en": {"person": "a person", "enterprise": "an enterprise"},
    "zh_CN": {"person": "某人", "enterprise": "某企业"},
}


def walk(path: Sequence[Mapping[str, str]], introducer_id: str) -> list[tuple[str, str, bool]]:
    """The parties in the order walked: (from, to, forwards?) per edge, from the introducer.

    Raises ``ValueError`` when an edge does not touch the party the walk stands on (a path
    that is not a path)."""
    steps: list[tuple[str, str, bool]] = []
    here = introducer_id
    for edge in path:
        if edge["from_id"] == here:
            steps.append((here, edge["to_id"], True))
            here = edge["to_id"]
        elif edge["to_id"] == here:
            steps.append((here, edge["from_id"], False))
            here = edge["from_id"]
        else:
            raise ValueError(f"edge {edge!r} does not continue the path at {here!r}")
    return steps


def label(party_id: str, shown: Mapping[str, Shown], locale: Locale) -> str:
    """The party's shown name; without one ("" or not in ``shown``), its kind in words
    ("an enterprise" / "某企业"), else its id."""
    name, kind = shown.get(party_id, ("", ""))
    return name or UNNAMED[locale].get(kind, party_id)


def path_in_words(
    path: Sequence[Mapping[str, str]],
    introducer_id: str,
    shown: Mapping[str, Shown],
    locale: Locale,
) -> str:
    """E.g. "A supplies B; B's shareholder is C" / "A 是 B 的供应商；B 的股东是 C"."""
    clauses = [
        PHRASES[edge["kind"]][forwards][locale].format(
            a=label(a, shown, locale), b=label(b, shown, locale)
        )
        for edge, (a, b, forwards) in zip(path, walk(path, introducer_id), strict=True)
    ]
    return SEPARATOR[locale].join(clauses)
