"""The ladder: the pure core of bankladder.

A ``Ladder`` of stages (rungs) with entry criteria written as small expressions over per-party
facts, loaded from a YAML playbook for one bank profile, and a row-by-row ``place`` that puts a
party on its rung, with the evidence and the actions that would take it one rung higher.

This package does no I/O except reading a playbook file, and imports nothing else from
bankladder.
"""

from bankladder.ladder.expressions import (
    Expr,
    ExpressionProblem,
    ExpressionSyntaxError,
    Gap,
    check,
    evaluate_expression,
    gap_amount,
    gap_of,
    parse,
)
from bankladder.ladder.facts import Facts, FactType, FactTypes, FactValue
from bankladder.ladder.model import ActionTemplate, BankProfile, Criterion, Ladder, Stage, Text
from bankladder.ladder.placement import CriterionResult, Placement, place, reason
from bankladder.ladder.playbook import (
    PlaybookInvalid,
    Problem,
    check_playbook,
    check_playbook_text,
    load_playbook,
    load_playbook_text,
)

__all__ = [
    "ActionTemplate",
    "BankProfile",
    "Criterion",
    "CriterionResult",
    "Expr",
    "ExpressionProblem",
    "ExpressionSyntaxError",
    "FactType",
    "FactTypes",
    "FactValue",
    "Facts",
    "Gap",
    "Ladder",
    "Placement",
    "PlaybookInvalid",
    "Problem",
    "Stage",
    "Text",
    "check",
    "check_playbook",
    "check_playbook_text",
    "evaluate_expression",
    "gap_amount",
    "gap_of",
    "load_playbook",
    "load_playbook_text",
    "parse",
    "place",
    "reason",
]
