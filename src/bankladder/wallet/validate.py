"""Validating the wallet estimate on the demo bank, where every party's true wallet is known.

    uv run python -m bankladder.wallet.validate [--parties 20000] [--seed 42]
        [--as-of 2026-03-18] [--quantile 0.9] [--min-peers 30]

builds a demo bank in a temporary SQLite file, estimates every wallet as of the demo's date
(``service.estimate``), draws the same book again from the seed to read the true wallets the
generator kept in memory (``demo.wallets``), and prints the median absolute percentage error,
the share of parties within +-50 % and the rank correlation (Spearman), for all parties, persons,
enterprises and customers. docs/wallet.md records the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from faker import Faker
from sqlalchemy import Engine

from bankladder.demo.book import Streams, draw_book
from bankladder.demo.generator import build_demo_bank
from bankladder.demo.journeys import Calendar
from bankladder.demo.population import staff
from bankladder.store.database import connect, unit_of_work
from bankladder.wallet.accuracy import Accuracy, accuracy
from bankladder.wallet.estimation import DEFAULT_SETTINGS, Settings
from bankladder.wallet.service import estimate, wallets

DEMO_AS_OF = dt.date(2026, 3, 18)


def true_wallets(parties: int, seed: int, as_of: dt.date) -> dict[str, tuple[str, float]]:
    """Party id -> (kind, true wallet) of the demo bank of ``parties``, ``seed`` and ``as_of``:
    the book drawn again exactly as ``demo.generator.build_demo_bank`` draws it."""
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    streams = Streams(seed)
    rms = staff(fake, streams("staff"))
    book = draw_book(parties, Calendar(as_of), fake, rms, streams)
    return {
        c.persona.id: (c.persona.kind.value, c.persona.wallet.wallet if c.persona.wallet else 0.0)
        for c in book
    }


def compare(
    store: Engine, truth: dict[str, tuple[str, float]], as_of: dt.date
) -> dict[str, Accuracy]:
    """The accuracy of the estimates kept for ``as_of``, overall and by kind and customers."""
    with unit_of_work(store) as session:
        found = wallets(session, as_of)
    groups: dict[str, tuple[list[float], list[float]]] = {}
    for w in found:
        kind, true = truth[w.party_id]
        names = ["all parties", f"{kind}s"] + (["customers"] if w.at_bank > 0 else [])
        for name in names:
            estimated, actual = groups.setdefault(name, ([], []))
            estimated.append(float(w.wallet))
            actual.append(true)
    return {name: accuracy(est, true) for name, (est, true) in sorted(groups.items())}


def validate(
    parties: int, seed: int, as_of: dt.date, settings: Settings, folder: Path
) -> tuple[dict[str, Accuracy], float]:
    """Build, estimate and compare; the figures and the estimation's seconds."""
    store = connect(f"sqlite:///{folder / 'demo.db'}")
    try:
        with store.begin() as connection:
            build_demo_bank(connection, parties=parties, seed=seed, as_of=as_of)
        run = estimate(store, as_of, settings=settings)
        return compare(store, true_wallets(parties, seed, as_of), as_of), run.seconds
    finally:
        store.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--parties", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=DEMO_AS_OF)
    parser.add_argument("--quantile", type=float, default=DEFAULT_SETTINGS.quantile)
    parser.add_argument("--min-peers", type=int, default=DEFAULT_SETTINGS.min_peers)
    args = parser.parse_args(argv)
    settings = Settings(quantile=args.quantile, min_peers=args.min_peers)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        figures, seconds = validate(args.parties, args.seed, args.as_of, settings, Path(folder))
    print(
        f"{args.parties} parties, seed {args.seed}, as of {args.as_of}, quantile "
        f"{settings.quantile}, min peers {settings.min_peers}: estimated in {seconds:.1f} s "
        f"(all in {time.perf_counter() - started:.0f} s)"
    )
    print(f"{'':<14}{'parties':>9}{'MdAPE':>8}{'<=50%':>8}{'Spearman':>10}")
    for name, a in figures.items():
        print(
            f"{name:<14}{a.parties:>9}{a.median_ape:>8.1%}{a.within_half:>8.1%}{a.spearman:>10.3f}"
        )


if __name__ == "__main__":
    main()
