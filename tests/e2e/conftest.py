"""Running the command line in-process, as a user would type it."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from bankladder.cli import run


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Outcome]:
    def invoke(command: str, *args: str) -> Outcome:
        capsys.readouterr()
        code = run([*shlex.split(command), *args])
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return invoke
