"""CSRF protection on every state-changing request.

Signed in with a cookie: a synchronizer token, one per session, kept in the store with the
session; a form sends it as the field ``csrf_token``, a script as the header ``X-CSRF-Token``.
The sign-in form, before any session exists, uses a double-submit cookie. A request with an
``Authorization: Bearer`` API token carries no cookie a browser would add by itself, so it is
exempt. The check is made by ``dependencies.Requires`` for every route that needs a permission,
so no route can forget it.
"""

from __future__ import annotations

from starlette.requests import Request

from bankladder.accounts.tokens import same_secret

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


async def sent_token(request: Request) -> str | None:
    """The token the request carries, in its header or its form."""
    header = request.headers.get(HEADER)
    if header:
        return header
    if request.headers.get("content-type", "").startswith(FORM_TYPES):
        value = (await request.form()).get(FIELD)
        return value if isinstance(value, str) else None
    return None


async def carries_token(request: Request, expected: str) -> bool:
    if request.method in SAFE_METHODS:
        return True
    sent = await sent_token(request)
    return sent is not None and same_secret(sent, expected)
