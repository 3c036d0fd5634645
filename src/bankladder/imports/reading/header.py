"""Checks every format shares: file size, and a header of distinct names without secrets.

Authentication data (passwords, PINs, CVV/CVN, card track data: class C3 of JR/T 0171) is never
stored, so a file whose header names such a column is refused before any row is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from bankladder.errors import InvalidInput
from bankladder.imports.reading.model import Limits

# Matched against the name lowercased with every non-alphanumeric character removed.
_SECRET_FRAGMENTS = (
    "password",
    "passwd",
    "passcode",
    "pincode",
    "pinblock",
    "pinnumber",
    "cvv",
    "cvc2",
    "cvn",
    "trackdata",
    "track1",
    "track2",
    "track3",
    "magstripe",
    "密码",
    "口令",
    "安全码",
    "验证码",
    "磁道",
    "磁条",
)
# Matched as whole words of the name (split at non-alphanumerics and camelCase humps).
_SECRET_WORDS = frozenset({"pin", "pwd", "cvc"})

_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_WORD = re.compile(r"[\W_]+")


def check_file_size(path: Path, limits: Limits) -> None:
    """Refuse a file larger than the cap, before opening it."""
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise InvalidInput(
            f"the file is {size:,} bytes, more than the {limits.max_file_bytes:,} one import "
            "accepts",
            where=str(path),
            fix="Split the extract into smaller files, or raise the cap (--max-file-mb).",
        )


def carries_authentication_data(name: str) -> bool:
    """Whether a column name announces passwords, PINs, card verification codes or track data."""
    squashed = _NON_WORD.sub("", name).lower()
    if any(fragment in squashed for fragment in _SECRET_FRAGMENTS):
        return True
    words = _NON_WORD.split(_CAMEL_HUMP.sub(" ", name).lower())
    return any(word in _SECRET_WORDS for word in words)


def checked_header(
    cells: Sequence[str | None], path: Path, column_label: Callable[[int], str]
) -> list[str]:
    """Name every column (a blank name becomes ``column <label>``) and refuse bad headers.

    ``column_label`` turns a 0-based position into what the user sees: ``3`` or ``C``.
    """
    names = [(cell or "").strip() or f"column {column_label(i)}" for i, cell in enumerate(cells)]
    for i, name in enumerate(names):
        where = f"{path}, column {column_label(i)} ('{name}')"
        if carries_authentication_data(name):
            raise InvalidInput(
                f"column '{name}' carries authentication data (a password, PIN, card "
                "verification code or card track data), which bankladder never stores",
                where=where,
                fix="Remove this column from the extract and import the file again.",
            )
        if name in names[:i]:
            raise InvalidInput(
                f"the header names column '{name}' twice",
                where=where,
                fix="Give every column of the header a distinct name.",
            )
    return names
