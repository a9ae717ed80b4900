"""The matching kernel against networkx's blossom algorithm, on both of its paths.

Tables of up to ``ENUMERATE_UP_TO`` positions are solved by a dynamic programme over the
sets of free positions; larger ones by rustworkx's blossom algorithm. Both must
find a matching of least weight (ties may pick a different one), and the leave-one-out
answers must agree with solving each smaller table on its own.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tcns_cli.matching import (
    ENUMERATE_AT_MOST,
    WITHOUT_ONE_UP_TO,
    best_without_each,
    min_weight_perfect_matching,
)
from tests.settings import examples

# Sizes up to 16 reach past the listing limits, so the blossom path is tested as well.
assert 16 > ENUMERATE_AT_MOST and 15 > WITHOUT_ONE_UP_TO


def table(draw: st.DrawFn, size: int) -> np.ndarray:
    """A symmetric table of small integer weights (many ties), zero diagonal."""
    values = draw(st.lists(st.integers(0, 30), min_size=size * size, max_size=size * size))
    raw = np.array(values, dtype=float).reshape(size, size)
    weights = np.triu(raw, 1)
    return weights + weights.T


@st.composite
def even_tables(draw: st.DrawFn) -> np.ndarray:
    return table(draw, 2 * draw(st.integers(1, 8)))


@st.composite
def odd_tables(draw: st.DrawFn) -> np.ndarray:
    return table(draw, 2 * draw(st.integers(0, 7)) + 1)


def blossom_weight(weights: np.ndarray, nodes: list[int]) -> float:
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from(
        (a, b, weights[a, b]) for n, a in enumerate(nodes) for b in nodes[n + 1 :]
    )
    found = nx.min_weight_matching(graph)
    assert 2 * len(found) == len(nodes)
    return float(sum(weights[a, b] for a, b in found))


def is_perfect(pairs: list[tuple[int, int]], nodes: list[int]) -> bool:
    covered = [i for pair in pairs for i in pair]
    return sorted(covered) == sorted(nodes) and all(a < b for a, b in pairs)


@given(even_tables())
@examples(300)
def test_least_weight_on_both_paths(weights: np.ndarray) -> None:
    nodes = list(range(len(weights)))
    best = blossom_weight(weights, nodes)
    for list_up_to in (0, ENUMERATE_AT_MOST):  # the blossom, and listing where it may
        pairs = min_weight_perfect_matching(weights, list_up_to)
        assert is_perfect(pairs, nodes)
        assert sum(weights[a, b] for a, b in pairs) == best


@given(odd_tables())
@examples(200)
def test_leaving_each_one_out(weights: np.ndarray) -> None:
    found = best_without_each(weights)
    assert len(found) == len(weights)
    for left, (weight, pairs) in enumerate(found):
        rest = [i for i in range(len(weights)) if i != left]
        assert is_perfect(pairs, rest)
        assert weight == sum(weights[a, b] for a, b in pairs)
        assert weight == (blossom_weight(weights, rest) if rest else 0.0)


def test_the_same_table_gives_the_same_pairs() -> None:
    rng = np.random.default_rng(4787)
    for size in (4, 10, 12, 14, 16):
        weights = rng.integers(0, 5, (size, size)).astype(float)
        weights = np.triu(weights, 1) + np.triu(weights, 1).T
        assert min_weight_perfect_matching(weights) == min_weight_perfect_matching(weights.copy())


@st.composite
def big_tables(draw: st.DrawFn) -> np.ndarray:
    """Tables of 20 to 60 positions as a one-level xã gives: points scattered in a few
    kilometres (whole millimetres, as the planner weighs them), or ranks on a line."""
    size = 2 * draw(st.integers(10, 30))
    if draw(st.booleans()):
        xs = np.array(draw(st.lists(st.integers(0, 5_000_000), min_size=size, max_size=size)))
        ys = np.array(draw(st.lists(st.integers(0, 5_000_000), min_size=size, max_size=size)))
        return np.rint(np.hypot(xs[:, None] - xs[None, :], ys[:, None] - ys[None, :]))
    ranks = np.array(sorted(draw(st.sets(st.integers(0, 2 * size), min_size=size,
                                         max_size=size))), dtype=float)
    return np.abs(ranks[:, None] - ranks[None, :])


@given(big_tables())
@examples(40)
def test_least_weight_on_big_areas(weights: np.ndarray) -> None:
    nodes = list(range(len(weights)))
    pairs = min_weight_perfect_matching(weights.tolist())
    assert is_perfect(pairs, nodes)
    assert sum(weights[a, b] for a, b in pairs) == blossom_weight(weights, nodes)
