"""The nightly run, in the order each step needs the one before: every party's wallet is
estimated as of each date (the wallet facts read those estimates), every party is scored as of
each date with the active model of the worklist's target (``advance``), when the registry has
one (the priority reads the fresh lift), the ladder is evaluated (assessments, transitions,
actions), then the referral network is computed as of the newest date from the fresh
placements (its prospects, intermediary ranking and introduction actions).

Each step keeps its own results in its own transactions: a run stopped half-way leaves the
store consistent, and running it again for the same dates replaces what it wrote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from bankladder.config import DISMISSED_QUIET_DAYS
from bankladder.evaluation.service import EvaluationRun, evaluate_dates
from bankladder.ladder.model import Ladder
from bankladder.network.compute import NetworkRun
from bankladder.network.compute import run as run_network
from bankladder.propensity import registry
from bankladder.propensity.schemas import WORKLIST_TARGET, ScoreRun
from bankladder.propensity.scoring import score
from bankladder.wallet.estimation import DEFAULT_SETTINGS
from bankladder.wallet.estimation import Settings as WalletSettings
from bankladder.wallet.schemas import EstimateRun
from bankladder.wallet.service import estimate as estimate_wallets

Step = Callable[[str], None]
"""Told the name of each step as it ends: "wallet", "scores", "evaluation", "network"."""


@dataclass(frozen=True)
class NightlyRun:
    """What one nightly run did: per date its wallet estimate and evaluation, then the network."""

    wallets: list[EstimateRun]
    evaluations: list[EvaluationRun]
    network: NetworkRun | None
    scores: list[ScoreRun] = field(default_factory=list)


def run(
    store: Engine,
    ladder: Ladder,
    dates: Sequence[dt.date],
    *,
    engine: str | None = None,
    threads: int | None = None,
    quiet_days: int = DISMISSED_QUIET_DAYS,
    wallet: WalletSettings = DEFAULT_SETTINGS,
    network: bool = True,
    actions_for_newest_only: bool = False,
    on_step: Step | None = None,
    models: Path | None = None,
) -> NightlyRun:
    """Estimate wallets, score with the active ``advance`` model of the registry ``models``
    (when given and one is active), evaluate the ladder as of each of ``dates`` (oldest first),
    then compute the network as of the newest (unless ``network`` is False)."""
    told = on_step or _quiet
    wallets = []
    for day in sorted(dates):
        wallets.append(estimate_wallets(store, day, settings=wallet))
        told("wallet")
    scores = _scores(store, ladder, dates, models, engine, threads, told)
    evaluations = evaluate_dates(
        store,
        ladder,
        dates,
        engine=engine,
        threads=threads,
        quiet_days=quiet_days,
        actions_for_newest_only=actions_for_newest_only,
        on_done=lambda _run: told("evaluation"),
    )
    found = run_network(store, ladder, max(dates)) if network else None
    if found is not None:
        told("network")
    return NightlyRun(wallets, evaluations, found, scores)


def _scores(
    store: Engine, ladder: Ladder, dates: Sequence[dt.date], models: Path | None,
    engine: str | None, threads: int | None, told: Step,
) -> list[ScoreRun]:  # fmt: skip
    """Every party scored as of each date with the worklist target's active model, if any."""
    version = registry.active(models, WORKLIST_TARGET) if models is not None else None
    if version is None:
        return []
    model = registry.load(version)
    runs = []
    for day in sorted(dates):
        runs.append(score(store, model, version, day, ladder=ladder, engine=engine,
                          threads=threads))  # fmt: skip
        told("scores")
    return runs


def steps(dates: Sequence[dt.date], network: bool = True, scores: bool = False) -> int:
    """How many steps ``run`` reports for ``dates``: for a progress bar (``scores``: an
    active model will score each date)."""
    return (3 if scores else 2) * len(dates) + (1 if network else 0)


def _quiet(step: str) -> None:
    """No progress to show."""
