"""Reading a composed playbook document into a ``DraftLadder``, reporting every problem."""

from yaml.nodes import MappingNode, Node, ScalarNode

from bankladder.ladder.expressions import (
    Expr,
    ExpressionSyntaxError,
    Gap,
    check,
    gap_of,
    parse,
    suggestion,
)
from bankladder.ladder.facts import FactTypes
from bankladder.ladder.model import (
    DEFAULT_DUE_DAYS,
    DEFAULT_WEIGHT,
    ActionTemplate,
    BankProfile,
    Criterion,
    Text,
)
from bankladder.ladder.playbook.draft import ALL_PROFILES, DraftLadder, DraftStage, ForProfiles
from bankladder.ladder.playbook.policies import read_authorities, read_gifts, read_guards
from bankladder.ladder.playbook.vip import read_vip
from bankladder.ladder.playbook.yaml_nodes import Fields, NodeReader, line_of
from bankladder.ladder.policies import Purpose
from bankladder.ladder.reasons import (
    GAP_PLACEHOLDERS,
    STAGE_PLACEHOLDER,
    TemplateError,
    placeholders,
)

LADDER_KEYS = ("ladder", "version", "name", "stages")
STAGE_KEYS = ("id", "name", "summary", "criteria")
CRITERION_KEYS = ("id", "when", "action")
ACTION_KEYS = ("kind", "reason")
TEXT_KEYS = ("zh", "en")
DEFAULT_PROFILE = BankProfile.young


class PlaybookReader(NodeReader):
    """Reads one playbook; ids are kept with their lines to find duplicates afterwards."""

    def __init__(self, file: str, fact_types: FactTypes) -> None:
        super().__init__(file)
        self.fact_types = fact_types
        self.stage_ids: list[tuple[str, int]] = []
        self.criterion_ids: list[tuple[str, int]] = []

    def ladder(self, root: Node) -> DraftLadder | None:
        optional = ("profile", "vip", "guards", "authority", "gifts")
        fields = self.fields(root, "the playbook", LADDER_KEYS, optional)
        if fields is None:
            return None
        ladder_id = self.identifier(fields.value("ladder"), "'ladder'")
        version = self.string(fields.value("version"), "'version'")
        name = self.text(fields.value("name"), "the name of the ladder")
        profile = self.profile(fields.value("profile"))
        stages = self.stages(fields)
        vip = read_vip(self, fields.value("vip"))
        guards = read_guards(self, fields.value("guards"))
        authorities = read_authorities(self, fields.value("authority"))
        gifts = read_gifts(self, fields.value("gifts"))
        if ladder_id is None or version is None or name is None or profile is None:
            return None
        if stages is None or vip is None or guards is None:
            return None
        if authorities is None or gifts is None:
            return None
        return DraftLadder(
            ladder_id, version, name, profile, stages, vip, guards, authorities, gifts
        )

    def profile(self, node: Node | None) -> BankProfile | None:
        if node is None:
            return DEFAULT_PROFILE
        name = self.string(node, "a profile")
        if name is None:
            return None
        if name not in BankProfile.__members__:
            hint = suggestion(name, BankProfile.__members__) or " (young or established)"
            self.report(line_of(node), f"unknown profile {name!r}{hint}")
            return None
        return BankProfile(name)

    def profiles(self, node: Node | None, label: str) -> frozenset[BankProfile] | None:
        if node is None:
            return ALL_PROFILES
        items = self.sequence(node, f"'profiles' of {label}")
        if items is None:
            return None
        if not items:
            self.report(line_of(node), f"'profiles' of {label} must name at least one profile")
        chosen = [self.profile(item) for item in items]
        known = frozenset(profile for profile in chosen if profile is not None)
        return known if items and len(known) == len(chosen) else None

    def stages(self, fields: Fields) -> tuple[DraftStage, ...] | None:
        items = self.sequence(fields.value("stages"), "'stages'")
        if items is None:
            return None
        if len(items) < 2:
            found = "none" if not items else "only 1"
            self.report(
                fields.key_line("stages"), f"a ladder needs at least 2 stages, {found} given"
            )
        stages = [self.stage(item) for item in items]
        kept = tuple(stage for stage in stages if stage is not None)
        return kept if len(kept) == len(stages) >= 2 else None

    def stage(self, node: Node) -> DraftStage | None:
        label = _label("stage", node)
        fields = self.fields(node, label, STAGE_KEYS, ("tactics",))
        if fields is None:
            return None
        stage_id = self._id(fields, f"the id of {label}", self.stage_ids)
        name = self.text(fields.value("name"), f"the name of {label}")
        summary = self.text(fields.value("summary"), f"the summary of {label}")
        tactics = self.tactics(fields.value("tactics"), label)
        criteria = self.criteria(fields, label)
        if stage_id is None or name is None or summary is None or tactics is None:
            return None
        if criteria is None:
            return None
        return DraftStage(stage_id, name, summary, tactics, criteria, fields.key_line("criteria"))

    def tactics(self, node: Node | None, label: str) -> tuple[ForProfiles[Text], ...] | None:
        items = [] if node is None else self.sequence(node, f"the tactics of {label}")
        if items is None:
            return None
        tactics = [self.tactic(item, f"a tactic of {label}") for item in items]
        kept = tuple(tactic for tactic in tactics if tactic is not None)
        return kept if len(kept) == len(tactics) else None

    def tactic(self, node: Node, label: str) -> ForProfiles[Text] | None:
        fields = self.fields(node, label, TEXT_KEYS, ("profiles",))
        if fields is None:
            return None
        text = self._text_of(fields, label)
        profiles = self.profiles(fields.value("profiles"), label)
        return None if text is None or profiles is None else ForProfiles(text, profiles)

    def criteria(self, fields: Fields, label: str) -> tuple[ForProfiles[Criterion], ...] | None:
        items = self.sequence(fields.value("criteria"), f"the criteria of {label}")
        if items is None:
            return None
        if not items:
            self.report(fields.key_line("criteria"), f"{label} has no criteria")
        criteria = [self.criterion(item) for item in items]
        kept = tuple(criterion for criterion in criteria if criterion is not None)
        return kept if items and len(kept) == len(criteria) else None

    def criterion(self, node: Node) -> ForProfiles[Criterion] | None:
        label = _label("criterion", node)
        fields = self.fields(node, label, CRITERION_KEYS, ("profiles",))
        if fields is None:
            return None
        criterion_id = self._id(fields, f"the id of {label}", self.criterion_ids)
        condition = self.condition(fields.value("when"), label)
        gap = None if condition is None else condition[2]
        action = self.action(fields.value("action"), label, gap, known_gap=condition is not None)
        profiles = self.profiles(fields.value("profiles"), label)
        if criterion_id is None or condition is None or action is None or profiles is None:
            return None
        source, expression, _ = condition
        criterion = Criterion(criterion_id, expression, source, action, line_of(node), gap)
        return ForProfiles(criterion, profiles)

    def condition(self, node: Node | None, label: str) -> tuple[str, Expr, Gap | None] | None:
        """The source, the checked expression and the gap of a ``when``."""
        source = self.string(node, f"'when' of {label}")
        if source is None or node is None:
            return None
        try:
            expression = parse(source)
        except ExpressionSyntaxError as error:
            self.report(line_of(node), f"'when' of {label}: {error.message}")
            return None
        problems = check(expression, self.fact_types)
        for problem in problems:
            self.report(line_of(node), f"'when' of {label}: {problem.message}")
        return None if problems else (source, expression, gap_of(expression, self.fact_types))

    def action(
        self, node: Node | None, label: str, gap: Gap | None, *, known_gap: bool
    ) -> ActionTemplate | None:
        if node is None:
            return None
        what = f"the action of {label}"
        fields = self.fields(node, what, ACTION_KEYS, ("due_days", "weight", "purpose"))
        if fields is None:
            return None
        kind = self.identifier(fields.value("kind"), f"the kind of {what}")
        reason = self.reason(fields.value("reason"), label, gap, known_gap=known_gap)
        due_days = self.positive_integer(fields.value("due_days"), f"'due_days' of {label}")
        weight = self.positive_number(fields.value("weight"), f"'weight' of {label}")
        purpose = self.purpose(fields.value("purpose"), label)
        if kind is None or reason is None or purpose is None:
            return None
        if ("due_days" in fields and due_days is None) or ("weight" in fields and weight is None):
            return None
        return ActionTemplate(
            kind,
            reason,
            DEFAULT_DUE_DAYS if due_days is None else due_days,
            DEFAULT_WEIGHT if weight is None else weight,
            purpose,
        )

    def purpose(self, node: Node | None, label: str) -> Purpose | None:
        """What the action is for (``marketing`` when absent): decides the guard rails."""
        if node is None:
            return Purpose.MARKETING
        name = self.identifier(node, f"'purpose' of {label}")
        if name is None:
            return None
        if name not in {purpose.value for purpose in Purpose}:
            wanted = ", ".join(purpose.value for purpose in Purpose)
            self.report(line_of(node), f"'purpose' of {label} must be one of: {wanted}")
            return None
        return Purpose(name)

    def reason(
        self, node: Node | None, label: str, gap: Gap | None, *, known_gap: bool
    ) -> Text | None:
        if node is None:
            return None
        what = f"the reason of {label}"
        fields = self.fields(node, what, TEXT_KEYS)
        text = None if fields is None else self._text_of(fields, what)
        if fields is None or text is None:
            return None
        sound = [
            self._placeholders(fields.value(language), what, gap, known_gap=known_gap)
            for language in TEXT_KEYS
        ]
        return text if all(sound) else None

    def text(self, node: Node | None, what: str) -> Text | None:
        if node is None:
            return None
        fields = self.fields(node, what, TEXT_KEYS)
        return None if fields is None else self._text_of(fields, what)

    def _text_of(self, fields: Fields, what: str) -> Text | None:
        zh = self.string(fields.value("zh"), f"'zh' of {what}")
        en = self.string(fields.value("en"), f"'en' of {what}")
        return None if zh is None or en is None else Text(zh, en)

    def _placeholders(
        self, node: Node | None, what: str, gap: Gap | None, *, known_gap: bool
    ) -> bool:
        assert isinstance(node, ScalarNode)
        try:
            names = placeholders(str(node.value))
        except TemplateError as error:
            self.report(line_of(node), f"{what}: {error}")
            return False
        problems = [self._placeholder_problem(name, gap, known_gap) for name in names]
        for problem in filter(None, problems):
            self.report(line_of(node), f"{what}: {problem}")
        return not any(problems)

    def _placeholder_problem(self, name: str, gap: Gap | None, known_gap: bool) -> str | None:
        if name in GAP_PLACEHOLDERS:
            if gap is None and known_gap:
                return f"{{{name}}} needs a threshold criterion such as 'visits_90d >= 2'"
            return None
        if name == STAGE_PLACEHOLDER or name in self.fact_types:
            return None
        known = [*GAP_PLACEHOLDERS, STAGE_PLACEHOLDER, *self.fact_types]
        return f"unknown placeholder {{{name}}}{suggestion(name, known)}"

    def _id(self, fields: Fields, what: str, seen: list[tuple[str, int]]) -> str | None:
        node = fields.value("id")
        identifier = self.identifier(node, what)
        if identifier is not None and node is not None:
            seen.append((identifier, line_of(node)))
        return identifier


def _label(kind: str, node: Node) -> str:
    """``stage 'goodwill'`` when the mapping has a readable id, else ``a stage``."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if key.value == "id" and isinstance(value, ScalarNode) and value.value:
                return f"{kind} {value.value!r}"
    return f"a {kind}"
