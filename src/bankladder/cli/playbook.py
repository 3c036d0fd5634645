"""``bankladder playbook check FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bankladder.cli.options import console, err_console
from bankladder.evaluation.ladders import check as check_file

app = typer.Typer(
    help="Work with playbooks (the ladder's stages, criteria and tactics).", no_args_is_help=True
)


@app.command("check")
def check(path: Annotated[Path, typer.Argument(help="The playbook YAML file.")]) -> None:
    """Report every problem of a playbook with its file and line; exit 1 if there is any."""
    problems = check_file(path)
    if not problems:
        console().print(f"{path}: OK, no problems found.", highlight=False)
        return
    for problem in problems:
        err_console().print(
            f"{problem.file}:{problem.line}: {problem.message}", highlight=False, markup=False
        )
    err_console().print(f"{len(problems)} problem(s) found.", highlight=False)
    raise typer.Exit(1)
