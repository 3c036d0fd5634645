"""Problems found in a playbook file, each at the line where it is."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One problem of a playbook: ``file``, 1-based ``line`` and a readable ``message``."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class PlaybookInvalid(ValueError):
    """The playbook cannot be loaded; ``problems`` lists every problem found, by line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        heading = f"the playbook has {count} problem{'s' if count != 1 else ''}"
        super().__init__("\n".join([heading, *map(str, self.problems)]))
