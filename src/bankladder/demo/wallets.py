"""Each demo party's TRUE wallet (what it holds with every bank), its share with us, and an
enterprise's size band and annual turnover.

The truth is drawn before any balance: a lognormal wallet by segment and age (persons) or a
lognormal turnover by segment times an industry's wallet intensity (enterprises); then the share
kept with us, from a mixture where some parties keep nearly everything with us and many keep
little (more of the former among parties whose resources an RM already mines). The balances
(``balances.wealth_path``) start from wallet x share. The wallet is kept in memory (on the
``PartyFile``) for ``bankladder.wallet.validate`` and never stored: a bank never knows it.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from bankladder.demo.journeys import Course, Journey
from bankladder.demo.population import Persona
from bankladder.wallet.peers import age_band

PERSON_WALLET = {"mass": 60_000.0, "affluent": 1_000_000.0, "private": 11_000_000.0}
"""Median wallet of a person aged 30-44, per segment (CNY)."""
AGE_FACTOR = {"<30": 0.5, "30-44": 1.0, "45-59": 1.4, "60+": 1.2, "unknown": 1.0}
PERSON_SIGMA = 0.35
TURNOVER = {"micro": 2_500_000.0, "sme": 30_000_000.0, "corporate": 350_000_000.0}
"""Median annual turnover per segment (CNY)."""
TURNOVER_SIGMA = 0.6
INTENSITY = {"A": 0.15, "C": 0.22, "E": 0.3, "F": 0.12, "G": 0.18, "H": 0.2, "I": 0.3, "K": 0.5}
"""Wallet (deposits and financing need) per CNY of turnover, by GB/T 4754 section."""
DEFAULT_INTENSITY = 0.2
INTENSITY_SIGMA = 0.3
SIZE_BANDS = ((3_000_000.0, "micro"), (20_000_000.0, "small"), (400_000_000.0, "medium"))
"""(turnover below, size band): roughly the MIIT bands by revenue; the rest is "large"."""
LOYAL_ODDS = {True: 0.35, False: 0.12}
"""Odds that a customer keeps nearly all its wallet with us, whether an RM mines its resources
(rung 4 or higher) or not."""
HIGHEST_SHARE = 0.97
"""Month-end noise moves balances by up to 3 %: a share below this keeps them under the wallet."""
FLOOR_HEADROOM = 2.1
"""A rung's balance floor is drawn up to twice its threshold (x 1.03 noise): the wallet is at
least this many times the floor."""


@dataclass(frozen=True)
class WalletPlan:
    """The truth about a party's money: its wallet at all banks and the part drawn with us."""

    wallet: float
    share: float
    size_band: str | None
    annual_turnover: Decimal | None

    @property
    def at_bank(self) -> float:
        return self.wallet * self.share


def plan_wallet(
    persona: Persona, journey: Journey, floor: float, as_of: dt.date, rng: random.Random
) -> WalletPlan:
    """The wallet and share of one party; ``floor`` is the highest balance floor of the rungs it
    reached (``balances.highest_floor``), which the wallet must leave room for."""
    if persona.is_person:
        wallet, size, turnover = _person_wallet(persona, as_of, rng), None, None
    else:
        wallet, size, turnover = _enterprise_wallet(persona, rng)
    wallet = max(wallet, FLOOR_HEADROOM * floor)
    share = _share(journey, rng)
    return WalletPlan(wallet, share, size, turnover)


def _person_wallet(persona: Persona, as_of: dt.date, rng: random.Random) -> float:
    band = age_band(persona.id_number[6:14], as_of)
    median = PERSON_WALLET[persona.segment] * AGE_FACTOR[band]
    return rng.lognormvariate(math.log(median), PERSON_SIGMA)


def _enterprise_wallet(persona: Persona, rng: random.Random) -> tuple[float, str, Decimal]:
    turnover = rng.lognormvariate(math.log(TURNOVER[persona.segment]), TURNOVER_SIGMA)
    section = (persona.industry_code or "")[:1]
    intensity = INTENSITY.get(section, DEFAULT_INTENSITY)
    wallet = turnover * rng.lognormvariate(math.log(intensity), INTENSITY_SIGMA)
    size = next((band for below, band in SIZE_BANDS if turnover < below), "large")
    return wallet, size, Decimal(f"{turnover:.2f}")


def _share(journey: Journey, rng: random.Random) -> float:
    """Nearly all (0.8-0.97) for the loyal; otherwise little, often very little."""
    if rng.random() < LOYAL_ODDS[journey.peak >= 4]:
        return rng.uniform(0.8, HIGHEST_SHARE)
    return min(HIGHEST_SHARE, rng.betavariate(1.2, 3.0))


def left_after_moving_out(plan: WalletPlan, journey: Journey, planned: float) -> float:
    """What a party that moved its money out keeps: what the ladder planned (below the rung it
    fell from, above the one it stands on), never more than its wallet allows."""
    if journey.course != Course.MOVED_OUT:
        return planned
    return min(planned, HIGHEST_SHARE * plan.wallet)
