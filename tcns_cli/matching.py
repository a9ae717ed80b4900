"""Minimum-weight perfect matching on a sparse nearest-neighbour graph (networkx blossom)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

# Neighbours kept per node at first; doubled until a perfect matching exists.
K_START = 10
# Distances become whole millimetres so the blossom algorithm works on exact integers.
SCALE = 1000

Weight = Callable[[int, int], int | None]


def scaled(distance: float) -> int:
    """A distance as the integer weight the matcher uses."""
    return round(distance * SCALE)


def knn_edges(
    groups: Sequence[Sequence[int]], distance: Callable[[int, int], float], k: int
) -> dict[tuple[int, int], int]:
    """The k nearest neighbours of every node inside its own group, as weighted edges."""
    edges: dict[tuple[int, int], int] = {}
    for group in groups:
        for a in group:
            near = sorted((scaled(distance(a, b)), b) for b in group if b != a)
            for weight, b in near[:k]:
                edges[(min(a, b), max(a, b))] = weight
    return edges


def min_weight_perfect_matching(
    nodes: Sequence[int], edges: dict[tuple[int, int], int]
) -> list[tuple[int, int]] | None:
    """A perfect matching of least total weight, or None when the graph has none."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(edges.items()))
    found = nx.min_weight_matching(graph)
    if 2 * len(found) != len(nodes):
        return None
    return sorted((min(a, b), max(a, b)) for a, b in found)


def match_groups(
    groups: Sequence[Sequence[int]],
    distance: Callable[[int, int], float],
    extra: Callable[[int], dict[tuple[int, int], int]] | None = None,
    nodes: Sequence[int] | None = None,
) -> list[tuple[int, int]]:
    """Match ``nodes`` (default: every group member) on within-group k-NN edges plus ``extra``.

    ``k`` starts at :data:`K_START` and doubles until a perfect matching exists.
    """
    every = list(nodes) if nodes is not None else [n for g in groups for n in g]
    if not every:
        return []
    largest = max((len(g) for g in groups), default=1)
    k = K_START
    while True:
        edges = knn_edges(groups, distance, k)
        if extra is not None:
            edges.update(extra(k))
        found = min_weight_perfect_matching(every, edges)
        if found is not None:
            return found
        if k >= largest:
            raise AssertionError("no perfect matching on the complete graph")  # a bug, not input
        k *= 2
