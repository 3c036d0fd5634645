"""How errors reach users: an error page for the browser, JSON for the API; never a traceback
or SQL. Unexpected errors are logged with their traceback on the server only."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response

from bankladder.access.principal import Permission
from bankladder.errors import (
    BankladderError,
    InvalidInput,
    NotFound,
    StaleVersion,
    StoreUnavailable,
)
from bankladder.store.vocabulary import UserLocale
from bankladder.web.headers import add_security_headers
from bankladder.web.i18n import negotiated_locale
from bankladder.web.templating import Pages

log = logging.getLogger("bankladder.web")
SIGN_IN_PATH = "/sign-in"


class SignInRequired(Exception):
    """No live session or API token."""


class PermissionDenied(Exception):
    def __init__(self, permission: Permission) -> None:
        super().__init__(f"this needs the permission {permission.value}")


class CsrfRefused(Exception):
    """A state-changing request without the session's CSRF token."""


STATUS_OF: list[tuple[type[BankladderError], int]] = [
    (NotFound, 404),
    (StaleVersion, 412),  # the API's If-Match named an older version; a form, the same
    (InvalidInput, 400),
    (StoreUnavailable, 503),
]


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def page_locale(request: Request) -> UserLocale:
    chosen = getattr(request.state, "locale", None)
    if isinstance(chosen, UserLocale):
        return chosen
    return negotiated_locale(request.headers.get("accept-language"))


def error_response(request: Request, status: int, detail: str) -> Response:
    if is_api(request):
        return JSONResponse({"detail": detail}, status_code=status)
    pages: Pages = request.app.state.workbench.pages
    return pages.render("error.html", page_locale(request), status=status, status_code=status)


async def _sign_in_required(request: Request, _: Exception) -> Response:
    if is_api(request):
        return JSONResponse(
            {"detail": "sign in or send an API token"},
            status_code=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    return RedirectResponse(SIGN_IN_PATH, status_code=303)


async def _permission_denied(request: Request, error: Exception) -> Response:
    return error_response(request, 403, str(error))


async def _csrf_refused(request: Request, _: Exception) -> Response:
    return error_response(request, 403, "the request lacks this session's CSRF token")


async def _bankladder_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, BankladderError)
    status = next((code for kind, code in STATUS_OF if isinstance(error, kind)), 400)
    return error_response(request, status, error.what)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return error_response(request, error.status_code, str(error.detail))


async def _invalid_request(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    if is_api(request):
        fields = [".".join(str(p) for p in problem["loc"]) for problem in error.errors()]
        return JSONResponse({"detail": "invalid request", "fields": fields}, status_code=422)
    return error_response(request, 400, "invalid form")


async def _internal_error(request: Request, error: Exception) -> Response:
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=error)
    try:
        response = error_response(request, 500, "internal error")
    except Exception:  # the error page itself failed: say it in one line
        response = PlainTextResponse("Internal error / 内部错误", status_code=500)
    add_security_headers(response.headers, request.url.path)  # sent past the middleware
    return response


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(SignInRequired, _sign_in_required)
    app.add_exception_handler(PermissionDenied, _permission_denied)
    app.add_exception_handler(CsrfRefused, _csrf_refused)
    app.add_exception_handler(BankladderError, _bankladder_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(Exception, _internal_error)
