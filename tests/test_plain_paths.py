"""The plain-Python paths against the numpy ones they stand in for.

A ward of ordinary size is grouped without importing numpy: its distances are computed in
Python, and its small matchings by a dynamic programme instead of numpy's list of every
matching. Each must give exactly what the other path gives (the same pairs, ties included),
so that which one ran never shows in a plan.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import networkx as nx
import numpy as np
from hypothesis import given, note

from tcns_cli import proximity
from tcns_cli.grouping import group_ward
from tcns_cli.matching import (
    ENUMERATE_AT_MOST,
    WITHOUT_ONE_UP_TO,
    best_without_each,
    min_weight_perfect_matching,
)
from tcns_cli.model import Unit
from tcns_cli.proximity import Distances
from tests.settings import examples
from tests.test_grouping_oracle import PAIR_NEAREST, in_natural_order, sketch, unit, wards
from tests.test_matching import even_tables, odd_tables

# ------------------------------------------------------------------ the numpy references


@cache
def listed(size: int) -> np.ndarray:
    """Every perfect matching of ``size`` positions, shape (count, size // 2, 2), in the
    order the planner's listing used: the lowest free position takes each partner in turn."""
    def extend(free: tuple[int, ...]) -> list[list[tuple[int, int]]]:
        if not free:
            return [[]]
        first, rest = free[0], free[1:]
        return [[(first, partner), *more] for n, partner in enumerate(rest)
                for more in extend(rest[:n] + rest[n + 1 :])]

    found = extend(tuple(range(size)))
    return np.array(found, dtype=np.intp).reshape(len(found), size // 2, 2)


def numpy_listing(weights: np.ndarray) -> list[tuple[int, int]]:
    """The first of the lightest listed matchings, weighed by numpy all at once."""
    matchings = listed(len(weights))
    totals = weights[matchings[..., 0], matchings[..., 1]].sum(axis=1)
    return [(int(i), int(j)) for i, j in matchings[int(np.argmin(totals))]]


def blossom(weights: np.ndarray) -> float:
    graph = nx.Graph()
    graph.add_nodes_from(range(len(weights)))
    graph.add_weighted_edges_from((i, j, weights[i, j]) for i in range(len(weights))
                                  for j in range(i + 1, len(weights)))
    return float(sum(weights[a, b] for a, b in nx.min_weight_matching(graph)))


@contextmanager
def distances_by(library: str) -> Iterator[None]:
    """Compute every ward's distances in plain Python or with numpy, then restore."""
    saved = proximity.PLAIN_UP_TO
    proximity.PLAIN_UP_TO = 10**9 if library == "python" else 0
    try:
        yield
    finally:
        proximity.PLAIN_UP_TO = saved


# ------------------------------------------------------------------ matching


@given(even_tables())
@examples(300)
def test_the_programme_keeps_the_matching_numpy_listing_kept(weights: np.ndarray) -> None:
    if len(weights) > ENUMERATE_AT_MOST:
        return
    found = min_weight_perfect_matching(weights.tolist(), ENUMERATE_AT_MOST)
    assert found == numpy_listing(weights)
    assert sum(weights[a, b] for a, b in found) == blossom(weights)


@given(odd_tables())
@examples(200)
def test_leaving_each_out_keeps_what_numpy_listing_kept(weights: np.ndarray) -> None:
    if len(weights) > WITHOUT_ONE_UP_TO:
        return
    for left, (weight, pairs) in enumerate(best_without_each(weights.tolist())):
        rest = [i for i in range(len(weights)) if i != left]
        want = [(rest[i], rest[j]) for i, j in numpy_listing(weights[np.ix_(rest, rest)])]
        assert pairs == want
        assert weight == sum(weights[a, b] for a, b in want)


# ------------------------------------------------------------------ distances and grouping


@given(wards())
@examples(150)
def test_plain_distances_are_numpys(units: list[Unit]) -> None:
    with distances_by("python"):
        plain = Distances(units)
    with distances_by("numpy"):
        vectorised = Distances(units)
    everyone = list(range(len(units)))
    # The same operations in the same order: equal floats wherever numpy's sin and asin are
    # the C library's (as on x86-64 without AVX-512); otherwise an ulp apart at most.
    for got, want in zip(plain.table(everyone, everyone), vectorised.table(everyone, everyone),
                         strict=True):
        assert got == want or all(math.isclose(a, b, rel_tol=1e-15, abs_tol=1e-9)
                                  for a, b in zip(got, want, strict=True))
    for i in everyone:
        assert plain.nearest(i) == vectorised.nearest(i)
        assert plain.by_distance(i) == vectorised.by_distance(i)


@given(wards())
@examples(150)
def test_a_ward_is_grouped_alike_on_either_path(units: list[Unit]) -> None:
    note(sketch(units))
    with distances_by("python"):
        plain = group_ward(units, PAIR_NEAREST, Distances(units))
    with distances_by("numpy"):
        native = group_ward(units, PAIR_NEAREST, Distances(units))
    assert plain == native


def test_a_big_ward_gets_numpys_distances_and_the_same_groups() -> None:
    units = in_natural_order([unit("1", str(t), (t * 37) % 500, (t * 91) % 700)
                              for t in range(1, 90)])
    with distances_by("python"):
        plain = group_ward(units, PAIR_NEAREST, Distances(units))
    with distances_by("numpy"):
        native = group_ward(units, PAIR_NEAREST, Distances(units))
    assert plain == native
