"""``bankladder db upgrade``: bring the store's schema to this version."""

from __future__ import annotations

import typer

from bankladder.cli.options import DbOption, console, disposed_after_command, store_settings
from bankladder.store.database import connect_for_upgrade, make_safe, upgrade

app = typer.Typer(help="The operational store.", no_args_is_help=True)


@app.command("upgrade")
def upgrade_command(db: DbOption = None) -> None:
    """Run the store's migrations up to the newest (creates a SQLite store if missing)."""
    config = store_settings(db)
    engine = disposed_after_command(connect_for_upgrade(config.store_url()))
    upgrade(engine)
    console().print(f"The store at {make_safe(config.store_url())} is up to date.", highlight=False)
