"""Industry codes and the fields around them as a user typed them, checked (pure): a code not
of GB/T 4754-2017 is refused in words that name it and a near valid one."""

from __future__ import annotations

from collections.abc import Iterable

from bankladder.industry.gbt4754 import heading, is_valid, nearest, normal
from bankladder.industry.schemas import Problem

CODE_MAX = 8  # the store's column
NOTE_MAX = 500
PRIORITY_MIN, PRIORITY_MAX = 1, 9
REGION_MAX = 100


def code_problem(typed: str, field: str = "code") -> Problem | None:
    """None for a valid code; otherwise why, with the nearest valid code when there is one."""
    found = normal(typed)
    if not found:
        return Problem(
            field,
            "required",
            "give an industry code such as C or C13",
            "请填写行业代码，如 C 或 C13",
        )
    if len(found) <= CODE_MAX and is_valid(found):
        return None
    shown = typed.strip()[: CODE_MAX * 2]
    near = nearest(found[: CODE_MAX * 2])
    named = heading(near) if near else None
    hint = "" if named is None else f"; did you mean {named.code} ({named.zh}, {named.en})?"
    hint_zh = "" if named is None else f"；您是否要找 {named.code}（{named.zh}）？"
    return Problem(
        field,
        "unknown_code",
        f"{shown!r} is not a GB/T 4754-2017 code{hint}",
        f"“{shown}”不是GB/T 4754-2017行业代码{hint_zh}",
    )


def checked_code(typed: str, field: str = "code") -> tuple[str | None, list[Problem]]:
    """The code as the store writes it (``C13``), or the problem that refuses it."""
    problem = code_problem(typed, field)
    return (None, [problem]) if problem else (normal(typed), [])


def checked_codes(typed: Iterable[str], field: str = "codes") -> tuple[list[str], list[Problem]]:
    """Several codes (blank ones skipped, repeats kept once, in the order given)."""
    codes: list[str] = []
    problems: list[Problem] = []
    for each in typed:
        if not each.strip():
            continue
        code, refused = checked_code(each, field)
        problems += refused
        if code is not None and code not in codes:
            codes.append(code)
    return codes, problems


def split_codes(text: str) -> list[str]:
    """Codes typed on one line, separated by spaces, commas or the Chinese comma."""
    for separator in ",，、;；":
        text = text.replace(separator, " ")
    return text.split()


def priority_problem(priority: int) -> Problem | None:
    if PRIORITY_MIN <= priority <= PRIORITY_MAX:
        return None
    detail = f"the priority is a whole number from {PRIORITY_MIN} (first) to {PRIORITY_MAX}"
    zh = f"优先级为 {PRIORITY_MIN}（最优先）到 {PRIORITY_MAX} 的整数"
    return Problem("priority", "priority", detail, zh)


def note_problem(note: str | None) -> Problem | None:
    if note is None or len(note.strip()) <= NOTE_MAX:
        return None
    return Problem("note", "too_long", f"at most {NOTE_MAX} characters", f"最多 {NOTE_MAX} 个字")


def region_problem(region: str | None) -> Problem | None:
    if region is None or len(region.strip()) <= REGION_MAX:
        return None
    detail = f"a region has at most {REGION_MAX} characters"
    return Problem("region", "too_long", detail, f"区域最多 {REGION_MAX} 个字")
