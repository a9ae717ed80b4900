"""Exact minimum-weight perfect matching on small dense graphs.

Small tables (at most ``ENUMERATE_UP_TO`` positions, which is most areas of a ward) are
solved by listing: every perfect matching (the lowest free position takes each partner in
turn, lowest first), keeping the first of least weight. A dynamic programme over the sets of
free positions that keeps, for each set, the first best partner of its lowest position gives
the same answer: :func:`_least` visits 232 sets where the list of 12 positions has 10,395
matchings. :func:`best_without_each` answers the "which unit leaves this odd area" question
for every unit from one shared table of sets.

Bigger tables go to Edmonds' blossom algorithm as rustworkx compiles it (a Rust port of the
O(n³) algorithm networkx has in Python; about 0.6 ms for 30 positions where networkx takes
a hundred times that). It maximises weight among matchings of most pairs, so each edge gets
``top - weight``: of perfect matchings, the heaviest in those terms is the lightest in ours.

Weights are whole numbers (millimetres) below 2**53, or :data:`FORBID` for no edge: every sum
without a forbidden edge is exact in any order, so the answers never depend on the order of
additions. Both solvers are exact; of equal matchings they may keep different ones (each
always the same one for the same table), so the limits below are part of which plan a ward
gets.

A k-nearest-neighbour graph is not used: it can miss the optimum (hypothesis found a ward
with many units at one point where the best pair joins two units that are each other's
11th-nearest), and the blossom algorithm is fast enough on complete graphs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

# Distances become whole millimetres so that every weight is an exact integer.
SCALE = 1000
FORBID = float(2**60)
# Tables of up to ENUMERATE_UP_TO positions go to the dynamic programme, bigger ones to the
# blossom algorithm. Callers with few, rarely larger tables (the matching over a ward's odd
# areas) may ask for the programme up to ENUMERATE_AT_MOST.
ENUMERATE_UP_TO = 10
ENUMERATE_AT_MOST = 12
WITHOUT_ONE_UP_TO = 11

Table = Sequence[Sequence[float]]
Pairs = list[tuple[int, int]]


def scaled(distance: float) -> float:
    """A distance as an integer-valued weight in millimetres (ties to even, as numpy.rint)."""
    return float(round(distance * SCALE))


def min_weight_perfect_matching(weights: Table, list_up_to: int = ENUMERATE_UP_TO) -> Pairs:
    """A perfect matching of least total weight over a symmetric table of weights.

    ``weights[i][j]`` is the weight of pairing positions i and j, :data:`FORBID` for no
    edge; the diagonal is ignored. Pairs come back as ``(i, j)`` with i < j, sorted. The
    graph must have a perfect matching (a bug otherwise, not an input problem).
    """
    size = len(weights)
    if size == 0:
        return []
    if size == 2 and weights[0][1] < FORBID:  # one way only: no search needed
        return [(0, 1)]
    if size <= min(list_up_to, ENUMERATE_AT_MOST) and size % 2 == 0:
        memo: dict[int, tuple[float, int]] = {}
        everyone = (1 << size) - 1
        if _least(weights, everyone, memo) < FORBID:
            return _pairs(everyone, memo)
    return _blossom(weights)


def best_without_each(weights: Table) -> list[tuple[float, Pairs]]:
    """For each position of an odd-sized table: the lightest perfect matching of the others.

    Returns ``(weight, pairs)`` per position, pairs as in :func:`min_weight_perfect_matching`.
    """
    size = len(weights)
    if size > WITHOUT_ONE_UP_TO:
        import rustworkx as rx

        graph = _graph(weights)  # built once; each solve takes a copy without one position
        out = []
        for left in range(size):
            rest = graph.copy()
            rest.remove_node(left)
            pairs = _matched(rx.max_weight_matching(rest, max_cardinality=True, weight_fn=int),
                             size - 1)
            out.append((float(sum(weights[a][b] for a, b in pairs)), pairs))
        return out
    memo: dict[int, tuple[float, int]] = {}
    everyone = (1 << size) - 1
    found_each = []
    for left in range(size):
        others = everyone ^ (1 << left)
        found_each.append((_least(weights, others, memo), _pairs(others, memo)))
    return found_each


def _least(weights: Table, free: int, memo: dict[int, tuple[float, int]]) -> float:
    """The least weight of a perfect matching of the positions in the bit set ``free``.

    ``memo`` keeps, per set, that weight and the partner of its lowest position: the first
    partner (lowest first) that reaches it, as listing the matchings in order would keep.
    """
    if not free:
        return 0.0
    known = memo.get(free)
    if known is not None:
        return known[0]
    low = free & -free
    rest = free ^ low
    row = weights[low.bit_length() - 1]
    best, partner = math.inf, -1
    others = rest
    while others:
        bit = others & -others
        others ^= bit
        j = bit.bit_length() - 1
        total = row[j] + _least(weights, rest ^ bit, memo)
        if total < best:
            best, partner = total, j
    memo[free] = (best, partner)
    return best


def _pairs(free: int, memo: dict[int, tuple[float, int]]) -> Pairs:
    """The matching :func:`_least` chose for ``free``, pairs in order of their first position."""
    pairs = []
    while free:
        low = free & -free
        partner = memo[free][1]
        pairs.append((low.bit_length() - 1, partner))
        free ^= low | (1 << partner)
    return pairs


def _blossom(weights: Table) -> Pairs:
    """The lightest perfect matching by rustworkx's blossom algorithm, pairs sorted."""
    import rustworkx as rx

    found = rx.max_weight_matching(_graph(weights), max_cardinality=True, weight_fn=int)
    return _matched(found, len(weights))


def _graph(weights: Table) -> Any:
    """The table as a rustworkx graph whose heaviest matchings are its lightest: each edge
    weighs ``top - weight``, ``top`` above every weight; forbidden pairs have no edge."""
    import rustworkx as rx

    size = len(weights)
    edges = [(i, j, int(weights[i][j])) for i in range(size) for j in range(i + 1, size)
             if weights[i][j] < FORBID]
    top = max((w for _, _, w in edges), default=0) + 1
    graph = rx.PyGraph()
    graph.add_nodes_from(range(size))
    graph.add_edges_from([(i, j, top - w) for i, j, w in edges])
    return graph


def _matched(found: set[tuple[int, int]], size: int) -> Pairs:
    """rustworkx's matching as sorted pairs, checked to cover all ``size`` positions."""
    if 2 * len(found) != size:
        raise AssertionError("the graph has no perfect matching")  # a bug, not input
    return sorted((min(a, b), max(a, b)) for a, b in found)
