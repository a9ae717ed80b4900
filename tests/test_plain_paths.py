"""The plain-Python paths against the numpy ones they stand in for.

A ward of ordinary size is planned without importing numpy (its import costs more than
planning it): its distances are computed in Python, and its small matchings by a dynamic
programme instead of numpy's list of every matching. Each must give exactly what the other
path gives (the same pairs, ties included), so that which one ran never shows in a plan. The
last test checks that a one-ward run imports none of the heavy libraries.
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
    with distances_by("python"):
        plain = group_ward(units, PAIR_NEAREST, Distances(units))
    with distances_by("numpy"):
        native = group_ward(units, PAIR_NEAREST, Distances(units))
    assert plain == native


def test_a_big_area_is_grouped_alike_on_either_path() -> None:
    units = in_natural_order([unit("1", str(t), (t * 37) % 500, (t * 91) % 700)
                              for t in range(1, 84)])
    with distances_by("python"):
        plain = group_ward(units, PAIR_NEAREST, Distances(units))
    with distances_by("numpy"):
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
