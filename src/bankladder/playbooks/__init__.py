"""Playbooks shipped with bankladder."""

from importlib.resources import files
from pathlib import Path

DEFAULT_PLAYBOOK = "default.yaml"


def default_playbook_path() -> Path:
    """The path of the shipped six-rung default playbook (``default.yaml``)."""
    return Path(str(files(__name__) / DEFAULT_PLAYBOOK))
