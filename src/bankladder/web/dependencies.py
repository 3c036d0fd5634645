"""What routes ask for: the store session (one unit of work per request), the caller, and
``Requires(permission)``, which every route but sign-in and health declares.

A route that needs nothing of the caller still declares a permission (deny by default); the
test that walks ``app.routes`` fails on one that does not.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, cast

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from bankladder.access.principal import Permission, Principal
from bankladder.accounts import service
from bankladder.accounts.schemas import Account
from bankladder.store.database import unit_of_work
from bankladder.store.vocabulary import UserLocale
from bankladder.web import cookies, csrf
from bankladder.web.errors import CsrfRefused, PermissionDenied, SignInRequired
from bankladder.web.workbench import Workbench

BEARER = "bearer "


def workbench(request: Request) -> Workbench:
    return cast(Workbench, request.app.state.workbench)


def store_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed before the response is sent, rolled back when
    the route raises."""
    with unit_of_work(workbench(request).engine()) as session:
        yield session


StoreSession = Annotated[Session, Depends(store_session, scope="function")]


@dataclass(frozen=True)
class Caller:
    """Who is asking: their account, and the session's CSRF token (None with an API token)."""

    account: Account
    csrf_token: str | None

    @property
    def principal(self) -> Principal:
        return self.account.principal

    @property
    def locale(self) -> UserLocale:
        return self.account.locale


def optional_caller(request: Request, session: StoreSession) -> Caller | None:
    """The caller named by an ``Authorization: Bearer`` API token, else by the session cookie."""
    bench = workbench(request)
    now = bench.clock()
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith(BEARER):
        found = service.api_token_account(session, authorization[len(BEARER) :].strip(), now)
        return None if found is None else Caller(found, None)
    token = cookies.session_token(request, bench.secure_cookies)
    if token is None:
        return None
    active = service.resume_session(session, token, bench.sessions, now)
    return None if active is None else Caller(active.account, active.csrf_token)


class Requires:
    """A route's permission: signed in, the role grants ``permission``, and for a
    state-changing request made with the session cookie, the CSRF token matches."""

    def __init__(self, permission: Permission) -> None:
        self.permission = permission

    async def __call__(
        self, request: Request, caller: Annotated[Caller | None, Depends(optional_caller)]
    ) -> Caller:
        if caller is None:
            raise SignInRequired
        request.state.locale = caller.locale
        if not caller.principal.may(self.permission):
            raise PermissionDenied(self.permission)
        if caller.csrf_token is not None and not await csrf.carries_token(
            request, caller.csrf_token
        ):
            raise CsrfRefused
        return caller


def public() -> None:
    """Marks a route as open to anyone on purpose (sign-in, health); see the route walker."""


SignedIn = Annotated[Caller, Depends(Requires(Permission.SELF_VIEW))]
Public = Depends(public)
