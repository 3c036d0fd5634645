"""How deep a referral tree grew: the longest chain of converted referrals from a party.

Pure: no I/O. A chain A -> B -> C means A referred B, who became a customer and referred C,
who became one too: A's depth is 2. Each party counts once in a chain, so a cycle in the data
(A referred B and B referred A, which real conversions cannot produce: a party converts once)
cannot loop. The longest simple chain is exact: strongly connected components are walked in
reverse topological order, a party outside any cycle in one step, a party inside a (small,
erroneous) cycle by trying every simple chain inside it. Depth only grows when a converted
referral is added, since every chain of the smaller graph is still a chain of the larger one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def referral_graph(pairs: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Referrer -> the parties it referred (converted referrals only); self-referrals dropped."""
    graph: dict[str, set[str]] = {}
    for referrer, referee in pairs:
        if referrer != referee:
            graph.setdefault(referrer, set()).add(referee)
    return {referrer: frozenset(referees) for referrer, referees in graph.items()}


def depths(graph: Mapping[str, frozenset[str]]) -> dict[str, int]:
    """Each referrer's depth: the edges of its longest chain of converted referrals."""
    best: dict[str, int] = {}
    for component in _components(graph):
        inside = frozenset(component)
        for party in component:
            best[party] = _longest_from(party, graph, inside, best)
    return {party: depth for party, depth in best.items() if depth > 0}


def _leaving(
    party: str, graph: Mapping[str, frozenset[str]], inside: frozenset[str], best: Mapping[str, int]
) -> int:
    """The longest chain that leaves the component at ``party``'s next referral."""
    return max(
        (1 + best.get(next_, 0) for next_ in graph.get(party, ()) if next_ not in inside), default=0
    )


def _longest_from(
    start: str, graph: Mapping[str, frozenset[str]], inside: frozenset[str], best: Mapping[str, int]
) -> int:
    """Every simple chain inside the component from ``start``, then out of it (a component
    of one party has a single chain: itself)."""
    longest = 0
    stack: list[tuple[str, int, frozenset[str]]] = [(start, 0, frozenset({start}))]
    while stack:
        party, length, seen = stack.pop()
        longest = max(longest, length + _leaving(party, graph, inside, best))
        for next_ in graph.get(party, ()):
            if next_ in inside and next_ not in seen:
                stack.append((next_, length + 1, seen | {next_}))
    return longest


def _components(graph: Mapping[str, frozenset[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan, iterative), each after every component it
    reaches: the order in which depths can be computed."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(graph.get(root, ())))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            party, pending = work[-1]
            if pending:
                next_ = pending.pop()
                if next_ not in index:
                    index[next_] = low[next_] = len(index)
                    stack.append(next_)
                    on_stack.add(next_)
                    work.append((next_, sorted(graph.get(next_, ()))))
                elif next_ in on_stack:
                    low[party] = min(low[party], index[next_])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[party])
            if low[party] == index[party]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == party:
                        break
                found.append(component)
    return found
