"""The playbook's optional ``vip:`` section: the VIP tiers a contribution reaches.

Format::

    vip:
      persons: [50_000, 500_000, 6_000_000]  # least contribution (CNY) of tier 1, 2, 3 ...
      enterprise_factor: 10                  # an enterprise needs this many times as much

Both keys are optional (the values above when absent); the minimums must rise strictly.
"""

from yaml.nodes import Node

from bankladder.ladder.model import DEFAULT_VIP, VipTiers
from bankladder.ladder.playbook.yaml_nodes import NodeReader, line_of

VIP_KEYS = ("persons", "enterprise_factor")


def read_vip(reader: NodeReader, node: Node | None) -> VipTiers | None:
    """The VIP tiers of a playbook (the defaults without a ``vip:`` section); ``None`` after
    reporting a problem."""
    if node is None:
        return DEFAULT_VIP
    fields = reader.fields(node, "'vip'", (), VIP_KEYS)
    if fields is None:
        return None
    persons = _minimums(reader, fields.value("persons"))
    factor_node = fields.value("enterprise_factor")
    factor = reader.positive_number(factor_node, "'enterprise_factor' of 'vip'")
    if persons is None or (factor_node is not None and factor is None):
        return None
    return VipTiers(
        persons=persons,
        enterprise_factor=DEFAULT_VIP.enterprise_factor if factor is None else factor,
    )


def _minimums(reader: NodeReader, node: Node | None) -> tuple[float, ...] | None:
    if node is None:
        return DEFAULT_VIP.persons
    items = reader.sequence(node, "'persons' of 'vip'")
    if items is None:
        return None
    if not items:
        reader.report(line_of(node), "'persons' of 'vip' must name the minimum of tier 1 at least")
        return None
    values = [reader.positive_number(item, "a minimum of 'vip'") for item in items]
    if any(value is None for value in values):
        return None
    minimums = tuple(float(value) for value in values if value is not None)
    for item, before, after in zip(items[1:], minimums, minimums[1:], strict=False):
        if after <= before:
            reader.report(
                line_of(item), f"the minimums of 'vip' must rise: {after:g} is not above {before:g}"
            )
            return None
    return minimums
