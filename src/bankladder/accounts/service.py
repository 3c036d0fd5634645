"""Use cases: create users, sign in (throttled), resume and end sessions, API tokens.

Services flush, never commit: the caller owns the transaction. A refused sign-in returns None
(it does not raise) so that the caller commits the failure it recorded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from sqlalchemy.orm import Session

from bankladder.accounts import passwords, repository, tokens
from bankladder.accounts.repository import ThrottleScope
from bankladder.accounts.schemas import (
    Account,
    ActiveSession,
    IssuedToken,
    NewUser,
    SessionPolicy,
    SignedIn,
    ThrottlePolicy,
)
from bankladder.audit import service as audit
from bankladder.errors import InvalidInput, NotFound
from bankladder.store.models import ApiToken, UserAccount, WebSession
from bankladder.store.vocabulary import UserRole

Clock = Callable[[], dt.datetime]
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
TOUCH_EVERY = dt.timedelta(minutes=1)  # write last_seen_at at most once a minute per session


def normal_username(username: str) -> str:
    return username.strip().lower()


def create_user(session: Session, new: NewUser, password: str, now: dt.datetime) -> Account:
    username = normal_username(new.username)
    _check_new_user(session, new, username)
    problem = passwords.password_problem(password)
    if problem is not None:
        raise InvalidInput(problem, where="password", fix="choose a longer passphrase")
    user = UserAccount(
        username=username,
        password_hash=passwords.hash_password(password),
        role=new.role,
        rm_id=new.rm_id,
        branch_id=new.branch_id,
        locale=new.locale,
        active=True,
        created_at=now,
    )
    account = repository.add_user(session, user)
    detail = {"role": new.role.value, "rm_id": new.rm_id, "branch_id": new.branch_id}
    audit.record(session, None, "user.create", "user", username, now, detail=detail)
    return account


def _check_new_user(session: Session, new: NewUser, username: str) -> None:
    if not USERNAME.fullmatch(username):
        raise InvalidInput(
            f"{new.username!r} is not a username",
            fix="use 2 to 64 lower-case letters, digits, '.', '_' or '-'",
        )
    if repository.user_named(session, username) is not None:
        raise InvalidInput(f"the username {username!r} is taken", fix="choose another")
    if new.role is UserRole.RM and not (new.rm_id and repository.rm_exists(session, new.rm_id)):
        raise NotFound(f"no RM {new.rm_id!r}", fix="an rm user needs --rm with the id of an RM")
    if new.role is UserRole.MANAGER and not (
        new.branch_id and repository.branch_exists(session, new.branch_id)
    ):
        raise NotFound(
            f"no branch {new.branch_id!r}", fix="a manager needs --branch with a branch id"
        )


def list_users(session: Session) -> list[Account]:
    return repository.all_users(session)


def sign_in(
    session: Session,
    username: str,
    password: str,
    address: str,
    policy: ThrottlePolicy,
    now: dt.datetime,
) -> SignedIn | None:
    """A new session, or None when refused: unknown user, wrong password, inactive or locked
    account, or an address with too many failures all look the same to the caller."""
    key = normal_username(username)
    user = repository.user_named(session, key)
    if _throttled(session, key, address, policy, now) or user is None or not user.active:
        passwords.spend_a_verification(password)
        _refuse(session, key, address, policy, now)
        return None
    if not passwords.verify_password(user.password_hash, password):
        _refuse(session, key, address, policy, now)
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    repository.forget_failures(session, ThrottleScope.ACCOUNT, key)
    return _open_session(session, user, now)


def _throttled(
    session: Session, key: str, address: str, policy: ThrottlePolicy, now: dt.datetime
) -> bool:
    since = now - policy.window
    by_account = repository.failures_since(session, ThrottleScope.ACCOUNT, key, since)
    by_address = repository.failures_since(session, ThrottleScope.ADDRESS, address, since)
    return by_account >= policy.per_account or by_address >= policy.per_address


def _refuse(
    session: Session, key: str, address: str, policy: ThrottlePolicy, now: dt.datetime
) -> None:
    repository.prune_failures(session, now - policy.window)
    repository.add_failure(session, ThrottleScope.ACCOUNT, key[:200], now)
    repository.add_failure(session, ThrottleScope.ADDRESS, address[:200], now)
    session.flush()


def _open_session(session: Session, user: UserAccount, now: dt.datetime) -> SignedIn:
    token, csrf = tokens.new_secret(), tokens.new_secret()
    web_session = WebSession(
        id=tokens.digest(token), user_id=user.id, csrf_token=csrf, created_at=now, last_seen_at=now
    )
    repository.add_session(session, web_session)
    return SignedIn(repository.account(user), token, csrf)


def resume_session(
    session: Session, token: str, policy: SessionPolicy, now: dt.datetime
) -> ActiveSession | None:
    """The session the cookie's token names, while it is live: not revoked, used within the
    idle time-out, younger than the absolute time-out, its user active."""
    found = repository.live_session(session, tokens.digest(token))
    if found is None:
        return None
    web_session, user = found
    if (
        now - web_session.last_seen_at >= policy.idle
        or now - web_session.created_at >= policy.absolute
        or not user.active
    ):
        repository.revoke_session(session, web_session.id, now)
        return None
    if now - web_session.last_seen_at >= TOUCH_EVERY:
        web_session.last_seen_at = now
    return ActiveSession(repository.account(user), web_session.csrf_token)


def sign_out(session: Session, token: str, now: dt.datetime) -> None:
    repository.revoke_session(session, tokens.digest(token), now)


def issue_api_token(session: Session, username: str, name: str, now: dt.datetime) -> IssuedToken:
    user = repository.user_named(session, normal_username(username))
    if user is None:
        raise NotFound(f"no user {username!r}", fix="see `bankladder users list`")
    token = tokens.new_api_token()
    row = ApiToken(token_hash=tokens.digest(token), user_id=user.id, name=name, created_at=now)
    issued = IssuedToken(repository.add_token(session, row), name, token)
    audit.record(
        session, None, "api_token.issue", "user", user.username, now, detail={"name": name}
    )
    return issued


def api_token_account(session: Session, token: str, now: dt.datetime) -> Account | None:
    """The active user a live API token belongs to, or None."""
    found = repository.live_token(session, tokens.digest(token))
    if found is None or not found[1].active:
        return None
    row, user = found
    if row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY:
        row.last_used_at = now
    return repository.account(user)


def revoke_api_token(session: Session, user_id: int, token_id: int, now: dt.datetime) -> None:
    if repository.revoke_token(session, user_id, token_id, now) == 0:
        raise NotFound(f"no live API token {token_id} of this user")
    detail = {"user_id": user_id}
    audit.record(session, None, "api_token.revoke", "api_token", str(token_id), now, detail=detail)
