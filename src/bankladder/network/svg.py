"""A party's network drawn as SVG on the server: no script, no external resource.

Pure: the neighbourhood (``schemas.NetworkGraph``) and the texts in the user's language in,
an SVG document out. The party stands in the middle, the parties one link away on an inner
ring, those two links away on an outer ring; each link is labelled by its kind. Customers are
blue circles, prospects orange diamonds (shape and colour both, for readers who cannot tell
the colours apart); a party the user may not identify is drawn dashed with its placeholder
name. The layout depends only on the graph: the same store always draws the same picture.
The viewBox is 360 wide, so it reads at 375 px; ``<title>`` and ``<desc>`` give the text
alternative (the page lists the links in words as well).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from bankladder.network.schemas import NetworkEdge, NetworkGraph, NetworkNode

WIDTH, HEIGHT = 360, 400
CENTRE = (180.0, 180.0)
RADIUS = {0: 0.0, 1: 88.0, 2: 158.0}
SIZE = {0: 16.0, 1: 10.0, 2: 8.0}
CUSTOMER, PROSPECT, LINE, INK = "#2563eb", "#d97706", "#94a3b8", "#1f2937"
NAME_LENGTH = 8  # characters of a name shown under its mark; the full name is in <title>
Point = tuple[float, float]
ARROW = (
    '<defs><marker id="network-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" '
    f'markerHeight="6" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="{LINE}"/></marker></defs>'
)
"""Links point from ``from_id`` to ``to_id``: "A -supplier of-> B", "A -referred-> B"."""


@dataclass(frozen=True)
class SvgTexts:
    """What the drawing says, already in the user's language."""

    title: str
    description: str
    kinds: Mapping[str, str]  # relationship kind (or "referred") -> its label
    customer: str
    prospect: str


def layout(graph: NetworkGraph) -> dict[str, Point]:
    """Where each party stands: ring one evenly from the top, clockwise, in the graph's order;
    ring two in the order of the ring-one party it hangs from, so links seldom cross."""
    ring_one = [n.key for n in graph.nodes if n.hops == 1]
    anchor = {key: i for i, key in enumerate(ring_one)}
    parent = _parents(graph.edges, anchor)
    ring_two = sorted(
        (n.key for n in graph.nodes if n.hops == 2),
        key=lambda key: (parent.get(key, len(ring_one)), key),
    )
    places = {n.key: CENTRE for n in graph.nodes if n.hops == 0}
    places |= _ring(ring_one, RADIUS[1], 0.0)
    places |= _ring(ring_two, RADIUS[2], math.pi / max(len(ring_two), 1))
    return places


def render(graph: NetworkGraph, texts: SvgTexts, locale: str) -> str:
    """The SVG document (a string of markup: every name is escaped here)."""
    places = layout(graph)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        'role="img" aria-labelledby="network-title network-desc" class="network-drawing">',
        f'<title id="network-title">{escape(texts.title)}</title>',
        f'<desc id="network-desc">{escape(texts.description)}</desc>',
    ]
    parts.append(ARROW)
    sizes = {node.key: SIZE[node.hops] for node in graph.nodes}
    parts += [_edge(edge, places, sizes, texts) for edge in graph.edges if _drawn(edge, places)]
    parts += [_node(node, places[node.key], locale) for node in graph.nodes]
    parts += _legend(texts)
    parts.append("</svg>")
    return "\n".join(parts)


def _parents(edges: Sequence[NetworkEdge], anchor: Mapping[str, int]) -> dict[str, int]:
    parent: dict[str, int] = {}
    for edge in edges:
        for near, far in ((edge.from_key, edge.to_key), (edge.to_key, edge.from_key)):
            if near in anchor and far not in anchor:
                parent[far] = min(parent.get(far, anchor[near]), anchor[near])
    return parent


def _ring(keys: Sequence[str], radius: float, offset: float) -> dict[str, Point]:
    step = 2 * math.pi / max(len(keys), 1)
    x0, y0 = CENTRE
    return {
        key: (
            round(x0 + radius * math.sin(offset + i * step), 1),
            round(y0 - radius * math.cos(offset + i * step), 1),
        )
        for i, key in enumerate(keys)
    }


def _drawn(edge: NetworkEdge, places: Mapping[str, Point]) -> bool:
    return edge.from_key in places and edge.to_key in places


def _edge(
    edge: NetworkEdge, places: Mapping[str, Point], sizes: Mapping[str, float], texts: SvgTexts
) -> str:
    (x1, y1), (x2, y2) = places[edge.from_key], places[edge.to_key]
    mx, my = round((x1 + x2) / 2, 1), round((y1 + y2) / 2, 1)
    length = max(math.dist((x1, y1), (x2, y2)), 1.0)
    short = (sizes[edge.to_key] + 2) / length  # the arrow stops at the mark's edge
    x2, y2 = round(x2 - (x2 - x1) * short, 1), round(y2 - (y2 - y1) * short, 1)
    label = escape(texts.kinds.get(edge.kind, edge.kind))
    return (
        f'<g class="link"><line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{LINE}" '
        'stroke-width="1.5" marker-end="url(#network-arrow)"/>'
        f'<text x="{mx}" y="{my}" font-size="9" fill="{INK}" '
        f'text-anchor="middle" stroke="#ffffff" stroke-width="3" paint-order="stroke">'
        f"{label}</text></g>"
    )


def _node(node: NetworkNode, at: Point, locale: str) -> str:
    x, y = at
    size = SIZE[node.hops]
    name = node.name.in_(locale)
    short = name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1] + "…"
    dash = "" if node.identified else ' stroke-dasharray="3 2"'
    kind = "customer" if node.customer else "prospect"
    mark = _mark(node.customer, x, y, size, dash)
    lx, ly = _label_at(short, x, y, size, above=node.hops > 0 and y < CENTRE[1])
    return (
        f'<g class="party {kind}"><title>{escape(name)}</title>{mark}'
        f'<text x="{lx}" y="{ly}" font-size="10" fill="{INK}" '
        f'text-anchor="middle" stroke="#ffffff" stroke-width="3" paint-order="stroke">'
        f"{escape(short)}</text></g>"
    )


def _label_at(text: str, x: float, y: float, size: float, *, above: bool) -> Point:
    """Under the mark (over it in the top half, away from the middle), kept inside the frame:
    a wide character (Chinese) is about 10 units, a narrow one 6."""
    half = sum(10 if ord(c) > 0x2E7F else 6 for c in text) / 2
    lx = min(max(x, half + 2), WIDTH - half - 2)
    ly = y - size - 4 if above else y + size + 11
    return round(lx, 1), round(ly, 1)


def _mark(customer: bool, x: float, y: float, size: float, dash: str = "") -> str:
    """A customer's circle or a prospect's diamond."""
    if customer:
        return (
            f'<circle cx="{x}" cy="{y}" r="{size}" fill="{CUSTOMER}" stroke="{INK}" '
            f'stroke-width="1"{dash}/>'
        )
    corners = ((x, y - size), (x + size, y), (x, y + size), (x - size, y))
    points = " ".join(f"{round(px, 1)},{round(py, 1)}" for px, py in corners)
    return f'<polygon points="{points}" fill="{PROSPECT}" stroke="{INK}" stroke-width="1"{dash}/>'


def _legend(texts: SvgTexts) -> list[str]:
    y = HEIGHT - 16
    return [
        f'<g class="legend">{_mark(True, 16, y, 7)}<text x="28" y="{y + 4}" font-size="11" '
        f'fill="{INK}">{escape(texts.customer)}</text>',
        f'{_mark(False, 136, y, 7)}<text x="148" y="{y + 4}" font-size="11" '
        f'fill="{INK}">{escape(texts.prospect)}</text></g>',
    ]
