"""What the app's requests share: settings, clock, policies, templates and the store."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from bankladder.accounts.schemas import SessionPolicy, ThrottlePolicy
from bankladder.accounts.service import Clock
from bankladder.config import Settings
from bankladder.errors import StoreUnavailable
from bankladder.web.templating import Pages


@dataclass
class Workbench:
    settings: Settings
    clock: Clock
    sessions: SessionPolicy
    throttle: ThrottlePolicy
    secure_cookies: bool
    pages: Pages
    store: Engine | None = None  # opened when the app starts, not when it is built

    def engine(self) -> Engine:
        if self.store is None:
            raise StoreUnavailable("the workbench has not started: no store is open")
        return self.store


def secure_cookies(settings: Settings) -> bool:
    """Cookies are Secure unless the settings say otherwise (``bankladder serve`` does so for
    a loopback address, where the browser talks plain http)."""
    return settings.secure_cookies is not False
