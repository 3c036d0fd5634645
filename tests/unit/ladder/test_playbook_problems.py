"""A broken playbook is refused with every problem, each at its file and line."""

from collections.abc import Callable
from pathlib import Path

import pytest

from bankladder.ladder.facts import FactType
from bankladder.ladder.playbook import (
    PlaybookInvalid,
    Problem,
    check_playbook,
    check_playbook_text,
    load_playbook,
)

pytestmark = pytest.mark.unit

WritePlaybook = Callable[[str], Path]

MINI = """\
ladder: mini
version: "1"
name: {zh: 小阶梯, en: Mini ladder}
profile: young
stages:
  - id: first
    name: {zh: 一, en: One}
    summary: {zh: 初识, en: Getting acquainted}
    tactics:
      - {zh: 见面, en: Meet}
      - {zh: 建立信任, en: Build trust, profiles: [young]}
    criteria:
      - id: met_once
        when: contacts_total >= 1
        action:
          kind: first_contact
          reason: {zh: "还差{gap}次", en: "{gap} more to reach {stage}"}
      - id: trust
        profiles: [young]
        when: events_attended_365d >= 1
        action: {kind: invite_to_event, reason: {zh: 邀请参加活动, en: Invite to an event}}
  - id: second
    name: {zh: 二, en: Two}
    summary: {zh: 开户, en: Customer}
    criteria:
      - id: bought
        when: products_held >= 1
        action:
          kind: open_first_product
          due_days: 14
          weight: 2
          reason: {zh: 开立第一个产品, en: "Open a first product ({products_held} now)"}
"""


def line_containing(text: str, fragment: str) -> int:
    """The 1-based line of the first line containing ``fragment``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def problems_in(
    text: str, write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> list[Problem]:
    return check_playbook(write_playbook(text), fact_types)


def only_problem(
    text: str, write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> Problem:
    [problem] = problems_in(text, write_playbook, fact_types)
    return problem


def test_the_mini_playbook_used_below_is_sound(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    assert problems_in(MINI, write_playbook, fact_types) == []


def test_broken_yaml_is_reported_at_its_line(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace('version: "1"', "version: [1")
    path = write_playbook(text)
    [problem] = check_playbook(path, fact_types)
    assert problem.file == str(path)
    assert problem.line == line_containing(text, "name: {zh: 小阶梯")
    assert problem.message.startswith("not valid YAML:")


def test_an_empty_file_is_a_problem(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    assert only_problem("", write_playbook, fact_types).message == "the playbook is empty"


def test_two_yaml_documents_are_a_problem(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    problem = only_problem(MINI + "---\nladder: other\n", write_playbook, fact_types)
    assert "single document" in problem.message


def test_a_playbook_that_is_not_a_mapping_is_refused(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    problem = only_problem("- first\n- second\n", write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        1,
        "the playbook must be a mapping of keys to values",
    )


def test_a_misspelt_key_gets_a_suggestion_and_the_missing_key_is_reported(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("when: products_held", "wehn: products_held")
    problems = problems_in(text, write_playbook, fact_types)
    assert [(p.line, p.message) for p in problems] == [
        (line_containing(text, "- id: bought"), "criterion 'bought' is missing 'when'"),
        (
            line_containing(text, "wehn:"),
            "unknown key 'wehn' in criterion 'bought'; did you mean 'when'?",
        ),
    ]


def test_a_missing_required_field_is_reported_where_its_mapping_starts(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("    summary: {zh: 开户, en: Customer}\n", "")
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "- id: second"),
        "stage 'second' is missing 'summary'",
    )


def test_a_text_needs_both_languages(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("name: {zh: 二, en: Two}", "name: {zh: 二}")
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "name: {zh: 二}"),
        "the name of stage 'second' is missing 'en'",
    )


def test_a_key_given_twice_is_a_problem(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace('version: "1"\n', 'version: "1"\nversion: "2"\n')
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (3, "duplicate key 'version' in the playbook")


def test_duplicate_stage_ids_are_reported_at_the_repeat(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("- id: second", "- id: first")
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "name: {zh: 二") - 1,
        "duplicate stage id 'first' (first at line 6)",
    )


def test_a_ladder_without_stages_is_refused(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.split("stages:")[0] + "stages: []\n"
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "stages:"),
        "a ladder needs at least 2 stages, none given",
    )


def test_a_ladder_of_one_stage_is_refused(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.split("  - id: second")[0]
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "stages:"),
        "a ladder needs at least 2 stages, only 1 given",
    )


def test_a_stage_without_criteria_is_refused(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.split("    criteria:\n      - id: bought")[0] + "    criteria: []\n"
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "criteria: []"),
        "stage 'second' has no criteria",
    )


def test_duplicate_criterion_ids_are_reported_across_stages(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("- id: bought", "- id: met_once")
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "when: products_held") - 1,
        f"duplicate criterion id 'met_once' (first at line {line_containing(text, 'met_once')})",
    )


def test_an_id_must_be_a_lowercase_name(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("- id: bought", "- id: Bought Once")
    problem = only_problem(text, write_playbook, fact_types)
    assert problem.message == (
        "the id of criterion 'Bought Once' must be lowercase letters, digits and '_', "
        "not 'Bought Once'"
    )


def test_an_expression_syntax_error_names_the_line_and_the_column(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("when: products_held >= 1", "when: products_held >= ")
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "when: products_held"),
        "'when' of criterion 'bought': expected a fact name, a number or '(' at column 17, "
        "found the end of the expression",
    )


def test_an_unknown_fact_is_reported_with_a_suggestion(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("when: products_held", "when: product_held")
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "when: product_held"),
        "'when' of criterion 'bought': unknown fact 'product_held' at column 1; "
        "did you mean 'products_held'?",
    )


def test_a_type_mismatch_is_reported(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("when: products_held >= 1", "when: kyc_valid >= 1")
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "when: kyc_valid"),
        "'when' of criterion 'bought': '>=' needs numbers on both sides, "
        "not boolean and integer at column 11",
    )


def test_an_unknown_reason_placeholder_is_reported(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("({products_held} now)", "({product_held} now)")
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "{product_held}"),
        "the reason of criterion 'bought': unknown placeholder {product_held}; "
        "did you mean 'products_held'?",
    )


def test_a_gap_placeholder_needs_a_threshold(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("when: contacts_total >= 1", "when: contacts_total >= 1 and kyc_valid")
    problems = problems_in(text, write_playbook, fact_types)
    message = (
        "the reason of criterion 'met_once': {gap} needs a threshold criterion "
        "such as 'visits_90d >= 2'"
    )
    line = line_containing(text, "{gap} more")
    assert problems == [Problem(problems[0].file, line, message)] * 2  # in zh and in en


def test_an_unbalanced_brace_in_a_reason_is_reported(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("en: Invite to an event", 'en: "Invite {to an event"')
    problem = only_problem(text, write_playbook, fact_types)
    assert problem.line == line_containing(text, "Invite {to")
    assert problem.message.startswith("the reason of criterion 'trust': unreadable template")


@pytest.mark.parametrize("due_days", ["0", "-3", "2.5", "soon"])
def test_due_days_must_be_a_positive_whole_number(
    due_days: str, write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("due_days: 14", f"due_days: {due_days}")
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "due_days:"),
        f"'due_days' of criterion 'bought' must be a positive whole number, not '{due_days}'",
    )


def test_weight_must_be_a_positive_number(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("weight: 2", "weight: -1.5")
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "weight:"),
        "'weight' of criterion 'bought' must be a positive number, not '-1.5'",
    )


def test_an_unknown_default_profile_is_reported(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("profile: young", "profile: yuong")
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (4, "unknown profile 'yuong'; did you mean 'young'?")


def test_an_unknown_profile_on_a_criterion_is_reported(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("profiles: [young]\n", "profiles: [old]\n")
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "profiles: [old]"),
        "unknown profile 'old' (young or established)",
    )


def test_a_stage_left_without_criteria_for_a_profile_is_refused(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace(
        "      - id: bought\n", "      - id: bought\n        profiles: [established]\n"
    )
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "- id: bought") - 1,
        "stage 'second' has no criteria left for the 'young' profile",
    )


def test_every_problem_is_reported_at_once_in_line_order(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = (
        MINI.replace("profile: young", "profile: yuong")
        .replace("when: contacts_total >= 1", "when: contacts_total >=")
        .replace("due_days: 14", "due_days: 0")
        .replace("- id: second", "- id: first")
    )
    problems = problems_in(text, write_playbook, fact_types)
    assert [problem.line for problem in problems] == [
        line_containing(text, "profile: yuong"),
        line_containing(text, "when: contacts_total"),
        line_containing(text, "name: {zh: 二") - 1,
        line_containing(text, "due_days: 0"),
    ]
    assert [problem.message.split(" ")[0] for problem in problems] == [
        "unknown",
        "'when'",
        "duplicate",
        "'due_days'",
    ]


def test_loading_a_broken_playbook_raises_with_all_problems(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("profile: young", "profile: yuong").replace("due_days: 14", "due_days: 0")
    path = write_playbook(text)
    with pytest.raises(PlaybookInvalid) as raised:
        load_playbook(path, fact_types)
    assert [problem.line for problem in raised.value.problems] == [
        4,
        line_containing(text, "due_days: 0"),
    ]
    assert str(raised.value).splitlines()[:2] == [
        "the playbook has 2 problems",
        f"{path}:4: unknown profile 'yuong'; did you mean 'young'?",
    ]


def test_a_playbook_can_be_checked_from_text(fact_types: dict[str, FactType]) -> None:
    [problem] = check_playbook_text("ladder: [", fact_types, file="inline.yaml")
    assert problem.file == "inline.yaml"


def test_an_empty_profiles_list_is_a_problem(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("profiles: [young]\n", "profiles: []\n")
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "profiles: []"),
        "'profiles' of criterion 'trust' must name at least one profile",
    )


def test_a_criterion_must_be_a_mapping(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace("      - id: bought\n", "      - contacts_total >= 2\n      - id: bought\n")
    problem = only_problem(text, write_playbook, fact_types)
    assert (problem.line, problem.message) == (
        line_containing(text, "- contacts_total >= 2"),
        "a criterion must be a mapping of keys to values",
    )


def test_an_unquoted_reason_starting_with_a_brace_gets_a_hint(
    write_playbook: WritePlaybook, fact_types: dict[str, FactType]
) -> None:
    text = MINI.replace(
        'reason: {zh: 开立第一个产品, en: "Open a first product ({products_held} now)"}',
        "reason:\n            zh: 开立第一个产品\n            en: {products_held}",
    )
    problem = only_problem(text, write_playbook, fact_types)
    assert problem.line == line_containing(text, "en: {products_held}")
    assert problem.message == (
        "'en' of the reason of criterion 'bought' must be non-empty text "
        "(put text that starts with '{' in quotes)"
    )
