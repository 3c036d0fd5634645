"""The network drawing: well-formed SVG with no script, the party in the middle and two rings,
customers and prospects told apart by shape and colour, links labelled by kind, a text
alternative, names escaped, and the same picture for the same graph."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankladder.ladder.model import Text
from bankladder.network.schemas import NetworkEdge, NetworkGraph, NetworkNode
from bankladder.network.svg import (
    CENTRE,
    CUSTOMER,
    HEIGHT,
    PROSPECT,
    RADIUS,
    WIDTH,
    SvgTexts,
    layout,
    render,
)

pytestmark = pytest.mark.unit

NS = {"svg": "http://www.w3.org/2000/svg"}
TEXTS = SvgTexts(
    title="甲公司的关系网",
    description="一度 2 个，二度 1 个",
    kinds={"supplier_of": "供应", "family": "家人", "referred": "推荐"},
    customer="客户",
    prospect="潜在客户",
)


def node(
    key: str, hops: int, customer: bool, name: str = "", identified: bool = True
) -> NetworkNode:
    return NetworkNode(key, Text(zh=name or key, en=name or key), hops, customer, identified)


GRAPH = NetworkGraph(
    nodes=(
        node("E1", 0, True, "甲公司"),
        node("P1", 1, True, "李*"),
        node("n2", 1, False, "同事名下的客户", identified=False),
        node("N3", 2, False, "<b>丙</b>"),
    ),
    edges=(
        NetworkEdge("E1", "P1", "supplier_of"),
        NetworkEdge("E1", "n2", "referred"),
        NetworkEdge("N3", "P1", "family"),
    ),
    left_out=0,
)


def parsed(graph: NetworkGraph = GRAPH) -> ET.Element:
    return ET.fromstring(render(graph, TEXTS, "zh-CN"))


def test_the_drawing_is_well_formed_svg_with_a_text_alternative_and_no_script() -> None:
    root = parsed()
    assert root.get("role") == "img"
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
    assert root.find("svg:title", NS) is not None
    assert root.find("svg:title", NS).text == "甲公司的关系网"  # type: ignore[union-attr]
    assert root.find("svg:desc", NS).text == "一度 2 个，二度 1 个"  # type: ignore[union-attr]
    drawn = render(GRAPH, TEXTS, "zh-CN")
    assert "<script" not in drawn
    assert "http" not in drawn.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_customers_are_blue_circles_and_prospects_orange_diamonds() -> None:
    parties = parsed().findall("svg:g[@class='party customer']", NS)
    assert len(parties) == 2
    for party in parties:
        assert party.find("svg:circle", NS).get("fill") == CUSTOMER  # type: ignore[union-attr]
    prospects = parsed().findall("svg:g[@class='party prospect']", NS)
    assert len(prospects) == 2
    for party in prospects:
        assert party.find("svg:polygon", NS).get("fill") == PROSPECT  # type: ignore[union-attr]


def test_a_party_not_identified_is_dashed() -> None:
    dashed = [
        g.find("svg:title", NS).text  # type: ignore[union-attr]
        for g in parsed().iter("{http://www.w3.org/2000/svg}g")
        if any(m.get("stroke-dasharray") for m in g)
    ]
    assert dashed == ["同事名下的客户"]


def test_each_link_is_labelled_by_its_kind() -> None:
    labels = [g.find("svg:text", NS).text for g in parsed().findall("svg:g[@class='link']", NS)]  # type: ignore[union-attr]
    assert labels == ["供应", "推荐", "家人"]


def test_names_are_escaped() -> None:
    drawn = render(GRAPH, TEXTS, "zh-CN")
    assert "<b>" not in drawn
    assert "&lt;b&gt;丙&lt;/b&gt;" in drawn


def test_the_party_is_in_the_middle_and_the_rings_at_their_radius() -> None:
    places = layout(GRAPH)
    assert places["E1"] == CENTRE
    for key, hops in (("P1", 1), ("n2", 1), ("N3", 2)):
        x, y = places[key]
        assert math.dist((x, y), CENTRE) == pytest.approx(RADIUS[hops], abs=0.2)
    assert places["P1"] == (CENTRE[0], CENTRE[1] - RADIUS[1])  # the first from the top


keys = st.lists(st.text("abcdefgh", min_size=1, max_size=3), unique=True, min_size=1, max_size=20)


@given(keys, st.integers(min_value=0, max_value=20))
def test_the_same_graph_draws_the_same_picture_inside_the_frame(
    names: list[str], split: int
) -> None:
    rings = [node(k, 1 if i < split else 2, i % 2 == 0) for i, k in enumerate(names)]
    nodes = (node("centre", 0, True), *rings)
    edges = tuple(NetworkEdge("centre", k, "family") for k in names[:split])
    graph = NetworkGraph(nodes, edges, 0)
    assert render(graph, TEXTS, "en") == render(graph, TEXTS, "en")
    for x, y in layout(graph).values():
        assert 0 <= x <= WIDTH
        assert 0 <= y <= HEIGHT - 30  # clear of the legend


def test_a_long_name_at_the_edge_stays_inside_the_frame() -> None:
    wide = "同事名下的客户"
    nodes = (node("c", 0, True), *(node(f"k{i}", 2, False, wide) for i in range(8)))
    drawn = parsed(NetworkGraph(nodes, (), 0))
    for label in drawn.findall("svg:g[@class='party prospect']/svg:text", NS):
        x = float(label.get("x", "0"))
        assert x - len(wide) * 5 >= 0
        assert x + len(wide) * 5 <= WIDTH
