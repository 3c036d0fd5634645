"""What the accounts use cases take and return."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bankladder.access.principal import Principal
from bankladder.config import Settings
from bankladder.store.vocabulary import UserLocale, UserRole


@dataclass(frozen=True)
class Account:
    """A user of the workbench, without the password hash."""

    id: int
    username: str
    role: UserRole
    rm_id: str | None
    branch_id: str | None
    locale: UserLocale
    active: bool

    @property
    def principal(self) -> Principal:
        return Principal(self.id, self.role, self.rm_id, self.branch_id)


@dataclass(frozen=True)
class NewUser:
    username: str
    role: UserRole
    rm_id: str | None = None
    branch_id: str | None = None
    locale: UserLocale = UserLocale.ZH_CN


@dataclass(frozen=True)
class SignedIn:
    """A new session: its token goes into the cookie and is never stored."""

    account: Account
    session_token: str
    csrf_token: str


@dataclass(frozen=True)
class ActiveSession:
    account: Account
    csrf_token: str


@dataclass(frozen=True)
class IssuedToken:
    """A new API token: ``token`` is shown once and never stored."""

    id: int
    name: str
    token: str


@dataclass(frozen=True)
class SessionPolicy:
    idle: dt.timedelta
    absolute: dt.timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> SessionPolicy:
        return cls(
            idle=dt.timedelta(minutes=settings.session_idle_minutes),
            absolute=dt.timedelta(hours=settings.session_absolute_hours),
        )


@dataclass(frozen=True)
class ThrottlePolicy:
    per_account: int
    per_address: int
    window: dt.timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> ThrottlePolicy:
        return cls(
            per_account=settings.sign_in_failures_per_account,
            per_address=settings.sign_in_failures_per_address,
            window=dt.timedelta(minutes=settings.sign_in_window_minutes),
        )
