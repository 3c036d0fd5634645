"""``bankladder funnel`` and ``bankladder worklist``."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from bankladder.cli.options import (
    AsOfOption,
    DbOption,
    FormatOption,
    LocaleOption,
    PlaybookOption,
    check_format,
    open_store,
    parse_date,
    store_settings,
)
from bankladder.cli.output import emit
from bankladder.evaluation.ladders import bank_ladder
from bankladder.ladder.model import Text
from bankladder.propensity.reasons import Chance
from bankladder.store.database import unit_of_work
from bankladder.worklist.service import FunnelRow, WorklistEntry
from bankladder.worklist.service import funnel as funnel_rows
from bankladder.worklist.service import worklist as worklist_entries

HEAD = {
    "zh-CN": {
        "rank": "阶",
        "stage": "阶段",
        "count": "人数",
        "share": "占比",
        "party": "客户",
        "name": "名称",
        "action": "行动",
        "reason": "原因",
        "priority": "优先级",
        "due": "到期",
        "chance": "升阶可能性",
        "id": "编号",
    },
    "en": {
        "rank": "Rung",
        "stage": "Stage",
        "count": "Parties",
        "share": "Share",
        "party": "Party",
        "name": "Name",
        "action": "Action",
        "reason": "Reason",
        "priority": "Priority",
        "due": "Due",
        "chance": "Chance to move up",
        "id": "Id",
    },
}


def _names(text: Text) -> dict[str, str]:
    return {"zh-CN": text.zh, "en": text.en}


def _chance_cell(chance: Chance | None, locale: str) -> str:
    """「31%，平均水平的 2.5 倍；近90天接触次数 5，提高了可能性」: the chance and its top reason."""
    if chance is None:
        return ""
    said = f"{chance.percent}{'，' if locale == 'zh-CN' else ', '}{chance.times_average(locale)}"
    top = chance.top_reason
    return (
        said
        if top is None
        else f"{said}{'；' if locale == 'zh-CN' else '; '}{top.words.in_(locale)}"
    )


def _chance_json(chance: Chance | None) -> dict[str, Any] | None:
    if chance is None:
        return None
    return {
        "probability": chance.probability,
        "lift": chance.lift,
        "model_version": chance.model_version,
        "scored_on": chance.scored_on,
        "reasons": [
            {"feature": r.feature, "effect": r.effect, "words": _names(r.words)}
            for r in chance.reasons
        ],
    }


def funnel(
    as_of: AsOfOption = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
    playbook: PlaybookOption = None,
    locale: LocaleOption = None,
) -> None:
    """How many parties stand on each rung of the ladder (latest evaluation by default)."""
    check_format(fmt)
    config = store_settings(db, playbook=playbook, locale=locale)
    day = parse_date(as_of)
    with unit_of_work(open_store(config)) as session:
        ladder = bank_ladder(session, config)
        rows = funnel_rows(session, ladder, day)
    head = HEAD[config.locale]
    records = [_funnel_record(row, config.locale) for row in rows]
    emit(
        records,
        fmt,
        columns=[
            ("rank", head["rank"]),
            ("id", head["id"]),
            ("stage", head["stage"]),
            ("count", head["count"]),
            ("share", head["share"]),
        ],
        title=f"{ladder.name.in_(config.locale)}",
        json_records=[_funnel_json(row) for row in rows],
    )


def _funnel_record(row: FunnelRow, locale: str) -> dict[str, Any]:
    return {
        "rank": row.rank,
        "id": row.stage_id or "",
        "stage": row.name.in_(locale),
        "count": row.count,
        "share": f"{row.share:.1%}",
    }


def _funnel_json(row: FunnelRow) -> dict[str, Any]:
    return {
        "rank": row.rank,
        "id": row.stage_id,
        "names": _names(row.name),
        "count": row.count,
        "share": round(row.share, 4),
    }


def worklist(
    rm: Annotated[str, typer.Option("--rm", help="The RM's id, e.g. RM0101.")],
    limit: Annotated[
        int | None, typer.Option("--limit", help="How many actions (default 10).")
    ] = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
    playbook: PlaybookOption = None,
    locale: LocaleOption = None,
) -> None:
    """An RM's most pressing actions, each with its reason."""
    check_format(fmt)
    config = store_settings(db, playbook=playbook, locale=locale, worklist_size=limit)
    with unit_of_work(open_store(config)) as session:
        ladder = bank_ladder(session, config)
        entries = worklist_entries(session, ladder, rm, config.worklist_size)
    print_worklist(entries, rm, fmt, config.locale)


def print_worklist(entries: list[WorklistEntry], rm: str, fmt: str, locale: str) -> None:
    """The worklist as a table (or CSV, JSON); the chance column only when a model has scored
    one of its parties (a bank without a model sees the list as before)."""
    head = HEAD[locale]
    scored = [("chance", head["chance"])] if any(e.chance for e in entries) else []
    records = [
        {
            "rank": e.rank,
            "party": e.party_id,
            "name": e.party_name,
            "stage": e.stage.in_(locale),
            "action": e.action,
            "reason": e.reason.in_(locale),
            "priority": f"{e.priority:.2f}",
            "due": e.due_on,
            "chance": _chance_cell(e.chance, locale),
        }
        for e in entries
    ]
    emit(
        records,
        fmt,
        columns=[
            ("rank", "#"),
            ("party", head["party"]),
            ("name", head["name"]),
            ("stage", head["stage"]),
            ("reason", head["reason"]),
            ("priority", head["priority"]),
            ("due", head["due"]),
            *scored,
        ],
        title=f"{'工作清单' if locale == 'zh-CN' else 'Worklist'} {rm}",
        json_records=[
            {
                "rank": e.rank,
                "party_id": e.party_id,
                "party_name": e.party_name,
                "stage": _names(e.stage),
                "action": e.action,
                "target_stage": _names(e.target_stage),
                "reason": _names(e.reason),
                "priority": e.priority,
                "due_on": e.due_on,
                "chance": _chance_json(e.chance),
            }
            for e in entries
        ],
    )
