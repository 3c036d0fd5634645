"""``bankladder network prospects|intermediaries|fission``: the network's stored results and
the fission figures, printed as a table, JSON or CSV.

The command line is the bank's operator at the store: it reads every party as the auditor
does, with names masked as on the workbench (persons 张*, enterprises whole).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any

import typer

from bankladder.access.principal import Principal
from bankladder.cli.network import app
from bankladder.cli.options import (
    AsOfOption,
    DbOption,
    FormatOption,
    LocaleOption,
    check_format,
    open_store,
    parse_date,
    store_settings,
)
from bankladder.cli.output import emit
from bankladder.config import bank_now
from bankladder.network import service
from bankladder.referrals import service as referrals
from bankladder.referrals.figures import Fission
from bankladder.referrals.schemas import FissionRow
from bankladder.store.database import unit_of_work
from bankladder.store.vocabulary import UserRole

OPERATOR = Principal(user_id=0, role=UserRole.AUDITOR)
"""Who the command line reads as: every party, changing nothing."""
PartyOption = Annotated[
    str | None, typer.Option("--party", help="One party's id (default: every party).")
]
LimitOption = Annotated[int, typer.Option("--limit", help="How many rows at most.", min=1)]
HEAD = {
    "zh-CN": {
        "introducer": "介绍人",
        "prospect": "潜在客户",
        "hops": "层",
        "path": "路径",
        "strength": "强度",
        "potential": "潜力",
        "party": "客户",
        "name": "名称",
        "score": "得分",
        "reach": "可触达",
        "level": "层级",
        "made": "推荐",
        "converted": "成交",
        "rate": "转化率",
        "days": "天数中位数",
        "customers": "客户数",
        "k": "K因子",
        "depth": "深度",
        "prospects": "关系网潜在客户",
        "intermediaries": "中介排名",
        "fission": "裂变指标",
        "none": "关系网尚未计算：先运行 `bankladder network run`。",
    },
    "en": {
        "introducer": "Introducer",
        "prospect": "Prospect",
        "hops": "Hops",
        "path": "Path",
        "strength": "Strength",
        "potential": "Potential",
        "party": "Party",
        "name": "Name",
        "score": "Score",
        "reach": "Reach",
        "level": "Level",
        "made": "Made",
        "converted": "Converted",
        "rate": "Rate",
        "days": "Median days",
        "customers": "Customers",
        "k": "K-factor",
        "depth": "Depth",
        "prospects": "Network prospects",
        "intermediaries": "Intermediary ranking",
        "fission": "Fission figures",
        "none": "The network has not been computed: run `bankladder network run` first.",
    },
}


@app.command("prospects")
def prospects(
    party: PartyOption = None,
    limit: LimitOption = 50,
    fmt: FormatOption = "table",
    db: DbOption = None,
    locale: LocaleOption = None,
) -> None:
    """Prospects within two links of each introducer, ranked, with the path in words."""
    check_format(fmt)
    config = store_settings(db, locale=locale)
    with unit_of_work(open_store(config)) as session:
        found = service.prospect_list(session, OPERATOR, party_id=party, limit=limit)
    head = HEAD[config.locale]
    records = [
        {
            "introducer": p.introducer_id,
            "rank": p.rank,
            "prospect": p.prospect_id,
            "name": p.name.in_(config.locale),
            "hops": p.hops,
            "path": p.path.in_(config.locale),
            "strength": f"{p.strength:.2f}",
            "potential": f"{p.potential:.2f}",
        }
        for p in found.prospects
    ]
    title = _title(head["prospects"], found.as_of, head["none"])
    columns = ["introducer", "rank", "prospect", "name", "hops", "path", "strength", "potential"]
    emit(
        records,
        fmt,
        columns=[(key, "#" if key == "rank" else head[key]) for key in columns],
        title=title,
        json_records=[
            {
                **record,
                "strength": p.strength,
                "potential": p.potential,
                "score": p.score,
                "name": {"zh": p.name.zh, "en": p.name.en},
                "path": {"zh": p.path.zh, "en": p.path.en},
                "as_of": found.as_of,
            }
            for record, p in zip(records, found.prospects, strict=True)
        ],
    )


@app.command("intermediaries")
def intermediaries(
    party: PartyOption = None,
    limit: LimitOption = 50,
    fmt: FormatOption = "table",
    db: DbOption = None,
    locale: LocaleOption = None,
) -> None:
    """The parties that best reach non-customers (personalised PageRank), best first."""
    check_format(fmt)
    config = store_settings(db, locale=locale)
    with unit_of_work(open_store(config)) as session:
        ranking = service.intermediary_ranking(session, OPERATOR, party_id=party, limit=limit)
    head = HEAD[config.locale]
    records = [
        {
            "rank": i.rank,
            "party": i.party_id,
            "name": i.name,
            "reach": i.reach,
            "score": f"{i.score:.4f}",
        }
        for i in ranking.intermediaries
    ]
    emit(
        records,
        fmt,
        columns=[("rank", "#"), *[(k, head[k]) for k in ("party", "name", "reach", "score")]],
        title=_title(head["intermediaries"], ranking.as_of, head["none"]),
        json_records=[
            {**record, "score": i.score, "as_of": ranking.as_of}
            for record, i in zip(records, ranking.intermediaries, strict=True)
        ],
    )


@app.command("fission")
def fission(
    party: PartyOption = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
    locale: LocaleOption = None,
) -> None:
    """Referrals made and converted, conversion rate, median days to convert, K-factor and
    depth of referral trees, per branch, RM and party (from the referral table)."""
    check_format(fmt)
    config = store_settings(db, locale=locale)
    day = parse_date(as_of) or bank_now(config).date()
    with unit_of_work(open_store(config)) as session:
        if party is None:
            report = referrals.fission(session, OPERATOR, day)
            rows = [("branch", r) for r in report.branches] + [("rm", r) for r in report.rms]
            rows += [("party", r) for r in report.parties]
        else:
            figures = referrals.party_fission(session, OPERATOR, party, day)
            rows = [("party", FissionRow(party, "", figures))]
    head = HEAD[config.locale]
    records = [
        {"level": level, "id": row.id, "name": row.name, **_figures(row.figures)}
        for level, row in rows
    ]
    keys = ("made", "converted", "rate", "days", "customers", "k", "depth")
    emit(
        records,
        fmt,
        columns=[
            ("level", head["level"]),
            ("id", "#"),
            ("name", head["name"]),
            *[(k, head[k]) for k in keys],
        ],
        title=f"{head['fission']} {day.isoformat()}",
        json_records=[
            {
                "level": level,
                "id": row.id,
                "name": row.name,
                "as_of": day,
                "figures": dataclasses.asdict(row.figures),
            }
            for level, row in rows
        ],
    )


def _figures(f: Fission) -> dict[str, Any]:
    return {
        "made": f.made,
        "converted": f.converted,
        "rate": "" if f.conversion_rate is None else f"{f.conversion_rate:.0%}",
        "days": "" if f.median_days_to_convert is None else f"{f.median_days_to_convert:.0f}",
        "customers": f.customers,
        "k": "" if f.k_factor is None else f"{f.k_factor:.2f}",
        "depth": f.depth,
    }


def _title(name: str, as_of: dt.date | None, none: str) -> str:
    return none if as_of is None else f"{name} {as_of.isoformat()}"
