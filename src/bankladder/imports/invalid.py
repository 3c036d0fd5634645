"""The reason a single value of an extract cannot be read."""

from __future__ import annotations


class Invalid(ValueError):
    """A value that cannot be read; its message is the reason."""
