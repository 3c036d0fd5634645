"""The workbench's cookies: HttpOnly, SameSite=Lax, Secure unless serving plain http locally.

The session cookie holds a random token; the store keeps only its SHA-256. It has no Max-Age
(it ends with the browser); the server enforces the idle and absolute time-outs. With Secure
on, its name carries the ``__Host-`` prefix: the browser then refuses it from plain http, from
another path, or set for a parent domain.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

SESSION = "bankladder_session"
SIGN_IN_FORM = "bankladder_sign_in"  # the double-submit CSRF token of the sign-in form
LANGUAGE = "bankladder_lang"  # the language chosen on the sign-in page
LANGUAGE_MAX_AGE = 365 * 24 * 3600


def session_cookie_name(secure: bool) -> str:
    return f"__Host-{SESSION}" if secure else SESSION


def session_token(request: Request, secure: bool) -> str | None:
    return request.cookies.get(session_cookie_name(secure))


def set_cookie(
    response: Response, name: str, value: str, *, secure: bool, max_age: int | None = None
) -> None:
    response.set_cookie(
        name, value, max_age=max_age, path="/", secure=secure, httponly=True, samesite="lax"
    )


def clear_cookie(response: Response, name: str, *, secure: bool) -> None:
    response.delete_cookie(name, path="/", secure=secure, httponly=True, samesite="lax")
