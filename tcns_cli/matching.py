"""Exact minimum-weight perfect matching on small dense graphs.

The assignment problem is a relaxation of perfect matching: a matching of weight w gives
an assignment of cost 2w (each pair assigned both ways). SciPy's ``linear_sum_assignment``
solves it in C. When the optimal assignment splits into even cycles only, each cycle's
cheaper alternating half is a matching of weight at most half the assignment cost, so it is
optimal. An odd cycle S cannot occur in a matching, and in every perfect matching some
vertex of S is matched outside S: branching on which one keeps the search exact. After
``BRANCH_LIMIT`` nodes the search hands over to networkx's blossom algorithm.

Small tables (at most ``ENUMERATE_UP_TO`` positions, which is most areas of a ward) skip
the search. Listing every perfect matching (the lowest free position takes each partner in
turn, lowest first) and keeping the first of least weight gives the same answer as a
dynamic programme over the sets of free positions that keeps, for each set, the first best
partner of its lowest position: :func:`_least` visits 232 sets where the list of 12
positions has 10,395 matchings. :func:`best_without_each` answers the "which unit leaves
this odd area" question for every unit from one shared table of sets.

Weights are whole numbers (millimetres) below 2**53, or :data:`FORBID`: every sum without a
forbidden edge is exact in any order, and every sum with one is at least FORBID. So the
answers never depend on the order of additions, or on which of the two solvers below ran.

Everything here takes lists of rows and is plain Python, so that an ordinary ward is planned
without importing numpy or SciPy (their imports cost more than planning the ward). The
search's assignments are solved by :func:`_assignment`, a port of SciPy's solver (the same
steps and floating-point operations, so the same assignment, ties included; a test holds
the two together), until the process has spent about as long in it as importing SciPy takes
(``PYTHON_SECONDS``) or meets a table too big for it; from then on SciPy's compiled solver
runs. Big runs import it up front (:func:`warm_up`). Which one ran never shows in a plan.

A k-nearest-neighbour graph is not used: it can miss the optimum (hypothesis found a ward
with many units at one point where the best pair joins two units that are each other's
11th-nearest), and the dense assignment solve is fast enough on complete graphs.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence

# Distances become whole millimetres so that every weight is an exact integer.
SCALE = 1000
BRANCH_LIMIT = 200
FORBID = float(2**60)
# Tables of up to ENUMERATE_UP_TO positions go to the dynamic programme, bigger ones to the
# search. Both are exact, but of equal matchings they may keep different ones, so these
# limits are part of which plan a ward gets. Callers with few, rarely larger tables (the
# matching over a ward's odd areas) may ask for the programme up to ENUMERATE_AT_MOST.
ENUMERATE_UP_TO = 10
ENUMERATE_AT_MOST = 12
WITHOUT_ONE_UP_TO = 11
# The Python assignment solver takes tables of up to PYTHON_ASSIGNMENT_UP_TO positions (40
# take about 2.5 ms); once a process has spent PYTHON_SECONDS in it, about what importing
# SciPy's solver takes (0.3 to 0.5 s), it imports that and uses it from then on.
PYTHON_ASSIGNMENT_UP_TO = 40
PYTHON_SECONDS = 0.3

Table = Sequence[Sequence[float]]
Pairs = list[tuple[int, int]]
_python_seconds = 0.0  # time spent in the Python assignment solver by this process
_native: Callable[[list[list[float]]], list[int]] | None = None


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
    matrix = [[float(w) for w in row] for row in weights]
    for i in range(size):
        matrix[i][i] = FORBID
    pairs = _branch_and_bound(matrix)
    if pairs is None:
        pairs = _blossom(matrix)
    return sorted((min(i, j), max(i, j)) for i, j in pairs)


def warm_up() -> None:
    """Import SciPy's assignment solver now (before forking workers, so that each worker
    need not do it again), and use it from now on."""
    _use_native()


def best_without_each(weights: Table) -> list[tuple[float, Pairs]]:
    """For each position of an odd-sized table: the lightest perfect matching of the others.

    Returns ``(weight, pairs)`` per position, pairs as in :func:`min_weight_perfect_matching`.
    """
    size = len(weights)
    if size > WITHOUT_ONE_UP_TO:
        out = []
        for left in range(size):
            rest = [i for i in range(size) if i != left]
            found = min_weight_perfect_matching([[weights[i][j] for j in rest] for i in rest])
            pairs = [(rest[i], rest[j]) for i, j in found]
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


def _branch_and_bound(matrix: list[list[float]]) -> Pairs | None:
    """The optimum by assignment relaxation, or None past the branch limit."""
    best: Pairs | None = None
    best_cost = FORBID
    stack = [matrix]
    for _ in range(BRANCH_LIMIT):
        if not stack:
            return best
        current = stack.pop()
        cols = _solve(current)
        cost = sum(current[i][j] for i, j in enumerate(cols))
        if cost >= FORBID or cost / 2 >= best_cost:
            continue
        cycles = _cycles(cols)
        odd = [c for c in cycles if len(c) % 2 == 1]
        if not odd:
            pairs = [p for c in cycles for p in _cheaper_half(c, current)]
            total = sum(current[i][j] for i, j in pairs)
            if total < best_cost:
                best, best_cost = pairs, total
            continue
        ring = min(odd, key=len)
        for vertex in reversed(ring):  # children: `vertex` is matched outside the ring
            child = [row[:] for row in current]
            for other in ring:
                child[vertex][other] = child[other][vertex] = FORBID
            stack.append(child)
    return best if not stack else None


def _solve(matrix: list[list[float]]) -> list[int]:
    """The column assigned to each row, by SciPy's solver or its port (the same answer)."""
    global _python_seconds
    if (_native is None and len(matrix) <= PYTHON_ASSIGNMENT_UP_TO
            and _python_seconds < PYTHON_SECONDS):
        start = time.perf_counter()
        cols = _assignment(matrix)
        _python_seconds += time.perf_counter() - start
        return cols
    return _use_native()(matrix)


def _use_native() -> Callable[[list[list[float]]], list[int]]:
    """SciPy's compiled assignment solver (imported on first use, with numpy)."""
    global _native
    if _native is None:
        import numpy as np
        from scipy.optimize import linear_sum_assignment

        def native(matrix: list[list[float]]) -> list[int]:
            return [int(j) for j in linear_sum_assignment(np.array(matrix, dtype=float))[1]]

        _native = native
    return _native


def _assignment(cost: list[list[float]]) -> list[int]:
    """A least-cost assignment of a square table: the column of each row.

    A line-by-line port of SciPy's ``linear_sum_assignment`` as SciPy 1.17 has it (the
    shortest augmenting path method of Crouse, 2016, ``scipy/optimize/rectangular_lsap``):
    the same floating-point operations in the same order, so that it picks the same
    assignment among equal ones. ``tests/test_plain_paths.py`` fails if the installed SciPy
    solves differently (one revision first shifts the table by its least entry).
    """
    size = len(cost)
    u = [0.0] * size
    v = [0.0] * size
    path = [-1] * size
    col4row = [-1] * size
    row4col = [-1] * size
    for current in range(size):
        sink, min_val, shortest, rows_seen, cols_seen = _augmenting_path(
            cost, u, v, path, row4col, current)
        u[current] += min_val
        for i in rows_seen:
            if i != current:
                u[i] += min_val - shortest[col4row[i]]
        for j in cols_seen:
            v[j] -= min_val - shortest[j]
        j = sink
        while True:
            i = path[j]
            row4col[j] = i
            col4row[i], j = j, col4row[i]
            if i == current:
                break
    return col4row


def _augmenting_path(
    cost: list[list[float]], u: list[float], v: list[float], path: list[int],
    row4col: list[int], i: int,
) -> tuple[int, float, list[float], list[int], list[int]]:
    """The shortest augmenting path from row ``i``: its sink column, its length, the path
    lengths to every column, and the rows and columns it scanned."""
    size = len(cost)
    min_val = 0.0
    # Columns in reverse order, as SciPy fills them (a constant table gives the identity).
    remaining = list(range(size - 1, -1, -1))
    shortest = [math.inf] * size
    rows_seen: list[int] = []
    cols_seen: list[int] = []
    sink = -1
    while sink == -1:
        index = -1
        lowest = math.inf
        rows_seen.append(i)
        row, ui = cost[i], u[i]
        for it, j in enumerate(remaining):
            r = min_val + row[j] - ui - v[j]
            if r < shortest[j]:
                path[j] = i
                shortest[j] = r
            # Of equal lengths, prefer a column that is still free (a new sink).
            if shortest[j] < lowest or (shortest[j] == lowest and row4col[j] == -1):
                lowest = shortest[j]
                index = it
        min_val = lowest
        if min_val == math.inf:
            raise AssertionError("the cost matrix is infeasible")  # a bug, not input
        j = remaining[index]
        if row4col[j] == -1:
            sink = j
        else:
            i = row4col[j]
        cols_seen.append(j)
        remaining[index] = remaining[-1]
        remaining.pop()
    return sink, min_val, shortest, rows_seen, cols_seen


def _cycles(successor: Sequence[int]) -> list[list[int]]:
    seen = [False] * len(successor)
    cycles = []
    for start in range(len(successor)):
        cycle = []
        node = start
        while not seen[node]:
            seen[node] = True
            cycle.append(node)
            node = successor[node]
        if cycle:
            cycles.append(cycle)
    return cycles


def _cheaper_half(cycle: list[int], matrix: list[list[float]]) -> Pairs:
    """Of the two perfect matchings along an even cycle, the lighter (ties: the first)."""
    first = [(cycle[k], cycle[k + 1]) for k in range(0, len(cycle), 2)]
    second = [(cycle[k + 1], cycle[(k + 2) % len(cycle)]) for k in range(0, len(cycle), 2)]
    if sum(matrix[i][j] for i, j in second) < sum(matrix[i][j] for i, j in first):
        return second
    return first


def _blossom(matrix: list[list[float]]) -> Pairs:
    """networkx's exact blossom algorithm on the same graph (the slow, sure path)."""
    import networkx as nx

    graph = nx.Graph()
    size = len(matrix)
    graph.add_nodes_from(range(size))
    graph.add_weighted_edges_from(
        (i, j, int(matrix[i][j])) for i in range(size) for j in range(i + 1, size)
        if matrix[i][j] < FORBID
    )
    found = nx.min_weight_matching(graph)
    if 2 * len(found) != size:
        raise AssertionError("the graph has no perfect matching")  # a bug, not input
    return [(min(a, b), max(a, b)) for a, b in found]
