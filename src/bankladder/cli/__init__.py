"""The command line: ``bankladder demo|evaluate|funnel|worklist|report|backtest|playbook|db|...``.

``main`` is the only entry point: it turns every error into one clear message and a non-zero
exit code, never a traceback (set BANKLADDER_DEBUG=1 to see one while developing).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import typer

from bankladder.cli import (
    audit,
    backtest,
    batch,
    concessions,
    db,
    demo,
    evaluate,
    facts,
    gifts,
    imports,
    industry,
    loans,
    model,
    network,
    network_reports,  # noqa: F401 - registers prospects|intermediaries|fission on network
    parties,
    playbook,
    products,
    reciprocity,
    report,
    reports,
    serve,
    users,
    wallet,
)
from bankladder.cli.options import close_stores, err_console
from bankladder.errors import BankladderError

INTERNAL_ERROR = 70

app = typer.Typer(
    name="bankladder",
    help="Place every party on the relationship ladder and tell each RM what to do next.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("demo")(demo.demo)
app.command("evaluate")(evaluate.evaluate)
app.command("funnel")(reports.funnel)
app.command("worklist")(reports.worklist)
app.command("backtest")(backtest.backtest)
app.command("facts")(facts.facts)
app.command("import")(imports.import_command)
app.command("serve")(serve.serve)
app.command("products")(products.products)
app.command("reciprocity")(reciprocity.reciprocity)
app.add_typer(report.app, name="report")
app.add_typer(playbook.app, name="playbook")
app.add_typer(db.app, name="db")
app.add_typer(parties.app, name="parties")
app.add_typer(batch.app, name="export")
app.add_typer(users.app, name="users")
app.add_typer(network.app, name="network")
app.add_typer(audit.app, name="audit")
app.add_typer(wallet.app, name="wallet")
app.add_typer(gifts.app, name="gifts")
app.add_typer(industry.app, name="industry")
app.add_typer(loans.app, name="loans")
app.add_typer(concessions.app, name="concessions")
app.add_typer(model.app, name="model")


def run(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code."""
    try:
        app(args=list(argv) if argv is not None else None, prog_name="bankladder")
    except SystemExit as done:  # usage errors and normal ends, handled by Typer itself
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except BankladderError as error:
        err_console().print(f"[bold red]Error:[/] {error.render()}", highlight=False, markup=True)
        return error.exit_code
    except Exception as error:  # the last line of defence: no traceback for users
        if os.environ.get("BANKLADDER_DEBUG"):
            raise
        err_console().print(
            f"[bold red]Internal error:[/] {type(error).__name__}. This is a bug in bankladder; "
            "please report it with the command you ran (BANKLADDER_DEBUG=1 shows the details).",
            highlight=False,
        )
        return INTERNAL_ERROR
    finally:
        close_stores()
    return 0


def main() -> None:
    sys.exit(run())
