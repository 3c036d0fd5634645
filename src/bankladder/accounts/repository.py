"""Every query the accounts feature makes of the store."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bankladder.accounts.schemas import Account
from bankladder.store.models import ApiToken, Branch, RelationshipManager, SignInFailure, WebSession
from bankladder.store.models import UserAccount as User


class ThrottleScope(StrEnum):
    ACCOUNT = "account"
    ADDRESS = "address"


def account(user: User) -> Account:
    return Account(
        user.id, user.username, user.role, user.rm_id, user.branch_id, user.locale, user.active
    )


def user_named(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def all_users(session: Session) -> list[Account]:
    return [account(user) for user in session.scalars(select(User).order_by(User.username))]


def add_user(session: Session, user: User) -> Account:
    session.add(user)
    session.flush()
    return account(user)


def rm_exists(session: Session, rm_id: str) -> bool:
    return session.get(RelationshipManager, rm_id) is not None


def branch_exists(session: Session, branch_id: str) -> bool:
    return session.get(Branch, branch_id) is not None


def failures_since(session: Session, scope: ThrottleScope, key: str, since: dt.datetime) -> int:
    query = select(func.count()).where(
        SignInFailure.scope == scope, SignInFailure.key == key, SignInFailure.failed_at > since
    )
    return session.scalar(query) or 0


def add_failure(session: Session, scope: ThrottleScope, key: str, at: dt.datetime) -> None:
    session.add(SignInFailure(scope=scope.value, key=key, failed_at=at))


def forget_failures(session: Session, scope: ThrottleScope, key: str) -> None:
    session.execute(
        delete(SignInFailure).where(SignInFailure.scope == scope, SignInFailure.key == key)
    )


def prune_failures(session: Session, before: dt.datetime) -> None:
    session.execute(delete(SignInFailure).where(SignInFailure.failed_at <= before))


def add_session(session: Session, web_session: WebSession) -> None:
    session.add(web_session)
    session.flush()


def live_session(session: Session, session_id: str) -> tuple[WebSession, User] | None:
    """The session with this id and its user, unless revoked."""
    query = (
        select(WebSession, User)
        .join(User, User.id == WebSession.user_id)
        .where(WebSession.id == session_id, WebSession.revoked_at.is_(None))
    )
    row = session.execute(query).tuples().first()
    return None if row is None else (row[0], row[1])


def revoke_session(session: Session, session_id: str, at: dt.datetime) -> None:
    session.execute(
        update(WebSession)
        .where(WebSession.id == session_id, WebSession.revoked_at.is_(None))
        .values(revoked_at=at)
    )


def add_token(session: Session, token: ApiToken) -> int:
    session.add(token)
    session.flush()
    return token.id


def live_token(session: Session, token_hash: str) -> tuple[ApiToken, User] | None:
    query = (
        select(ApiToken, User)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_hash == token_hash, ApiToken.revoked_at.is_(None))
    )
    row = session.execute(query).tuples().first()
    return None if row is None else (row[0], row[1])


def revoke_token(session: Session, user_id: int, token_id: int, at: dt.datetime) -> int:
    """Revoke the user's own token; how many were revoked (0: not theirs, or unknown)."""
    done = session.execute(
        update(ApiToken)
        .where(ApiToken.id == token_id, ApiToken.user_id == user_id)
        .where(ApiToken.revoked_at.is_(None))
        .values(revoked_at=at)
    )
    return int(getattr(done, "rowcount", 0) or 0)
