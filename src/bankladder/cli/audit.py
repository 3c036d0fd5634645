"""``bankladder audit verify``: check that the audit trail is whole."""

from __future__ import annotations

import typer

from bankladder.audit.service import verify
from bankladder.cli.options import DbOption, console, open_store, store_settings
from bankladder.errors import IntegrityBroken
from bankladder.store.database import unit_of_work

app = typer.Typer(help="The audit trail (hash-chained, append-only).", no_args_is_help=True)


@app.command("verify")
def verify_command(db: DbOption = None) -> None:
    """Walk the audit trail and report the first entry altered, missing or out of order."""
    with unit_of_work(open_store(store_settings(db))) as session:
        found = verify(session)
    if found.first_break is not None:
        broken = found.first_break
        raise IntegrityBroken(
            broken.detail,
            where=f"audit entry {broken.seq}",
            fix="treat the store as tampered with: keep this copy for investigation, restore "
            "the trail from the last backup that verifies, and review who can write to the "
            "store's database",
        )
    console().print(
        f"The audit trail is whole: {found.entries:,} entries, the last is number "
        f"{found.head_seq} (hash {found.head_hash[:16]}...). Keep the hash elsewhere to prove "
        "later that nothing before it changed.",
        highlight=False,
    )
