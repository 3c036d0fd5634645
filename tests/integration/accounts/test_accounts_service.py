"""Users, sign-in with throttling, sessions and API tokens, on a real store (SQLite and
PostgreSQL); the clock is moved, never slept on."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select

from bankladder.accounts import service
from bankladder.accounts.schemas import NewUser, SessionPolicy, ThrottlePolicy
from bankladder.errors import InvalidInput, NotFound
from bankladder.store.database import unit_of_work
from bankladder.store.models import ApiToken, UserAccount, WebSession
from bankladder.store.vocabulary import UserRole
from tests.workbench import PASSWORD, Clock, add_user, small_bank

pytestmark = pytest.mark.integration

THROTTLE = ThrottlePolicy(per_account=5, per_address=20, window=dt.timedelta(minutes=15))
SESSIONS = SessionPolicy(idle=dt.timedelta(minutes=30), absolute=dt.timedelta(hours=12))
HERE = "10.1.2.3"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('accounts') / 'store.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = small_bank(url)
    add_user(engine, "wang", UserRole.RM, rm_id="RM01")
    yield engine
    engine.dispose()


def sign_in(
    store: Engine,
    clock: Clock,
    password: str = PASSWORD,
    username: str = "wang",
    address: str = HERE,
) -> service.SignedIn | None:
    with unit_of_work(store) as session:
        return service.sign_in(session, username, password, address, THROTTLE, clock())


def resume(store: Engine, clock: Clock, token: str) -> service.ActiveSession | None:
    with unit_of_work(store) as session:
        return service.resume_session(session, token, SESSIONS, clock())


def test_passwords_are_stored_as_argon2id_hashes(store: Engine) -> None:
    with unit_of_work(store) as session:
        stored = session.scalar(select(UserAccount.password_hash))
    assert stored is not None
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_the_right_password_opens_a_new_session_at_every_sign_in(store: Engine) -> None:
    clock = Clock()
    first, second = sign_in(store, clock), sign_in(store, clock)
    assert first is not None
    assert second is not None
    assert first.session_token != second.session_token
    assert first.csrf_token != second.csrf_token
    assert first.account.username == "wang"
    assert first.account.rm_id == "RM01"


def test_the_store_keeps_only_digests_of_session_and_api_tokens(store: Engine) -> None:
    clock = Clock()
    signed_in = sign_in(store, clock)
    assert signed_in is not None
    with unit_of_work(store) as session:
        issued = service.issue_api_token(session, "wang", "crm-sync", clock())
        stored = [
            *session.scalars(select(WebSession.id)),
            *session.scalars(select(ApiToken.token_hash)),
        ]
    assert signed_in.session_token not in stored
    assert issued.token not in stored
    assert all(len(value) == 64 for value in stored)


def test_unknown_user_wrong_password_and_inactive_user_are_all_refused(store: Engine) -> None:
    clock = Clock()
    add_user(store, "gone", UserRole.AUDITOR)
    with unit_of_work(store) as session:
        user = session.scalar(select(UserAccount).where(UserAccount.username == "gone"))
        assert user is not None
        user.active = False
    assert sign_in(store, clock, username="nobody") is None
    assert sign_in(store, clock, password="wrong password!") is None
    assert sign_in(store, clock, username="gone") is None


def test_five_failures_lock_the_account_even_for_the_right_password_until_the_window_passes(
    store: Engine,
) -> None:
    clock = Clock()
    for _ in range(5):
        assert sign_in(store, clock, password="a wrong guess", address=f"10.0.0.{_}") is None
        clock.advance(minutes=1)
    assert sign_in(store, clock, address="10.9.9.9") is None  # locked: right password refused
    clock.advance(minutes=15)
    assert sign_in(store, clock, address="10.9.9.9") is not None


def test_many_failures_from_one_address_lock_that_address_for_every_username(store: Engine) -> None:
    clock = Clock()
    for guess in range(20):
        assert sign_in(store, clock, username=f"guess{guess}", password="x" * 12) is None
    assert sign_in(store, clock) is None  # wang's right password, from the locked address
    assert sign_in(store, clock, address="10.7.7.7") is not None


def test_a_successful_sign_in_forgets_the_accounts_earlier_failures(store: Engine) -> None:
    clock = Clock()
    for _ in range(4):
        sign_in(store, clock, password="a wrong guess", address="10.0.0.1")
    assert sign_in(store, clock) is not None
    for _ in range(4):
        sign_in(store, clock, password="a wrong guess", address="10.0.0.2")
    assert sign_in(store, clock) is not None


def test_a_session_unused_for_the_idle_timeout_is_over(store: Engine) -> None:
    clock = Clock()
    signed_in = sign_in(store, clock)
    assert signed_in is not None
    clock.advance(minutes=29)
    assert resume(store, clock, signed_in.session_token) is not None
    clock.advance(minutes=31)
    assert resume(store, clock, signed_in.session_token) is None
    clock.advance(minutes=-31)  # revoked for good: going back does not revive it
    assert resume(store, clock, signed_in.session_token) is None


def test_a_session_in_use_ends_at_the_absolute_timeout(store: Engine) -> None:
    clock = Clock()
    signed_in = sign_in(store, clock)
    assert signed_in is not None
    for _ in range(12 * 3):  # used every 20 minutes for 12 hours
        clock.advance(minutes=20)
        alive = resume(store, clock, signed_in.session_token)
        assert (alive is not None) == (_ < 12 * 3 - 1)


def test_sign_out_revokes_the_session_on_the_server(store: Engine) -> None:
    clock = Clock()
    signed_in = sign_in(store, clock)
    assert signed_in is not None
    with unit_of_work(store) as session:
        service.sign_out(session, signed_in.session_token, clock())
    assert resume(store, clock, signed_in.session_token) is None


def test_an_api_token_names_its_user_until_it_is_revoked(store: Engine) -> None:
    clock = Clock()
    with unit_of_work(store) as session:
        issued = service.issue_api_token(session, "wang", "crm-sync", clock())
    assert issued.token.startswith("blt_")
    with unit_of_work(store) as session:
        account = service.api_token_account(session, issued.token, clock())
        assert account is not None
        assert account.username == "wang"
        assert service.api_token_account(session, issued.token + "x", clock()) is None
        with pytest.raises(NotFound):
            service.revoke_api_token(session, account.id + 1, issued.id, clock())  # not theirs
        service.revoke_api_token(session, account.id, issued.id, clock())
    with unit_of_work(store) as session:
        assert service.api_token_account(session, issued.token, clock()) is None


@pytest.mark.parametrize(
    ("new", "password", "message"),
    [
        (NewUser("li", UserRole.RM), PASSWORD, "no RM"),
        (NewUser("li", UserRole.RM, rm_id="RM99"), PASSWORD, "no RM"),
        (NewUser("li", UserRole.MANAGER), PASSWORD, "no branch"),
        (NewUser("li", UserRole.ADMIN), "short", "at least 12 characters"),
        (NewUser("Wang", UserRole.ADMIN), PASSWORD, "taken"),
        (NewUser("li wei", UserRole.ADMIN), PASSWORD, "not a username"),
    ],
)
def test_a_user_is_refused_when_their_role_lacks_its_book_or_the_password_is_weak(
    store: Engine, new: NewUser, password: str, message: str
) -> None:
    with unit_of_work(store) as session, pytest.raises((InvalidInput, NotFound), match=message):
        service.create_user(session, new, password, Clock()())


def test_usernames_are_case_insensitive(store: Engine) -> None:
    assert sign_in(store, Clock(), username=" WANG ") is not None


def test_a_user_of_each_role_is_bound_to_what_scopes_them(store: Engine) -> None:
    manager = add_user(store, "zhao", UserRole.MANAGER, branch_id="BR01")
    assert dataclasses.astuple(manager.principal)[1:] == (UserRole.MANAGER, None, "BR01")
