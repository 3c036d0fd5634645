"""If-Match as the API's optimistic concurrency asks for it: missing 428, unreadable stale."""

from __future__ import annotations

import pytest
from starlette.exceptions import HTTPException
from starlette.requests import Request

from bankladder.errors import StaleVersion
from bankladder.web.concurrency import etag, if_match

pytestmark = pytest.mark.unit


def _request(*headers: tuple[str, str]) -> Request:
    raw = [(name.lower().encode(), value.encode()) for name, value in headers]
    return Request({"type": "http", "method": "POST", "path": "/", "headers": raw})


@pytest.mark.parametrize("given", ['"7"', 'W/"7"', "7", ' "7" '])
def test_the_version_is_read_from_if_match_as_sent(given: str) -> None:
    assert if_match(_request(("If-Match", given))) == 7


def test_an_etag_round_trips() -> None:
    assert if_match(_request(("If-Match", etag(12)))) == 12


def test_a_change_without_if_match_is_refused_as_precondition_required() -> None:
    with pytest.raises(HTTPException) as refused:
        if_match(_request())
    assert refused.value.status_code == 428


@pytest.mark.parametrize("given", ['"*"', '"abc"', '"1", "2"'])
def test_an_if_match_naming_no_version_is_stale(given: str) -> None:
    with pytest.raises(StaleVersion):
        if_match(_request(("If-Match", given)))
