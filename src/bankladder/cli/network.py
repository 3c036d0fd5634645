"""``bankladder network run|prospects|intermediaries|fission``: the referral network.

``run`` computes the network's results in batch (``network/compute.py``); the reports read them
(``cli/network_reports.py`` adds its commands to this group).
"""

from __future__ import annotations

import typer

app = typer.Typer(
    help="The referral network: prospects within reach, intermediaries, fission.",
    no_args_is_help=True,
)
