"""Reading YAML nodes (from ``yaml.compose``) with their line numbers, reporting every problem.

Each reader returns ``None`` after reporting a problem; callers go on reading the rest, so one
pass finds all problems of a file.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bankladder.ladder.expressions import suggestion
from bankladder.ladder.playbook.problems import Problem

_STRING_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_QUOTE_HINT = " (put text that starts with '{' in quotes)"
_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")


def line_of(node: Node) -> int:
    """The 1-based line where a node starts."""
    return int(node.start_mark.line) + 1


@dataclass(frozen=True)
class Fields:
    """The known, distinct keys of one mapping, with their key and value nodes."""

    node: MappingNode
    entries: dict[str, tuple[ScalarNode, Node]]

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def value(self, key: str) -> Node | None:
        entry = self.entries.get(key)
        return entry[1] if entry else None

    def key_line(self, key: str) -> int:
        entry = self.entries.get(key)
        return line_of(entry[0]) if entry else line_of(self.node)


class NodeReader:
    """Reads values out of nodes; collects problems for ``file``."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def report(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def fields(
        self, node: Node, what: str, required: Sequence[str], optional: Sequence[str] = ()
    ) -> Fields | None:
        """The keys of a mapping; reports non-mappings, unknown, duplicate and missing keys."""
        if not isinstance(node, MappingNode):
            self.report(line_of(node), f"{what} must be a mapping of keys to values")
            return None
        known = [*required, *optional]
        entries: dict[str, tuple[ScalarNode, Node]] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, what, known, entries)
            if key is not None:
                entries[key] = (key_node, value_node)
        for key in required:
            if key not in entries:
                self.report(line_of(node), f"{what} is missing {key!r}")
        return Fields(node, entries)

    def _key(
        self, node: Node, what: str, known: Sequence[str], seen: dict[str, tuple[ScalarNode, Node]]
    ) -> str | None:
        if not isinstance(node, ScalarNode) or node.tag != _STRING_TAG:
            self.report(line_of(node), f"keys of {what} must be names")
            return None
        key = str(node.value)
        if key in seen:
            self.report(line_of(node), f"duplicate key {key!r} in {what}")
        elif key not in known:
            hint = suggestion(key, known) or f" (known keys: {', '.join(known)})"
            self.report(line_of(node), f"unknown key {key!r} in {what}{hint}")
        else:
            return key
        return None

    def string(self, node: Node | None, what: str) -> str | None:
        """A non-empty scalar, as written."""
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag == _NULL_TAG or not node.value.strip():
            hint = _QUOTE_HINT if isinstance(node, MappingNode) else ""
            self.report(line_of(node), f"{what} must be non-empty text{hint}")
            return None
        return str(node.value)

    def identifier(self, node: Node | None, what: str) -> str | None:
        """A name such as ``first_contact``: lowercase letters, digits and ``_``."""
        text = self.string(node, what)
        if text is not None and not _IDENTIFIER.fullmatch(text):
            assert node is not None
            message = f"{what} must be lowercase letters, digits and '_', not {text!r}"
            self.report(line_of(node), message)
            return None
        return text

    def positive_integer(self, node: Node | None, what: str) -> int | None:
        """A whole number above zero."""
        value = self._positive(node, what, whole=True)
        return None if value is None else int(value)

    def positive_number(self, node: Node | None, what: str) -> float | None:
        """A number above zero."""
        value = self._positive(node, what, whole=False)
        return None if value is None else float(value)

    def _positive(self, node: Node | None, what: str, *, whole: bool) -> int | float | None:
        if node is None:
            return None
        value = _scalar(node)
        match value:
            case bool():
                pass
            case int() if value > 0:
                return value
            case float() if value > 0 and not whole:
                return value
        wanted = "a positive whole number" if whole else "a positive number"
        self.report(line_of(node), f"{what} must be {wanted}, not {_shown(node)}")
        return None

    def sequence(self, node: Node | None, what: str) -> list[Node] | None:
        """The items of a list."""
        if node is None:
            return None
        if not isinstance(node, SequenceNode):
            self.report(line_of(node), f"{what} must be a list")
            return None
        return list(node.value)


def _scalar(node: Node) -> object:
    if not isinstance(node, ScalarNode):
        return None
    return yaml.SafeLoader("").construct_object(node)


def _shown(node: Node) -> str:
    if isinstance(node, ScalarNode):
        return repr(node.value)
    return "a list" if isinstance(node, SequenceNode) else "a mapping"
