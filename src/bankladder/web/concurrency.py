"""Optimistic concurrency over HTTP: a record's version as its ETag, and ``If-Match`` on every
API change of it.

A response that returns a versioned record (a party, an action) carries ``ETag: "<version>"``.
A change sent through the API must name the version it is based on in ``If-Match``: none gives
428 (Precondition Required), an older one 412 (Precondition Failed, from ``StaleVersion``
raised by the service, which compares and raises the version in one UPDATE). A form carries
the version in a hidden field instead and gets the same refusal as a page.
"""

from __future__ import annotations

from fastapi import Request, Response
from starlette.exceptions import HTTPException

from bankladder.errors import StaleVersion


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


def if_match(request: Request) -> int:
    """The version the API caller's change is based on, from ``If-Match``."""
    given = request.headers.get("if-match")
    if given is None:
        raise HTTPException(428, "send If-Match with the ETag of the version you changed")
    text = given.strip()
    if text.startswith("W/"):
        text = text[2:]
    text = text.strip('"')
    if not text.isdigit():
        raise StaleVersion(f"If-Match {given!r} names no version of this record")
    return int(text)
