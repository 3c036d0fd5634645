"""Sign-in (GET form, POST), sign-out (POST). Throttled; the same answer for every refusal."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from bankladder.accounts import service, tokens
from bankladder.store.vocabulary import UserLocale
from bankladder.web import cookies
from bankladder.web.dependencies import Public, SignedIn, StoreSession, workbench
from bankladder.web.errors import SIGN_IN_PATH
from bankladder.web.i18n import chosen_locale, negotiated_locale

router = APIRouter()
HOME = "/"
REFUSED = 401  # unknown user, wrong password and locked account alike


def sign_in_locale(request: Request, lang: str | None) -> UserLocale:
    """``?lang=``, else the language chosen here before, else the browser's."""
    return (
        chosen_locale(lang)
        or chosen_locale(request.cookies.get(cookies.LANGUAGE))
        or negotiated_locale(request.headers.get("accept-language"))
    )


def sign_in_page(
    request: Request, locale: UserLocale, *, refused: bool = False, expired: bool = False
) -> Response:
    bench = workbench(request)
    form_token = request.cookies.get(cookies.SIGN_IN_FORM) or tokens.new_secret()
    status = REFUSED if refused else (400 if expired else 200)
    response = bench.pages.render(
        "sign_in.html", locale, status, form_token=form_token, refused=refused, expired=expired
    )
    cookie = {"secure": bench.secure_cookies}
    cookies.set_cookie(response, cookies.SIGN_IN_FORM, form_token, **cookie)
    cookies.set_cookie(
        response, cookies.LANGUAGE, locale.value, max_age=cookies.LANGUAGE_MAX_AGE, **cookie
    )
    return response


@router.get(SIGN_IN_PATH, dependencies=[Public], name="sign_in_form")
def sign_in_form(request: Request, lang: str | None = None) -> Response:
    return sign_in_page(request, sign_in_locale(request, lang))


@router.post(SIGN_IN_PATH, dependencies=[Public], name="sign_in")
def sign_in(
    request: Request,
    session: StoreSession,
    username: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    bench = workbench(request)
    locale = sign_in_locale(request, None)
    expected = request.cookies.get(cookies.SIGN_IN_FORM)
    if expected is None or not tokens.same_secret(csrf_token, expected):
        return sign_in_page(request, locale, expired=True)
    address = request.client.host if request.client else "unknown"
    now = bench.clock()
    signed_in = service.sign_in(session, username, password, address, bench.throttle, now)
    if signed_in is None:
        return sign_in_page(request, locale, refused=True)
    earlier = cookies.session_token(request, bench.secure_cookies)
    if earlier is not None:
        service.sign_out(session, earlier, now)  # never carry a session across a sign-in
    response = RedirectResponse(HOME, status_code=303)
    name = cookies.session_cookie_name(bench.secure_cookies)
    cookies.set_cookie(response, name, signed_in.session_token, secure=bench.secure_cookies)
    cookies.clear_cookie(response, cookies.SIGN_IN_FORM, secure=bench.secure_cookies)
    return response


@router.post("/sign-out", name="sign_out")
def sign_out(request: Request, session: StoreSession, _caller: SignedIn) -> Response:
    bench = workbench(request)
    token = cookies.session_token(request, bench.secure_cookies)
    if token is not None:
        service.sign_out(session, token, bench.clock())
    response = RedirectResponse(SIGN_IN_PATH, status_code=303)
    name = cookies.session_cookie_name(bench.secure_cookies)
    cookies.clear_cookie(response, name, secure=bench.secure_cookies)
    return response
