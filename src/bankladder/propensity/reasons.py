"""A model's score and its reasons in the words an RM reads, in Chinese and English.

A scoring run keeps, per party, the features that moved its score most (``schemas.Reason``:
the feature, its value, its effect in log-odds). This module says them as a sentence: the
fact's meaning from the catalogue (or the attribute's name), its value when it may be shown,
and whether it raised or lowered the chance; e.g. 「近90天接触次数 5，提高了可能性」 /
"Contacts in the last 90 days: 5, raises the chance". A money amount (a fact in CNY) is never
quoted, whatever the stored row holds: reasons are shown masked, to everyone.

Pure functions: no store, no model; the pages, the API and the command line share them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from bankladder.engine.catalogue import FACTS, Fact
from bankladder.ladder.model import FactType, Text
from bankladder.propensity.schemas import HORIZON_DAYS, Reason

MONEY_UNIT = "CNY"
ATTRIBUTE_NAMES: dict[str, Text] = {
    "stage_rank": Text(zh="所在阶梯", en="Rung on the ladder"),
    "party_kind": Text(zh="客户类型", en="Kind of party"),
    "segment": Text(zh="客户分层", en="Segment"),
    "industry_section": Text(zh="所属行业门类", en="Industry section"),
}
"""The party attributes a model reads beside the facts (``features.ATTRIBUTES``)."""
PARTY_KINDS = {
    "person": Text(zh="个人", en="person"),
    "enterprise": Text(zh="企业", en="enterprise"),
}
YES, NO = Text(zh="是", en="yes"), Text(zh="否", en="no")
RAISES = Text(zh="提高了可能性", en="raises the chance")
LOWERS = Text(zh="降低了可能性", en="lowers the chance")
NO_EFFECT = Text(zh="对可能性没有影响", en="leaves the chance as it is")


@dataclass(frozen=True)
class ReasonLine:
    """One reason as shown: the feature, its effect (log-odds, > 0 raises) and the words."""

    feature: str
    effect: float
    words: Text


@dataclass(frozen=True)
class Chance:
    """A party's chance to move up a rung within ``HORIZON_DAYS`` days, as a model scored it:
    what the 360 page, My day and the API show."""

    probability: float
    lift: float
    model_version: str
    scored_on: dt.date
    reasons: tuple[ReasonLine, ...]

    @property
    def percent(self) -> str:
        return percent(self.probability)

    def times_average(self, locale: str) -> str:
        return times_average(self.lift).in_(locale)

    def summary(self, locale: str) -> str:
        return chance_words(self.probability, self.lift).in_(locale)

    @property
    def top_reason(self) -> ReasonLine | None:
        return self.reasons[0] if self.reasons else None


def chance(
    probability: float,
    lift: float,
    model_version: str,
    scored_on: dt.date,
    reasons: Sequence[Reason],
) -> Chance:
    """The shown chance of one stored score, its reasons in words, largest effect first."""
    ordered = sorted(reasons, key=lambda r: abs(r.effect), reverse=True)
    lines = tuple(ReasonLine(r.feature, r.effect, reason_words(r)) for r in ordered)
    return Chance(probability, lift, model_version, scored_on, lines)


def _fact(feature: str) -> Fact | None:
    return next((fact for fact in FACTS if fact.name == feature), None)


def feature_name(feature: str) -> Text:
    """What the feature means: the catalogue's description of a fact, an attribute's name, or
    the feature's own name when neither knows it (a model from a newer release)."""
    fact = _fact(feature)
    if fact is not None:
        return fact.description
    return ATTRIBUTE_NAMES.get(feature, Text(zh=feature, en=feature))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def shown_value(feature: str, value: str | float | None) -> Text | None:
    """The value as it may be shown, or None: unknown, or a money amount (never quoted)."""
    if value is None or value == "":
        return None
    fact = _fact(feature)
    if fact is not None and fact.unit == MONEY_UNIT:
        return None
    if fact is not None and fact.type is FactType.boolean:
        return YES if _truthy(value) else NO
    if feature == "party_kind" and str(value) in PARTY_KINDS:
        return PARTY_KINDS[str(value)]
    if isinstance(value, int | float):
        return Text(zh=_number(value), en=_number(value))
    return Text(zh=str(value), en=str(value))


def _truthy(value: str | float) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "1.0", "true", "yes", "是")
    return bool(value)


def direction(effect: float) -> Text:
    if effect > 0:
        return RAISES
    return LOWERS if effect < 0 else NO_EFFECT


def reason_words(reason: Reason) -> Text:
    """「近90天接触次数 5，提高了可能性」 / "Contacts in the last 90 days: 5, raises the chance"."""
    name, value = feature_name(reason.feature), shown_value(reason.feature, reason.value)
    effect = direction(reason.effect)
    if value is None:
        return Text(zh=f"{name.zh}，{effect.zh}", en=f"{name.en}, {effect.en}")
    return Text(zh=f"{name.zh} {value.zh}，{effect.zh}", en=f"{name.en}: {value.en}, {effect.en}")


def percent(probability: float) -> str:
    """A probability as a whole percentage; below 1% says so rather than 0%."""
    if probability < 0.005:
        return "<1%"
    return f"{min(probability, 1.0):.0%}"


def times_average(lift: float) -> Text:
    """How many times the average chance: 「平均水平的 2.3 倍」, "2.3 times the average"."""
    shown = f"{lift:.1f}"
    return Text(zh=f"平均水平的 {shown} 倍", en=f"{shown} times the average")


def chance_words(probability: float, lift: float) -> Text:
    """The chance and its lift in one sentence, for a line of the worklist or the command line."""
    p, times = percent(probability), times_average(lift)
    return Text(
        zh=f"{HORIZON_DAYS}天内升阶可能性 {p}，是{times.zh}",
        en=f"Chance to move up within {HORIZON_DAYS} days: {p}, {times.en}",
    )
