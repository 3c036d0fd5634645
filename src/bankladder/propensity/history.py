"""Training rows from the store's own history: for each month-end M, every party's features as
of M and whether the target's outcome happened within the next ``HORIZON_DAYS`` days.

Targets and labels:

- ``advance``: the store recorded a stage move up for the party (a ``transition`` whose
  direction is ``entered`` or ``advanced``) dated in (M, M + 90 days]. The recorded moves are
  what the bank saw happen, at the cadence its evaluations ran (nightly in production): a
  party that moved up and back within the horizon did advance, which comparing its rank at M
  with one evaluated at M + 90 would miss, and their direction was judged by the playbook in
  force then. Moves are recorded only while the ladder is evaluated, so M must lie between
  the oldest evaluation (the first one records every placed party as ``entered``) and the
  newest one minus 90 days. To learn on the current playbook's history, rebuild it first with
  ``bankladder backtest --record``.
- ``product:<family>``: a holding of a product of that family (``product.family``) opened in
  (M, M + 90 days] by a party that held none open on M. Parties holding one on M are left out
  of that month-end's rows (they cannot open a first one). The store's data reaches the newest
  balance snapshot or holding opening, whichever is later: month-ends whose 90 days end after
  it are left out.

Month-ends left out are named in the outcomes' ``source``; none left refuses. ``order`` is M, so
the validation trains on older month-ends and tests on newer ones.

Leakage: every fact is computed by the engine as of M and reads only rows dated on or before
M (contacts, needs, holdings, balances, wallet estimates, flags); the rung is the playbook's
placement on those facts. ``party_id`` is never a feature, and neither is a model's own past
score (``features.FACT_FEATURES``). The party's kind, segment and industry are as the store
holds them now, since it keeps no history of them: a segment raised after a party advanced
would flatter the model, so keep segments stable or leave them to the bank's own rules. The
label windows of neighbouring month-ends overlap (M's 90 days cover M + 1's first two months):
the newest month-ends of the training side see outcomes that fall in the test side's period,
which flatters the time-based AUC slightly; the expanding back-test shows how much it holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pyarrow as pa
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bankladder.analytics.backtest import last_month_ends
from bankladder.errors import InvalidInput
from bankladder.evaluation.service import open_backend
from bankladder.ladder.model import Ladder
from bankladder.propensity.features import PARTY_ID, feature_table, model_frame, training_features
from bankladder.propensity.outcomes import Outcomes
from bankladder.propensity.schemas import (
    ADVANCE,
    HORIZON_DAYS,
    OUTCOME_PREFIX,
    PRODUCT_PREFIX,
    parse_target,
)
from bankladder.store.database import unit_of_work
from bankladder.store.models import Assessment, BalanceSnapshot, Holding, Product, Transition
from bankladder.store.vocabulary import TransitionDirection

HORIZON = dt.timedelta(days=HORIZON_DAYS)
UPWARD = (TransitionDirection.ENTERED, TransitionDirection.ADVANCED)
POSITIVE = "yes"


@dataclass(frozen=True)
class LabelHistory:
    """What the label of a target is read from: the dated events (``party_id``, ``on``; for a
    product family also ``closed_on``), and the span of days the store's record covers."""

    target: str
    events: pd.DataFrame
    first: dt.date | None  # the oldest day the record is complete from (None: from the start)
    newest: dt.date
    newest_means: str  # what the newest day is, in words

    def labels(self, month_end: dt.date, party_ids: pd.Series) -> tuple[np.ndarray, np.ndarray]:
        """(kept, label) for the parties of ``month_end``'s rows: which rows stay, and whether
        the outcome happened in (M, M + 90 days]."""
        on, day = self.events["on"], pd.Timestamp(month_end)
        within = self.events[(on > day) & (on <= day + HORIZON)]
        label = party_ids.isin(within[PARTY_ID]).to_numpy()
        if self.target == ADVANCE:
            return np.ones(len(party_ids), dtype=bool), label
        closed = self.events["closed_on"]
        open_then = (on <= day) & (closed.isna() | (closed > day))
        holding = party_ids.isin(self.events.loc[open_then, PARTY_ID]).to_numpy()
        return ~holding, label


def store_outcomes(
    store: Engine,
    ladder: Ladder,
    target: str,
    month_ends: Sequence[dt.date],
    *,
    engine: str | None = None,
    threads: int | None = None,
) -> Outcomes:
    """One row per (party, month-end M): the features as of M, the target's outcome over
    (M, M + 90 days]. Month-ends whose outcome the store cannot tell yet are left out, named in
    ``source``; when none is left, refused in words."""
    with unit_of_work(store) as session:
        history = label_history(session, target)
    usable, left_out = split_month_ends(month_ends, history)
    if not usable:
        raise InvalidInput(
            f"no month-end can be labelled for {target}: {'; '.join(left_out)}",
            where="--months", fix="train on month-ends whose 90 days the store's data covers",
        )  # fmt: skip
    backend = open_backend(store, engine, threads)
    try:
        tables = [rows_as_of(backend, ladder, history, day) for day in usable]
    finally:
        backend.disconnect()
    return outcomes_of(history, usable, left_out, tables)


def rows_as_of(backend: object, ladder: Ladder, history: LabelHistory, day: dt.date) -> pa.Table:
    """The rows of one month-end: the features as of it, its label and its order."""
    table = feature_table(backend, ladder, day)
    kept, label = history.labels(day, table[PARTY_ID].to_pandas())
    chosen = table.filter(pa.array(kept))
    order = np.full(chosen.num_rows, np.datetime64(day, "ns").astype(np.int64), dtype=np.int64)
    return chosen.append_column("_label", pa.array(label[kept].astype(np.int8))).append_column(
        "_order", pa.array(order)
    )


def outcomes_of(
    history: LabelHistory, usable: list[dt.date], left_out: list[str], tables: list[pa.Table]
) -> Outcomes:
    """The month-ends' rows as the model's training data, typed as scoring will type them."""
    rows = pa.concat_tables(tables)
    label = rows["_label"].to_numpy().astype(np.int8)
    order = rows["_order"].to_numpy().astype(np.int64)
    if label.min(initial=0) == label.max(initial=0):
        happened = "every" if label.size and label[0] else "no"
        raise InvalidInput(
            f"{happened} party reached {history.target} within {HORIZON_DAYS} days of "
            f"{usable[0]}..{usable[-1]}: a model needs both outcomes",
            where="--from-store", fix="train on more month-ends or another target",
        )  # fmt: skip
    features = model_frame(rows, training_features(rows))
    return Outcomes(
        source=source_words(history, usable, left_out),
        sha256=rows_sha256(features, label, order),
        features=features, label=label, order=order, label_column=history.target,
        positive=POSITIVE, excluded=(PARTY_ID,), horizon=HORIZON_NS,
    )  # fmt: skip


HORIZON_NS = HORIZON_DAYS * 86_400 * 10**9
"""The outcome window in ``order``'s unit (nanoseconds)."""


def source_words(history: LabelHistory, usable: list[dt.date], left_out: list[str]) -> str:
    """Where the rows came from, and which month-ends were left out and why."""
    words = (
        f"store: {history.target} within {HORIZON_DAYS} days, as of {len(usable)} month-ends "
        f"{usable[0]}..{usable[-1]}"
    )
    return f"{words}; left out: {'; '.join(left_out)}" if left_out else words


def rows_sha256(features: pd.DataFrame, label: np.ndarray, order: np.ndarray) -> str:
    """The training rows' hash: the same store and month-ends give the same hash."""
    digest = hashlib.sha256()
    digest.update("\x1f".join(map(str, features.columns)).encode())
    digest.update(pd.util.hash_pandas_object(features, index=False).to_numpy().tobytes())
    digest.update(label.tobytes())
    digest.update(order.tobytes())
    return digest.hexdigest()


def split_month_ends(
    month_ends: Sequence[dt.date], history: LabelHistory
) -> tuple[list[dt.date], list[str]]:
    """The month-ends whose outcome the store can tell, oldest first, and the others in words."""
    days = sorted(set(month_ends))
    early = [d for d in days if history.first is not None and d < history.first]
    late = [d for d in days if d not in early and d + HORIZON > history.newest]
    usable = [d for d in days if d not in early and d not in late]
    left_out = []
    if early:
        left_out.append(f"{_span(early)}: before the first recorded evaluation, {history.first}")
    if late:
        left_out.append(
            f"{_span(late)}: their {HORIZON_DAYS} days end after {history.newest}, "
            f"{history.newest_means}"
        )
    return usable, left_out


def _span(days: list[dt.date]) -> str:
    return str(days[0]) if len(days) == 1 else f"{len(days)} month-ends {days[0]}..{days[-1]}"


def label_history(session: Session, target: str) -> LabelHistory:
    """The events a target's label is read from, and how far the store's record reaches."""
    target = parse_target(target, "--from-store")
    if target.startswith(OUTCOME_PREFIX):
        raise InvalidInput(
            f"{target} is learnt from a file of outcomes, not from the store",
            where="--from-store", fix="use advance or product:<family>, or --outcomes FILE",
        )  # fmt: skip
    if target == ADVANCE:
        return _advance_history(session)
    return _product_history(session, target, target.removeprefix(PRODUCT_PREFIX))


def _advance_history(session: Session) -> LabelHistory:
    span = select(func.min(Assessment.as_of), func.max(Assessment.as_of))
    first, newest = session.execute(span).one()
    if newest is None:
        raise InvalidInput(
            "the store has no recorded stage history to learn advances from",
            where="--from-store advance",
            fix="evaluate the ladder as of past month-ends first: `bankladder backtest --record`",
        )
    query = select(Transition.party_id, Transition.changed_on).where(
        Transition.direction.in_(UPWARD)
    )
    events = dated(pd.DataFrame(session.execute(query).all(), columns=[PARTY_ID, "on"]))
    return LabelHistory(ADVANCE, events, first, newest, "the newest evaluation")


def _product_history(session: Session, target: str, family: str) -> LabelHistory:
    families = sorted(session.scalars(select(Product.family).distinct()))
    if family not in families:
        raise InvalidInput(
            f"no product of the family {family!r} is in the catalogue",
            where="--from-store", fix=f"name one of: {', '.join(families) or '(none)'}",
        )  # fmt: skip
    query = (
        select(Holding.party_id, Holding.opened_on, Holding.closed_on)
        .join(Product, Product.code == Holding.product_code)
        .where(Product.family == family)
    )
    rows = session.execute(query).all()
    events = dated(pd.DataFrame(rows, columns=[PARTY_ID, "on", "closed_on"]))
    newest = max(
        (d for d in (
            session.scalar(select(func.max(BalanceSnapshot.snapshot_on))),
            session.scalar(select(func.max(Holding.opened_on))),
        ) if d is not None),
        default=None,
    )  # fmt: skip
    if newest is None:
        raise InvalidInput(
            "the store holds no holdings or balances to learn openings from",
            where="--from-store", fix="import holdings and balances first",
        )  # fmt: skip
    return LabelHistory(
        target, events, None, newest, "the newest balance snapshot or holding opening"
    )


def newest_labelled_month_ends(store: Engine, target: str, count: int) -> list[dt.date]:
    """The ``count`` month-ends up to the newest whose 90 days the store's record covers."""
    with unit_of_work(store) as session:
        history = label_history(session, target)
    return last_month_ends(history.newest - HORIZON, count)


def dated(events: pd.DataFrame) -> pd.DataFrame:
    """The events with their dates as datetime64, compared with a month-end in one pass."""
    return events.assign(**{c: pd.to_datetime(events[c]) for c in events.columns if c != PARTY_ID})
