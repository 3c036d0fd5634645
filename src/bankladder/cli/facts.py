"""``bankladder facts``: the fact catalogue a playbook may use."""

from __future__ import annotations

from bankladder.cli.options import FormatOption, LocaleOption, check_format, settings
from bankladder.cli.output import emit
from bankladder.engine.catalogue import FACTS


def facts(fmt: FormatOption = "table", locale: LocaleOption = None) -> None:
    """List every fact with its type, unit and meaning."""
    check_format(fmt)
    chosen = settings(locale=locale).locale
    records = [
        {"name": f.name, "type": str(f.type), "unit": f.unit, "meaning": f.description.in_(chosen)}
        for f in FACTS
    ]
    emit(
        records,
        fmt,
        columns=[("name", "fact"), ("type", "type"), ("unit", "unit"), ("meaning", "meaning")],
        json_records=[
            {
                "name": f.name,
                "type": str(f.type),
                "unit": f.unit,
                "description": {"zh-CN": f.description.zh, "en": f.description.en},
            }
            for f in FACTS
        ],
    )


def markdown() -> str:
    """The catalogue as the Markdown page docs/facts.md."""
    lines = [
        "# Facts",
        "",
        "The per-party facts a playbook's criteria can use, computed as of a date D. "
        '"Last N days" means D-N+1 .. D inclusive. Generated from `bankladder.engine.catalogue`; '
        "a test fails when this page is out of date.",
        "",
        "| fact | type | unit | meaning | 含义 |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| `{f.name}` | {f.type} | {f.unit} | {f.description.en} | {f.description.zh} |"
        for f in FACTS
    ]
    return "\n".join(lines) + "\n"
