"""One error type that carries its meaning; each interface renders it once.

A ``BankladderError`` says *what* went wrong, *where* (file, line, row, field) and *what to do*.
The CLI prints it as one message and exits non-zero; it never shows a traceback.
"""

from __future__ import annotations


class BankladderError(Exception):
    """An error a user can act on."""

    exit_code = 1

    def __init__(self, what: str, *, where: str | None = None, fix: str | None = None) -> None:
        self.what = what
        self.where = where
        self.fix = fix
        super().__init__(self.render())

    def render(self) -> str:
        parts = [f"{self.where}: {self.what}" if self.where else self.what]
        if self.fix:
            parts.append(f"What to do: {self.fix}")
        return "\n".join(parts)


class InvalidInput(BankladderError):
    """A value given by the user (option, file, date) is not acceptable."""

    exit_code = 2


class NotFound(BankladderError):
    """Something the user named does not exist."""

    exit_code = 3


class StaleVersion(BankladderError):
    """A change was based on an older version of a record than the store holds now."""

    exit_code = 5


class StoreUnavailable(BankladderError):
    """The operational store cannot be opened or is not at the expected schema version."""

    exit_code = 4


class IntegrityBroken(BankladderError):
    """A record meant to be append-only (the audit trail) was altered, cut or reordered."""

    exit_code = 6
