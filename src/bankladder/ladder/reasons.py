"""Reason templates: the sentence an RM reads next to each action.

A template is plain text with placeholders in braces: ``{value}`` (current value of the
criterion's measured side), ``{target}``, ``{gap}`` (how much is missing), ``{stage}`` (the
name of the rung being aimed at) and ``{<fact name>}`` for any fact. ``{{`` and ``}}`` stand for
literal braces. Templates are filled by substitution, never by ``str.format``, so a template can
reach nothing but the values handed to it.
"""

import string
from collections.abc import Mapping
from decimal import Decimal

from bankladder.ladder.facts import FactValue

GAP_PLACEHOLDERS = frozenset({"value", "target", "gap"})
"""Placeholders that only make sense for a criterion with a gap."""
STAGE_PLACEHOLDER = "stage"

_PARSER = string.Formatter()
_WORDS = {
    "zh": {None: "未知", True: "是", False: "否"},
    "en": {None: "unknown", True: "yes", False: "no"},
}


class TemplateError(ValueError):
    """A template that cannot be read (a stray brace or a placeholder that is not a name)."""


def is_chinese(locale: str) -> bool:
    """``zh``, ``zh-CN``, ``zh_CN`` ... are Chinese; everything else reads English."""
    normalised = locale.replace("_", "-").lower()
    return normalised == "zh" or normalised.startswith("zh-")


def placeholders(template: str) -> list[str]:
    """The placeholder names of a template, in order, or ``TemplateError``."""
    try:
        pieces = list(_PARSER.parse(template))
    except ValueError as error:
        raise TemplateError(f"unreadable template: {error}") from None
    names: list[str] = []
    for _text, name, spec, conversion in pieces:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise TemplateError(f"placeholder {{{name}}} must be a plain name like {{gap}}")
        names.append(name)
    return names


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with every placeholder replaced by its value (unknown ones are kept)."""
    out: list[str] = []
    for text, name, _spec, _conversion in _PARSER.parse(template):
        out.append(text)
        if name is not None:
            out.append(values.get(name, "{" + name + "}"))
    return "".join(out)


def format_value(value: FactValue, locale: str) -> str:
    """A fact or amount as an RM reads it: ``50,000``, ``1,234.50``, ``yes``/``是``."""
    if value is None or isinstance(value, bool):
        return _WORDS["zh" if is_chinese(locale) else "en"][value]
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,.2f}"
