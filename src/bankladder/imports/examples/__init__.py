"""Example mappings shipped with bankladder, one per kind of extract."""

from importlib.resources import files
from importlib.resources.abc import Traversable


def example_mappings() -> dict[str, Traversable]:
    """The shipped example mappings by name (e.g. ``core_party``)."""
    found = (entry for entry in files(__name__).iterdir() if entry.name.endswith(".yaml"))
    return {entry.name.removesuffix(".yaml"): entry for entry in found}
