"""The playbook's optional ``guards:``, ``authority:`` and ``gifts:`` sections.

Format (every key optional; the values below are the defaults)::

    guards:
      contacts_per_week: 3            # contacts by the bank in 7 days before marketing pauses
      refresh_kyc_due_days: 7         # days to refresh an expired KYC
      blocks:                         # the purposes each guard rail holds back
        aml: [marketing, product]     # an open AML alert
        kyc: [product]                # an expired KYC (customers)
        contact_fatigue: [marketing, product]
    authority:                        # what each checking role may approve, lowest first
      manager: {rate_bp: 30, fee_pct: 30, loan_amount: 3_000_000, gift: 300}
      approver: {rate_bp: 150, fee_pct: 100, loan_amount: 50_000_000, gift: 300}
    gifts:                            # CNY
      per_gift: 300
      per_party_year: 1000
      without_approval: 100

Purposes: marketing, product, service, compliance (an action's ``purpose``). Roles that may
check: manager, approver; each limit may not fall from one role to the next.
"""

import itertools
from decimal import Decimal

from yaml.nodes import MappingNode, Node

from bankladder.ladder.playbook.yaml_nodes import Fields, NodeReader, line_of
from bankladder.ladder.policies import (
    DEFAULT_AUTHORITIES,
    DEFAULT_GIFTS,
    DEFAULT_GUARDS,
    Authorities,
    Authority,
    GiftLimits,
    Guard,
    Guards,
    Purpose,
)

GUARD_KEYS = ("contacts_per_week", "refresh_kyc_due_days", "blocks")
AUTHORITY_KEYS = ("rate_bp", "fee_pct", "loan_amount", "gift")
GIFT_KEYS = ("per_gift", "per_party_year", "without_approval")
CHECKER_ROLES = ("manager", "approver")


def read_guards(reader: NodeReader, node: Node | None) -> Guards | None:
    """The guard rails (the defaults without a section); ``None`` after reporting a problem."""
    if node is None:
        return DEFAULT_GUARDS
    fields = reader.fields(node, "'guards'", (), GUARD_KEYS)
    if fields is None:
        return None
    per_week = _whole(reader, fields.value("contacts_per_week"), "'contacts_per_week'")
    due = _whole(reader, fields.value("refresh_kyc_due_days"), "'refresh_kyc_due_days'")
    blocks = _blocks(reader, fields.value("blocks"))
    if per_week is False or due is False or blocks is None:
        return None
    return Guards(
        contacts_per_week=DEFAULT_GUARDS.contacts_per_week if per_week is None else per_week,
        blocks=blocks,
        refresh_kyc_due_days=DEFAULT_GUARDS.refresh_kyc_due_days if due is None else due,
    )


def _whole(reader: NodeReader, node: Node | None, what: str) -> int | bool | None:
    """A positive whole number, ``None`` when absent, ``False`` after a problem."""
    if node is None:
        return None
    value = reader.positive_integer(node, f"{what} of 'guards'")
    return False if value is None else value


def _blocks(reader: NodeReader, node: Node | None) -> dict[Guard, frozenset[Purpose]] | None:
    if node is None:
        return dict(DEFAULT_GUARDS.blocks)
    fields = reader.fields(node, "'blocks' of 'guards'", (), tuple(Guard))
    if fields is None:
        return None
    blocks = dict(DEFAULT_GUARDS.blocks)
    for guard in Guard:
        purposes = _purposes(reader, fields.value(guard.value), guard)
        if purposes is False:
            return None
        if isinstance(purposes, frozenset):
            blocks[guard] = purposes
    return blocks


def _purposes(reader: NodeReader, node: Node | None, guard: Guard) -> frozenset[Purpose] | bool:
    what = f"'{guard.value}' of 'blocks'"
    if node is None:
        return True  # absent: the default
    items = reader.sequence(node, what)
    if items is None:
        return False
    names = [reader.identifier(item, f"a purpose in {what}") for item in items]
    known = {purpose.value for purpose in Purpose}
    for item, name in zip(items, names, strict=True):
        if name is not None and name not in known:
            wanted = ", ".join(p.value for p in Purpose)
            reader.report(line_of(item), f"{what}: unknown purpose {name!r} (one of: {wanted})")
            return False
    if any(name is None for name in names):
        return False
    return frozenset(Purpose(name) for name in names if name is not None)


def read_authorities(reader: NodeReader, node: Node | None) -> Authorities | None:
    """The approval authority by role, lowest first; ``None`` after reporting a problem."""
    if node is None:
        return DEFAULT_AUTHORITIES
    fields = reader.fields(node, "'authority'", (), CHECKER_ROLES)
    if fields is None or not isinstance(node, MappingNode):
        return None
    order = [str(key.value) for key, _value in node.value if str(key.value) in fields]
    by_role = {role: _authority(reader, fields.value(role), role) for role in order}
    if not by_role:
        reader.report(line_of(node), "'authority' must give the limits of at least one role")
        return None
    if any(limits is None for limits in by_role.values()):
        return None
    kept = {role: limits for role, limits in by_role.items() if limits is not None}
    return Authorities(kept) if _rising(reader, fields, kept) else None


def _authority(reader: NodeReader, node: Node | None, role: str) -> Authority | None:
    what = f"'{role}' of 'authority'"
    fields = None if node is None else reader.fields(node, what, AUTHORITY_KEYS)
    if fields is None:
        return None
    limits = [_amount(reader, fields.value(key), f"{key!r} of {what}") for key in AUTHORITY_KEYS]
    if any(limit is None for limit in limits):
        return None
    rate_bp, fee_pct, loan_amount, gift = (limit for limit in limits if limit is not None)
    return Authority(rate_bp, fee_pct, loan_amount, gift)


def _rising(reader: NodeReader, fields: Fields, by_role: dict[str, Authority]) -> bool:
    roles = list(by_role)
    for lower, higher in itertools.pairwise(roles):
        for key in AUTHORITY_KEYS:
            if getattr(by_role[higher], key) < getattr(by_role[lower], key):
                message = (
                    f"'authority': {higher}'s {key} is below {lower}'s (list the lowest first)"
                )
                reader.report(fields.key_line(higher), message)
                return False
    return True


def _amount(reader: NodeReader, node: Node | None, what: str) -> Decimal | None:
    value = reader.positive_number(node, what)
    if value is None:
        return None
    return Decimal(int(value)) if value.is_integer() else Decimal(str(value))


def read_gifts(reader: NodeReader, node: Node | None) -> GiftLimits | None:
    """The gift limits (the defaults without a section); ``None`` after reporting a problem."""
    if node is None:
        return DEFAULT_GIFTS
    fields = reader.fields(node, "'gifts'", (), GIFT_KEYS)
    if fields is None:
        return None
    values = {}
    for key in GIFT_KEYS:
        given = fields.value(key)
        amount = _amount(reader, given, f"{key!r} of 'gifts'")
        if given is not None and amount is None:
            return None
        values[key] = getattr(DEFAULT_GIFTS, key) if amount is None else amount
    limits = GiftLimits(**values)
    if limits.per_gift > limits.per_party_year:
        reader.report(line_of(node), "'gifts': 'per_gift' may not exceed 'per_party_year'")
        return None
    return limits
