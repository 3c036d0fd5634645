"""Random secrets for session cookies, CSRF and API tokens; only their digests are stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

API_TOKEN_PREFIX = "blt_"  # noqa: S105 (a marker, not a secret): recognisable in a leaked log


def new_secret() -> str:
    """256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def new_api_token() -> str:
    return API_TOKEN_PREFIX + new_secret()


def digest(secret: str) -> str:
    """The SHA-256 of a high-entropy secret, as stored (a slow hash adds nothing at 256 bits)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def same_secret(given: str, expected: str) -> bool:
    """Compare in constant time."""
    return hmac.compare_digest(given.encode(), expected.encode())
