"""Password hashing with argon2id (argon2-cffi's defaults: RFC 9106's low-memory profile).

A wrong password, a malformed hash and an unknown user all answer False, and an unknown user
still costs one verification, so the time taken does not tell them apart.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 1024  # hashing a megabyte of "password" is a denial of service, not a password


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    return _hasher().check_needs_rehash(password_hash)


@cache
def _decoy_hash() -> str:
    return hash_password("not the password of anyone")


def spend_a_verification(password: str) -> None:
    """Take as long as a real verification, for a username that does not exist."""
    verify_password(_decoy_hash(), password)


def password_problem(password: str) -> str | None:
    """Why ``password`` may not be used, or None."""
    if len(password) < MIN_LENGTH:
        return f"a password needs at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"a password has at most {MAX_LENGTH} characters"
    return None
