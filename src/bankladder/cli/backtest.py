"""``bankladder backtest``: the playbook as of each month-end, or two playbooks compared on the
same history, before a change is adopted. Nothing is written unless ``--record``."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from bankladder.analytics import backtest as service
from bankladder.analytics.backtest_schemas import Comparison, Rung, StageHistory
from bankladder.cli.options import (
    DbOption,
    FormatOption,
    LocaleOption,
    PlaybookOption,
    check_format,
    err_console,
    open_store,
    parse_date,
    store_settings,
)
from bankladder.cli.output import emit
from bankladder.config import today
from bankladder.errors import InvalidInput
from bankladder.evaluation.ladders import bank_ladder
from bankladder.evaluation.repository import latest_assessment_date
from bankladder.evaluation.service import EvaluationRun
from bankladder.ladder.model import Ladder, Text
from bankladder.store.database import unit_of_work

LONGEST = 60
"""Month-ends one back-test evaluates at most (five years)."""

HEAD = {
    "zh-CN": {
        "as_of": "月末",
        "playbook": "手册",
        "moved": "变动",
        "from": "原阶",
        "to": "新阶",
        "criterion": "条件",
        "reason": "原因",
        "parties": "人数",
        "party": "客户",
        "name": "名称",
        "months": "各月末各阶人数",
        "moves": "最近月末的变动及原因",
        "sample": "变动客户（每种变动至多20位）",
        "no_rung": "对比手册没有这一阶",
    },
    "en": {
        "as_of": "Month-end",
        "playbook": "Playbook",
        "moved": "Moved",
        "from": "From",
        "to": "To",
        "criterion": "Criterion",
        "reason": "Why",
        "parties": "Parties",
        "party": "Party",
        "name": "Name",
        "months": "Parties per rung at each month-end",
        "moves": "Moves at the newest month-end, and why",
        "sample": "Parties that would move (up to 20 per move)",
        "no_rung": "the other playbook has no such rung",
    },
}


def backtest(
    start: Annotated[
        str | None, typer.Option("--from", help="First month-end on or after this date.")
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="Last month-end on or before this date (default: the store's newest "
            "evaluation, or today); without --from, the 12 month-ends up to it.",
        ),
    ] = None,
    playbook: PlaybookOption = None,
    against: Annotated[
        Path | None,
        typer.Option(
            "--against",
            help="A second playbook YAML: how many parties it would move, where and why.",
            dir_okay=False,
        ),
    ] = None,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Rebuild the store's stage history with --playbook: replaces the assessments "
            "and transitions of these month-ends; actions as of the newest one only.",
        ),
    ] = False,
    fmt: FormatOption = "table",
    db: DbOption = None,
    locale: LocaleOption = None,
) -> None:
    """Evaluate the playbook as of each month-end from raw data; with --against, compare two
    playbooks on the same history. Nothing is written unless --record. CSV holds the rung
    counts per month-end; JSON the moves and their reasons too."""
    check_format(fmt)
    first, last = parse_date(start, "--from"), parse_date(end, "--to")
    if record and against is not None:
        raise InvalidInput(
            "--record rebuilds the history with one playbook, --against compares two",
            fix="leave out --against to record, or --record to compare",
        )
    config = store_settings(db, playbook=playbook, locale=locale)
    store = open_store(config)
    with unit_of_work(store) as session:
        ladder_a = bank_ladder(session, config)
        ladder_b = None
        if against is not None:
            ladder_b = bank_ladder(session, store_settings(db, playbook=against, locale=locale))
        newest = latest_assessment_date(session)
    dates = month_ends_asked(first, last, newest or today(config))
    if record:
        runs = service.record_history(
            store, ladder_a, dates, threads=config.threads, quiet_days=config.dismissed_quiet_days
        )
        _show_recorded(runs, ladder_a, fmt, config.locale)
    elif ladder_b is None:
        history = service.history(store, ladder_a, dates, threads=config.threads)
        _show_history(history, fmt, config.locale)
    else:
        compared = service.compare(store, ladder_a, ladder_b, dates, threads=config.threads)
        _show_comparison(compared, fmt, config.locale, (config.playbook, against))


def month_ends_asked(first: dt.date | None, last: dt.date | None, newest: dt.date) -> list[dt.date]:
    """The month-ends in --from..--to (--to defaulting to the newest evaluation, or today;
    without --from, the twelve up to --to); refused in words when there are none or too many."""
    until = last or newest
    if first is None:
        return service.last_month_ends(until)
    if first > until:
        raise InvalidInput(
            f"--from {first} is after --to {until}",
            where="--from/--to",
            fix="give a start on or before the end",
        )
    dates = service.month_ends(first, until)
    if not dates:
        raise InvalidInput(
            f"there is no month-end between {first} and {until}",
            where="--from/--to",
            fix="widen the period to include the end of a month",
        )
    if len(dates) > LONGEST:
        raise InvalidInput(
            f"{len(dates)} month-ends between {first} and {until}, more than {LONGEST}",
            where="--from/--to",
            fix="choose a period of five years at most",
        )
    return dates


# --- Output -----------------------------------------------------------------------------------


def _names(text: Text) -> dict[str, str]:
    return {"zh-CN": text.zh, "en": text.en}


def _rung_columns(rungs: tuple[Rung, ...], locale: str) -> list[tuple[str, str]]:
    return [(f"r{r.rank}", f"{r.rank} {r.name.in_(locale)}") for r in rungs]


def _rungs_json(rungs: tuple[Rung, ...]) -> list[dict[str, Any]]:
    return [{"rank": r.rank, "id": r.stage_id, "names": _names(r.name)} for r in rungs]


def _counts(funnel: dict[int, int], rungs: tuple[Rung, ...]) -> dict[str, int]:
    return {f"r{r.rank}": funnel.get(r.rank, 0) for r in rungs}


def _json(payload: dict[str, Any]) -> None:
    """One JSON object on standard output (dates as YYYY-MM-DD)."""
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")


def _show_funnels(
    playbook: str,
    rungs: tuple[Rung, ...],
    months: list[tuple[dt.date, dict[int, int]]],
    fmt: str,
    locale: str,
) -> None:
    """Parties per rung at each month-end, one row a month-end."""
    if fmt == "json":
        _json(
            {
                "playbook": playbook,
                "rungs": _rungs_json(rungs),
                "months": [
                    {"as_of": day, "parties_per_rank": [funnel.get(r.rank, 0) for r in rungs]}
                    for day, funnel in months
                ],
            }
        )
        return
    head = HEAD[locale]
    emit(
        [{"as_of": day, **_counts(funnel, rungs)} for day, funnel in months],
        fmt,
        columns=[("as_of", head["as_of"]), *_rung_columns(rungs, locale)],
        title=f"{head['months']} ({playbook})",
    )


def _show_history(history: StageHistory, fmt: str, locale: str) -> None:
    months = [(m.as_of, m.funnel) for m in history.months]
    _show_funnels(history.playbook, history.rungs, months, fmt, locale)


def _show_recorded(runs: list[EvaluationRun], ladder: Ladder, fmt: str, locale: str) -> None:
    if fmt == "table":
        err_console().print(
            f"Recorded the stage history as of {len(runs)} month-ends, {runs[0].as_of} to "
            f"{runs[-1].as_of}: their assessments and transitions replaced, actions proposed "
            f"as of {runs[-1].as_of}.",
            highlight=False,
        )
    months = [(run.as_of, run.by_rank) for run in runs]
    _show_funnels(ladder.label, service.rungs(ladder), months, fmt, locale)


def _file(path: Path | None) -> str:
    return "default" if path is None else path.name


def _show_comparison(
    compared: Comparison, fmt: str, locale: str, files: tuple[Path | None, Path | None]
) -> None:
    """Per month-end the rung counts under A and B and the moves; then, for a table, the
    moves at the newest month-end with their reasons and the parties that would move."""
    if fmt == "json":
        _json(_comparison_json(compared, files))
        return
    head = HEAD[locale]
    rungs = max(compared.rungs_a, compared.rungs_b, key=len)
    records = []
    for month in compared.months:
        records.append({"as_of": month.as_of, "playbook": "A", **_counts(month.funnel_a, rungs)})
        records.append(
            {
                "as_of": month.as_of,
                "playbook": "B",
                **_counts(month.funnel_b, rungs),
                "moved": month.moved,
            }
        )
    title = f"{head['months']}: A = {_file(files[0])}, B = {_file(files[1])}"
    columns = [("as_of", head["as_of"]), ("playbook", head["playbook"])]
    columns += [(f"r{r.rank}", str(r.rank)) for r in rungs]  # names: in the table of one
    columns += [("moved", head["moved"])]
    emit(records, fmt, columns=columns, title=title)
    if fmt == "table":
        _show_moves(compared, locale)


def _show_moves(compared: Comparison, locale: str) -> None:
    newest = compared.newest
    if newest is None:
        return
    head = HEAD[locale]
    words = {c.id: c.words.in_(locale) for c in compared.criteria}
    why = [
        {
            "from": w.from_rank,
            "to": w.to_rank,
            "criterion": w.criterion_id or "",
            "reason": words.get(w.criterion_id or "", head["no_rung"]),
            "parties": w.parties,
        }
        for w in newest.why
    ]
    keys = ("from", "to", "criterion", "reason", "parties")
    columns = [(key, head[key]) for key in keys]
    emit(why, "table", columns=columns, title=f"{head['moves']} ({newest.as_of})")
    sample = [
        {
            "party": m.party_id,
            "name": m.name,
            "from": m.from_rank,
            "to": m.to_rank,
            "criterion": m.criterion_id or "",
        }
        for m in compared.sample
    ]
    keys = ("party", "name", "from", "to", "criterion")
    emit(sample, "table", columns=[(key, head[key]) for key in keys], title=head["sample"])


def _comparison_json(
    compared: Comparison, files: tuple[Path | None, Path | None]
) -> dict[str, Any]:
    return {
        "playbook_a": {"file": _file(files[0]), "label": compared.playbook_a},
        "playbook_b": {"file": _file(files[1]), "label": compared.playbook_b},
        "rungs_a": _rungs_json(compared.rungs_a),
        "rungs_b": _rungs_json(compared.rungs_b),
        "months": [
            {
                "as_of": m.as_of,
                "parties_per_rank_a": list(m.funnel_a.values()),
                "parties_per_rank_b": list(m.funnel_b.values()),
                "moved": m.moved,
                "moves": [vars(flow) for flow in m.flows],
                "why": [vars(why) for why in m.why],
            }
            for m in compared.months
        ],
        "criteria": [
            {
                "id": c.id,
                "stage": c.stage_id,
                "when_a": c.when_a,
                "when_b": c.when_b,
                "words": _names(c.words),
            }
            for c in compared.criteria
        ],
        "sample": [vars(move) for move in compared.sample],
    }
