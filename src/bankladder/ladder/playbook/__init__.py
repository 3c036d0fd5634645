"""Playbooks: the YAML file a bank uses to configure its ladder.

Format (one YAML document; every text is ``{zh: ..., en: ...}``)::

    ladder: default              # id: lowercase letters, digits, '_'
    version: "1"
    name: {zh: ..., en: ...}
    profile: young               # optional: the default bank profile (young|established),
                                 # 'young' when absent; a bank may choose another when loading
    vip:                         # optional: VIP tiers from the contribution (see ``vip.py``)
      persons: [50_000, 500_000, 6_000_000]
      enterprise_factor: 10
    stages:                      # at least 2, lowest rung first
      - id: acquaintance
        name: {zh: ..., en: ...}
        summary: {zh: ..., en: ...}
        tactics:                 # optional list of texts, each may carry 'profiles'
          - {zh: ..., en: ..., profiles: [young]}
        criteria:                # entry criteria: all must hold to stand on this rung
          - id: first_contact    # unique in the whole playbook
            profiles: [young]    # optional: only for these bank profiles
            when: contacts_total >= 1
            action:
              kind: first_contact
              due_days: 7        # optional, positive whole number, 7 when absent
              weight: 1.0        # optional, positive number, 1.0 when absent
              reason: {zh: ..., en: "{gap} more contacts to reach {stage}"}

``when`` is an expression (see ``bankladder.ladder.expressions``) checked against the fact
catalogue. A reason may use ``{value}``, ``{target}`` and ``{gap}`` (only when ``when`` is a
threshold such as ``x >= 5``), ``{stage}`` and any ``{fact_name}``.

Loading checks everything at once and reports every problem with its file and line;
``PlaybookInvalid`` carries them all. A playbook must be sound for every profile: a stage left
without criteria for one profile is a problem. Reading a missing file raises ``OSError``.
"""

import os
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeAlias

import yaml

from bankladder.ladder.facts import FactTypes
from bankladder.ladder.model import BankProfile, Ladder
from bankladder.ladder.playbook.draft import DraftLadder, duplicates
from bankladder.ladder.playbook.problems import PlaybookInvalid, Problem
from bankladder.ladder.playbook.reading import PlaybookReader

__all__ = [
    "PlaybookInvalid",
    "PlaybookSource",
    "Problem",
    "check_playbook",
    "check_playbook_text",
    "load_playbook",
    "load_playbook_text",
]

PlaybookSource: TypeAlias = str | os.PathLike[str] | Traversable


def load_playbook(
    path: PlaybookSource, fact_types: FactTypes, profile: BankProfile | None = None
) -> Ladder:
    """The ladder of a playbook file for ``profile`` (``None``: the playbook's own default).

    Raises ``PlaybookInvalid`` with every problem when the playbook is not sound.
    """
    return load_playbook_text(_read(path), fact_types, profile, file=_name(path))


def check_playbook(path: PlaybookSource, fact_types: FactTypes) -> list[Problem]:
    """Every problem of a playbook file, by line; empty when it is sound."""
    return check_playbook_text(_read(path), fact_types, file=_name(path))


def load_playbook_text(
    text: str,
    fact_types: FactTypes,
    profile: BankProfile | None = None,
    *,
    file: str = "<playbook>",
) -> Ladder:
    """Like ``load_playbook``, from the text of a playbook."""
    draft, problems = _read_draft(text, fact_types, file)
    if draft is None or problems:
        raise PlaybookInvalid(problems)
    return draft.for_profile(profile)


def check_playbook_text(
    text: str, fact_types: FactTypes, *, file: str = "<playbook>"
) -> list[Problem]:
    """Like ``check_playbook``, from the text of a playbook."""
    return _read_draft(text, fact_types, file)[1]


def _read_draft(
    text: str, fact_types: FactTypes, file: str
) -> tuple[DraftLadder | None, list[Problem]]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        return None, [_yaml_problem(error, file)]
    if root is None:
        return None, [Problem(file, 1, "the playbook is empty")]
    reader = PlaybookReader(file, fact_types)
    draft = reader.ladder(root)
    problems = reader.problems
    problems += duplicates("stage id", reader.stage_ids, file)
    problems += duplicates("criterion id", reader.criterion_ids, file)
    if draft is not None:
        problems += draft.emptied_stages(file)
    return draft, sorted(problems, key=lambda problem: problem.line)


def _yaml_problem(error: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else 1
    detail = " ".join(part for part in (error.context, error.problem) if part)
    return Problem(file, line, f"not valid YAML: {detail}")


def _read(path: PlaybookSource) -> str:
    if isinstance(path, str | os.PathLike):
        return Path(path).read_text(encoding="utf-8")
    return path.read_text(encoding="utf-8")


def _name(path: PlaybookSource) -> str:
    return os.fspath(path) if isinstance(path, str | os.PathLike) else str(path)
