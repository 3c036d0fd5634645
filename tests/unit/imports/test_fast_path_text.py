"""The fast path trims what ``str.strip()`` trims."""

from __future__ import annotations

import sys

from bankladder.imports.columnar import WHITESPACE


def test_the_fast_path_trims_exactly_the_characters_python_strips() -> None:
    spaces = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}
    assert set(WHITESPACE) == spaces
