"""Exact minimum-weight perfect matching on small dense graphs.

The assignment problem is a relaxation of perfect matching: a matching of weight w gives
an assignment of cost 2w (each pair assigned both ways). SciPy's ``linear_sum_assignment``
solves it in C. When the optimal assignment splits into even cycles only, each cycle's
cheaper alternating half is a matching of weight at most half the assignment cost, so it is
optimal. An odd cycle S cannot occur in a matching, and in every perfect matching some
vertex of S is matched outside S: branching on which one keeps the search exact. After
``BRANCH_LIMIT`` nodes the search hands over to networkx's blossom algorithm.

Small tables (at most ``ENUMERATE_UP_TO`` positions, which is most areas of a ward) skip
the search: every perfect matching is listed once per size, and numpy weighs them all at
once; :func:`best_without_each` does the same for the "which unit leaves this odd area"
question, weighing every matching that leaves one unit out in one step. A ward of
ordinary size then never needs SciPy, which keeps a one-ward run's start-up short.

A k-nearest-neighbour graph is not used: it can miss the optimum (hypothesis found a ward
with many units at one point where the best pair joins two units that are each other's
11th-nearest), and the dense assignment solve is fast enough on complete graphs.
"""

from __future__ import annotations

from functools import cache
from typing import Any

# Distances become whole millimetres so that every weight is an exact integer.
SCALE = 1000
BRANCH_LIMIT = 200
FORBID = float(2**60)
# 945 perfect matchings of 10 positions; 10,395 leaving one of 11 out. Listing 12 positions
# (10,395 matchings, about 0.4 ms) is slower than the search on most areas; callers with
# few, rarely larger tables (the matching over a ward's odd areas) may ask for it.
ENUMERATE_UP_TO = 10
ENUMERATE_AT_MOST = 12
WITHOUT_ONE_UP_TO = 11


def scaled_table(distances: Any) -> Any:
    """A table of distances as integer-valued weights (floats, exact below 2**53)."""
    import numpy as np

    return np.rint(np.asarray(distances, dtype=float) * SCALE)


def min_weight_perfect_matching(
    weights: Any, list_up_to: int = ENUMERATE_UP_TO
) -> list[tuple[int, int]]:
    """A perfect matching of least total weight over a symmetric table of weights.

    ``weights[i, j]`` is the weight of pairing positions i and j, :data:`FORBID` for no
    edge; the diagonal is ignored. Pairs come back as ``(i, j)`` with i < j, sorted. The
    graph must have a perfect matching (a bug otherwise, not an input problem).
    """
    import numpy as np

    size = len(weights)
    if size == 0:
        return []
    if size == 2 and weights[0][1] < FORBID:  # one way only: no search needed
        return [(0, 1)]
    matrix = np.array(weights, dtype=float)
    if size <= min(list_up_to, ENUMERATE_AT_MOST) and size % 2 == 0:
        listed = _perfect_matchings(size)
        totals = matrix[listed[..., 0], listed[..., 1]].sum(axis=1)
        best = int(np.argmin(totals))  # the first of equal weights: the same every run
        if totals[best] < FORBID:
            return [(int(i), int(j)) for i, j in listed[best]]
    np.fill_diagonal(matrix, FORBID)
    pairs = _branch_and_bound(matrix)
    if pairs is None:
        pairs = _blossom(matrix)
    return sorted((min(i, j), max(i, j)) for i, j in pairs)


def warm_up() -> None:
    """Import the solver and list the small matchings now (before forking workers, so that
    each worker need not do it again)."""
    import scipy.optimize  # noqa: F401

    for size in range(2, ENUMERATE_AT_MOST + 1, 2):
        _perfect_matchings(size)
    for size in range(1, WITHOUT_ONE_UP_TO + 1, 2):
        _without_one(size)


def best_without_each(weights: Any) -> list[tuple[float, list[tuple[int, int]]]]:
    """For each position of an odd-sized table: the lightest perfect matching of the others.

    Returns ``(weight, pairs)`` per position, pairs as in :func:`min_weight_perfect_matching`.
    """
    import numpy as np

    matrix = np.array(weights, dtype=float)
    size = len(matrix)
    if size > WITHOUT_ONE_UP_TO:
        out = []
        for left in range(size):
            rest = [i for i in range(size) if i != left]
            found = min_weight_perfect_matching(matrix[np.ix_(rest, rest)])
            pairs = [(rest[i], rest[j]) for i, j in found]
            out.append((float(sum(matrix[a, b] for a, b in pairs)), pairs))
        return out
    listed = _without_one(size)  # (size, count, pairs, 2)
    totals = matrix[listed[..., 0], listed[..., 1]].sum(axis=2)
    best = np.argmin(totals, axis=1)
    return [(float(totals[left, k]), [(int(i), int(j)) for i, j in listed[left, k]])
            for left, k in enumerate(best)]


@cache
def _perfect_matchings(size: int) -> Any:
    """Every perfect matching of ``size`` positions, shape (count, size // 2, 2), each pair
    (i, j) with i < j and pairs in order of their first position."""
    import numpy as np

    def extend(free: tuple[int, ...]) -> list[list[tuple[int, int]]]:
        if not free:
            return [[]]
        first, rest = free[0], free[1:]
        return [[(first, partner), *more] for n, partner in enumerate(rest)
                for more in extend(rest[:n] + rest[n + 1 :])]

    listed = extend(tuple(range(size)))
    return np.array(listed, dtype=np.intp).reshape(len(listed), size // 2, 2)


@cache
def _without_one(size: int) -> Any:
    """For each position of an odd ``size``: every perfect matching of the other positions,
    shape (size, count, size // 2, 2)."""
    import numpy as np

    rest = np.array([[i for i in range(size) if i != left] for left in range(size)],
                    dtype=np.intp).reshape(size, size - 1)
    return rest[:, _perfect_matchings(size - 1)]


def _branch_and_bound(matrix: Any) -> list[tuple[int, int]] | None:
    """The optimum by assignment relaxation, or None past the branch limit."""
    from scipy.optimize import linear_sum_assignment

    best: list[tuple[int, int]] | None = None
    best_cost = FORBID
    stack = [matrix]
    for _ in range(BRANCH_LIMIT):
        if not stack:
            return best
        current = stack.pop()
        rows, cols = linear_sum_assignment(current)
        cost = float(current[rows, cols].sum())
        if cost >= FORBID or cost / 2 >= best_cost:
            continue
        cycles = _cycles(cols)
        odd = [c for c in cycles if len(c) % 2 == 1]
        if not odd:
            pairs = [p for c in cycles for p in _cheaper_half(c, current)]
            total = float(sum(current[i, j] for i, j in pairs))
            if total < best_cost:
                best, best_cost = pairs, total
            continue
        ring = min(odd, key=len)
        for vertex in reversed(ring):  # children: `vertex` is matched outside the ring
            child = current.copy()
            child[vertex, ring] = FORBID
            child[ring, vertex] = FORBID
            stack.append(child)
    return best if not stack else None


def _cycles(successor: Any) -> list[list[int]]:
    seen = [False] * len(successor)
    cycles = []
    for start in range(len(successor)):
        cycle = []
        node = start
        while not seen[node]:
            seen[node] = True
            cycle.append(node)
            node = int(successor[node])
        if cycle:
            cycles.append(cycle)
    return cycles


def _cheaper_half(cycle: list[int], matrix: Any) -> list[tuple[int, int]]:
    """Of the two perfect matchings along an even cycle, the lighter (ties: the first)."""
    first = [(cycle[k], cycle[k + 1]) for k in range(0, len(cycle), 2)]
    second = [(cycle[k + 1], cycle[(k + 2) % len(cycle)]) for k in range(0, len(cycle), 2)]
    if sum(matrix[i, j] for i, j in second) < sum(matrix[i, j] for i, j in first):
        return second
    return first


def _blossom(matrix: Any) -> list[tuple[int, int]]:
    """networkx's exact blossom algorithm on the same graph (the slow, sure path)."""
    import networkx as nx

    graph = nx.Graph()
    size = len(matrix)
    graph.add_nodes_from(range(size))
    graph.add_weighted_edges_from(
        (i, j, int(matrix[i, j])) for i in range(size) for j in range(i + 1, size)
        if matrix[i, j] < FORBID
    )
    found = nx.min_weight_matching(graph)
    if 2 * len(found) != size:
        raise AssertionError("the graph has no perfect matching")  # a bug, not input
    return [(min(a, b), max(a, b)) for a, b in found]
