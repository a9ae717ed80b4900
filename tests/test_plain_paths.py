"""The plain-Python paths against the numpy / SciPy / networkx ones they stand in for.

A ward of ordinary size is planned without importing numpy or SciPy (their imports cost more
than planning it): its distances are computed in Python, its small matchings by a dynamic
programme instead of numpy's list of every matching, and the search's assignments by a port
of SciPy's solver until the process has spent as long in it as importing SciPy takes. Each
must give exactly what the other path gives (the same pairs, ties included), so that which
one ran never shows in a plan. The last test checks that a one-ward run imports none of the
heavy libraries.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import networkx as nx
import numpy as np
from hypothesis import given, note
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from tcns_cli import matching, proximity
from tcns_cli.grouping import group_ward
from tcns_cli.matching import (
    ENUMERATE_AT_MOST,
    FORBID,
    WITHOUT_ONE_UP_TO,
    best_without_each,
    min_weight_perfect_matching,
)
from tcns_cli.model import Unit
from tcns_cli.proximity import Distances
from tests.settings import examples
from tests.test_grouping_oracle import PAIR_NEAREST, in_natural_order, sketch, unit, wards
from tests.test_matching import even_tables, odd_tables, table

ROOT = Path(__file__).resolve().parent.parent

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
def assignments_by(solver: str) -> Iterator[None]:
    """Force the search's assignments to the Python port or to SciPy, then restore."""
    saved = matching._native, matching.PYTHON_SECONDS
    try:
        if solver == "python":
            matching._native, matching.PYTHON_SECONDS = None, math.inf
        else:
            matching._native = None
            matching.warm_up()
        yield
    finally:
        matching._native, matching.PYTHON_SECONDS = saved


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
@examples(150)
def test_the_programme_keeps_the_matching_numpy_listing_kept(weights: np.ndarray) -> None:
    if len(weights) > ENUMERATE_AT_MOST:
        return
    found = min_weight_perfect_matching(weights.tolist(), ENUMERATE_AT_MOST)
    assert found == numpy_listing(weights)
    assert sum(weights[a, b] for a, b in found) == blossom(weights)


@given(odd_tables())
@examples(100)
def test_leaving_each_out_keeps_what_numpy_listing_kept(weights: np.ndarray) -> None:
    if len(weights) > WITHOUT_ONE_UP_TO:
        return
    for left, (weight, pairs) in enumerate(best_without_each(weights.tolist())):
        rest = [i for i in range(len(weights)) if i != left]
        want = [(rest[i], rest[j]) for i, j in numpy_listing(weights[np.ix_(rest, rest)])]
        assert pairs == want
        assert weight == sum(weights[a, b] for a, b in want)


@st.composite
def cost_tables(draw: st.DrawFn) -> list[list[float]]:
    """Square tables as the search sees them: many ties, forbidden cells, a forbidden
    diagonal, symmetric (the matching's) or not."""
    size = draw(st.integers(1, 14))
    top = draw(st.sampled_from([1, 3, 30, 10**7]))
    flat = draw(st.lists(st.integers(0, top), min_size=size * size, max_size=size * size))
    forbidden = draw(st.sets(st.integers(0, size * size - 1), max_size=2 * size))
    rows = [[FORBID if i * size + j in forbidden else float(flat[i * size + j])
             for j in range(size)] for i in range(size)]
    if draw(st.booleans()):
        rows = [[rows[min(i, j)][max(i, j)] for j in range(size)] for i in range(size)]
        for i in range(size):
            rows[i][i] = FORBID
    return rows


@given(cost_tables())
@examples(200)
def test_the_assignment_port_assigns_as_scipy_does(cost: list[list[float]]) -> None:
    want = [int(j) for j in linear_sum_assignment(np.array(cost))[1]]
    assert matching._assignment(cost) == want


@st.composite
def search_tables(draw: st.DrawFn) -> np.ndarray:
    """Even tables of 8 to 18 positions, with many ties."""
    return table(draw, 2 * draw(st.integers(4, 9)))


@given(search_tables())
@examples(80)
def test_the_search_finds_the_same_pairs_with_either_solver(weights: np.ndarray) -> None:
    rows = weights.tolist()
    with assignments_by("python"):
        by_python = min_weight_perfect_matching(rows, 0)
    with assignments_by("scipy"):
        by_scipy = min_weight_perfect_matching(rows, 0)
    assert by_python == by_scipy
    assert sum(weights[a, b] for a, b in by_python) == blossom(weights)


# ------------------------------------------------------------------ distances and grouping


@given(wards())
@examples(100)
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
@examples(60)
def test_a_ward_is_grouped_alike_on_either_path(units: list[Unit]) -> None:
    note(sketch(units))
    with distances_by("python"), assignments_by("python"):
        plain = group_ward(units, PAIR_NEAREST, Distances(units))
    with distances_by("numpy"), assignments_by("scipy"):
        native = group_ward(units, PAIR_NEAREST, Distances(units))
    assert plain == native


def test_a_big_area_goes_to_scipy_and_stays_exact() -> None:
    units = in_natural_order([unit("1", str(t), (t * 37) % 500, (t * 91) % 700)
                              for t in range(1, 2 * matching.PYTHON_ASSIGNMENT_UP_TO + 4)])
    with distances_by("python"), assignments_by("python"):
        plain = group_ward(units, PAIR_NEAREST, Distances(units))
    with distances_by("numpy"), assignments_by("scipy"):
        native = group_ward(units, PAIR_NEAREST, Distances(units))
    assert plain == native


# ------------------------------------------------------------------ a one-ward run


def test_a_one_ward_run_imports_no_numpy_scipy_networkx_or_pydantic(tmp_path: Path) -> None:
    script = (
        "import json, sys\n"
        "from tcns_cli.cli import main\n"
        "sys.argv = ['tcns', 'plan', sys.argv[1], '-o', sys.argv[2]]\n"
        "try:\n    main()\nexcept SystemExit as done:\n    assert not done.code, done.code\n"
        "heavy = ('numpy', 'scipy', 'networkx', 'pydantic')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    source = ROOT / "sample_data" / "linh-trung.xlsx"
    run = subprocess.run([sys.executable, "-c", script, str(source), str(tmp_path / "o.xlsx")],
                         capture_output=True, text=True, check=True)
    assert json.loads(run.stdout.splitlines()[-1]) == []
