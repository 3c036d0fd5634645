"""Manager analytics: where parties stall and which tactics move them.

Every view reads one DuckDB *snapshot* of the stage history (``snapshot.py``): the parties in
the caller's scope with their RM, branch, segment and industry, their transitions (stage ranks
by the bank's ladder), the spells derived from them, contacts, answers to actions, referrals
and loans. A view is a function ``view(snapshot, filters) -> Table`` (``views.py`` names them);
``render.py`` turns a ``Table`` into cells for a locale, ``charts.py`` into an SVG,
``export.py`` into CSV or XLSX, ``monthly.py`` into the printable PDF. ``backtest.py``
evaluates playbooks as of month-ends without recording anything.
"""
