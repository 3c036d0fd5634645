"""Typed settings: the only place that reads the environment.

Every setting can come from a ``BANKLADDER_``-prefixed environment variable
(``BANKLADDER_DATABASE_URL``, ``BANKLADDER_BANK_PROFILE`` ...) or from a command-line
option, which wins.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Engine = Literal["duckdb", "sqlite", "postgres"]
Locale = Literal["zh-CN", "en"]
DISMISSED_QUIET_DAYS = 30
"""Days an action the RM called not relevant stays unproposed (``dismissed_quiet_days``)."""


def _default_home() -> Path:
    return Path.home() / ".bankladder"


class Settings(BaseSettings):
    """What a bankladder process needs to know before it touches any data."""

    model_config = SettingsConfigDict(env_prefix="BANKLADDER_", extra="ignore", frozen=True)

    home: Path = Field(default_factory=_default_home, description="Folder for the embedded store.")
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the store; default: a SQLite file bankladder.db in home.",
    )
    engine: Engine | None = Field(
        default=None,
        description="Evaluation engine; default: duckdb on SQLite, postgres on PostgreSQL.",
    )
    playbook: Path | None = Field(
        default=None, description="Playbook YAML; default: the shipped six-rung playbook."
    )
    bank_profile: Literal["young", "established"] | None = Field(
        default=None, description="young or established; default: the bank's, else the playbook's."
    )
    locale: Locale = Field(default="zh-CN", description="Language of printed texts.")
    worklist_size: int = Field(default=10, ge=1, le=1000, description="Actions per RM listed.")
    threads: int | None = Field(default=None, ge=1, description="DuckDB threads; default: cores.")
    session_idle_minutes: int = Field(
        default=30, ge=1, description="A web session unused this long is over."
    )
    session_absolute_hours: int = Field(
        default=12, ge=1, description="A web session is over this long after sign-in, used or not."
    )
    sign_in_failures_per_account: int = Field(
        default=5, ge=1, description="Refused sign-ins of one username before it is locked."
    )
    sign_in_failures_per_address: int = Field(
        default=20,
        ge=1,
        description="Refused sign-ins from one address before it is locked.",
    )
    sign_in_window_minutes: int = Field(
        default=15, ge=1, description="The window in which refused sign-ins are counted."
    )
    dismissed_quiet_days: int = Field(
        default=DISMISSED_QUIET_DAYS,
        ge=0,
        le=365,
        description="Days an action answered 'not relevant' is not proposed again for the same "
        "party and criterion.",
    )
    bank_timezone: str = Field(
        default="Asia/Shanghai",
        description="The bank's time zone (IANA name): the workbench writes times and dates in "
        "it, as the bank's extracts do.",
    )
    wallet_quantile: float = Field(
        default=0.9,
        ge=0.5,
        lt=1,
        description="How high among its peers a party's wallet is read (docs/wallet.md).",
    )
    wallet_min_peers: int = Field(
        default=30,
        ge=1,
        description="The fewest customers a peer group needs before a coarser one is used.",
    )
    secure_cookies: bool | None = Field(
        default=None,
        description="Send cookies over HTTPS only; default: on, except `bankladder serve` on a "
        "loopback address (local http).",
    )
    model_dir: Path | None = Field(
        default=None,
        description="Folder of the propensity model registry (one folder per target and "
        "version); default: models in home.",
    )
    loan_near_breach_share: float = Field(
        default=0.25,
        gt=0,
        lt=1,
        description="An open loan application is near breach when less than this share of its "
        "SLA's working days is left.",
    )

    @field_validator("bank_timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            ZoneInfo(name)
        except (KeyError, ValueError):
            raise ValueError(f"{name!r} is not a time zone name, e.g. Asia/Shanghai") from None
        return name

    def models(self) -> Path:
        """The propensity model registry's folder."""
        return self.model_dir if self.model_dir is not None else self.home / "models"

    def store_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'bankladder.db'}"


def hand_down(**values: str) -> None:
    """Pass settings to the worker processes a command starts (``bankladder serve --workers``):
    they read them from the environment like any other bankladder process."""
    for name, value in values.items():
        os.environ[f"BANKLADDER_{name.upper()}"] = value


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.expanduser().resolve()}"


def today(settings: Settings) -> dt.date:
    """Today on the bank's wall clock: a batch started at 01:00 in Shanghai on a server kept in
    UTC evaluates the bank's day, not the server's (which is still yesterday)."""
    return bank_now(settings).date()


def bank_now(settings: Settings) -> dt.datetime:
    """Now on the bank's wall clock (``bank_timezone``), naive like every time in the store."""
    return dt.datetime.now(ZoneInfo(settings.bank_timezone)).replace(tzinfo=None)
