"""Distances per area (issue 18) against the whole-ward table they replaced.

The planner now computes only what the rules read: each area's own table, a few rows across
the odd areas, each joiner's nearest unit (a k-d tree for big wards). The whole-ward table
it used to hold (``tests/whole_ward_distances.py``, the old code unchanged) is the oracle:
on random wards, with and without coordinates, with neighbours (connected or not), both
leftover rules, and on the plain-Python and the numpy paths, the groups — teams, kinds,
distances, joins — must be exactly the same.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from tcns_cli.grouping import group_ward, in_turn
from tcns_cli.model import Unit
from tcns_cli.profiles import Grouping
from tcns_cli.proximity import Distances
from tests.settings import examples
from tests.test_grouping_oracle import (
    JOIN_NEAREST,
    PAIR_NEAREST,
    assert_same_cost,
    complete_graph_oracle,
    in_natural_order,
    planner_cost,
    point_strategy,
    sketch,
    unit,
    wards,
)
from tests.test_plain_paths import distances_by  # plain Python, or numpy and SciPy's k-d tree
from tests.whole_ward_distances import WholeWardDistances

CAPPED = Grouping(leftover="join-nearest-team", max_units_per_team=3)


@pytest.mark.parametrize("library", ["python", "numpy"])
@examples(120)
@given(units=wards(max_areas=9, max_per_area=9), grouping=st.sampled_from(
    [PAIR_NEAREST, JOIN_NEAREST, CAPPED]))
def test_per_area_distances_give_the_whole_tables_groups(
    library: str, units: list[Unit], grouping: Grouping
) -> None:
    note(sketch(units))
    want = group_ward(units, grouping, WholeWardDistances(units))  # type: ignore[arg-type]
    with distances_by(library):
        got = group_ward(units, grouping, Distances(units))
    assert got == want


@pytest.mark.parametrize("library", ["python", "numpy"])
@examples(100)
@given(units=wards())
def test_every_distance_the_rules_read_is_the_whole_tables(library: str,
                                                           units: list[Unit]) -> None:
    note(sketch(units))
    whole = WholeWardDistances(units)
    with distances_by(library):
        dist = Distances(units)
        everyone = list(range(len(units)))
        assert dist.basis is whole.basis and dist.disconnected == whole.disconnected
        assert dist.table(everyone, everyone) == whole.table(everyone, everyone)
        for i in everyone:
            assert dist.nearest(i) == whole.nearest(i)
            assert dist.by_distance(i) == whole.by_distance(i)
            assert [dist(i, j) for j in everyone] == [whole(i, j) for j in everyone]


@pytest.mark.parametrize("library", ["python", "numpy"])
@examples(100)
@given(units=wards(), data=st.data())
def test_lowest_sums_are_the_least_over_the_whole_table(
    library: str, units: list[Unit], data: st.DataObject
) -> None:
    """For each target: the least start plus whole millimetres of distance, by hand."""
    note(sketch(units))
    size = len(units)
    sources = data.draw(st.lists(st.integers(0, size - 1), min_size=1, max_size=6, unique=True))
    start = data.draw(st.lists(st.integers(0, 10**7).map(float), min_size=len(sources),
                               max_size=len(sources)))
    targets = data.draw(st.lists(st.integers(0, size - 1), min_size=1, max_size=size))
    whole = WholeWardDistances(units)
    want = [min(s + round(whole(k, t) * 1000) for k, s in zip(sources, start, strict=True))
            for t in targets]
    with distances_by(library):
        assert Distances(units).lowest_sums(sources, start, targets) == want


@st.composite
def many_odd_areas(draw: st.DrawFn) -> list[Unit]:
    """Wards of 13 to 24 khu phố of one, three or five small units (every area odd, so the
    odd areas' matching takes its lower-bound path), with coordinates or on numbering."""
    count = draw(st.integers(13, 24))
    layout = draw(st.sampled_from(["box", "clusters", "numbering"]))
    places = point_strategy(draw, layout) if layout != "numbering" else None
    units = []
    for a in range(count):
        for t in range(draw(st.sampled_from([1, 3, 5]))):
            x, y = draw(places) if places is not None else (None, 0.0)
            units.append(unit(str(a + 1), str(t + 1), x, y, draw(st.integers(1, 449))))
    return in_natural_order(units)


@examples(40)
@given(many_odd_areas())
def test_many_odd_areas_are_matched_at_the_optimum(units: list[Unit]) -> None:
    """The matching of many odd areas reads the cost of two areas only where a lower bound
    says it could matter; the answer must still be the complete graph's optimum."""
    note(sketch(units))
    assert_same_cost(planner_cost(units), complete_graph_oracle(units), units, PAIR_NEAREST)


@pytest.mark.parametrize("library", ["python", "numpy"])
@examples(100)
@given(units=wards(), data=st.data())
def test_least_pair_is_the_first_least_of_the_whole_table(
    library: str, units: list[Unit], data: st.DataObject
) -> None:
    note(sketch(units))
    size = len(units)
    rows = data.draw(st.lists(st.integers(0, size - 1), min_size=1, max_size=6, unique=True))
    cols = data.draw(st.lists(st.integers(0, size - 1), min_size=1, max_size=6, unique=True))
    starts = st.sampled_from([0.0, 1000.0, 2000.0])  # many equal sums: ties in (r, c) order
    row_start = data.draw(st.lists(starts, min_size=len(rows), max_size=len(rows)))
    col_start = data.draw(st.lists(starts, min_size=len(cols), max_size=len(cols)))
    whole = WholeWardDistances(units)
    sums = {(r, c): row_start[r] + col_start[c] + round(whole(i, j) * 1000)
            for r, i in enumerate(rows) for c, j in enumerate(cols)}
    least = min(sums.values())
    first = min(key for key, value in sums.items() if value == least)
    with distances_by(library):
        assert Distances(units).least_pair(rows, cols, row_start, col_start) == (least, *first)


def test_a_big_ward_solves_its_areas_on_every_core_with_the_same_groups() -> None:
    """The areas' matchings of a big ward go to forked workers; the groups are the same as
    solved in turn (a ward of 60 khu phố of 3 to 9 small TDPs, points in a 2 km box)."""
    import random

    from tcns_cli.plan import _each_in_parallel

    rng = random.Random(18)
    units = in_natural_order([
        unit(str(a), str(t), rng.uniform(0, 2000), rng.uniform(0, 2000), rng.randint(1, 449))
        for a in range(1, 61) for t in range(1, rng.randint(4, 10))])
    each = _each_in_parallel(20_000)
    if (os.cpu_count() or 1) > 1 and hasattr(os, "fork"):
        assert each is not in_turn  # the parallel path is the one under test
    assert (group_ward(units, PAIR_NEAREST, Distances(units), each)
            == group_ward(units, PAIR_NEAREST, Distances(units)))


def test_a_big_ward_is_self_checked_aside_with_the_same_findings(tmp_path: Path) -> None:
    """A big ward planned alone is self-checked in a forked process while it is written:
    the plan's findings are the ones planning it in turn gives, in the same order."""
    from bench.generate import big_ward
    from tcns_cli.checks import SELF_CHECK
    from tcns_cli.plan import make_plan, plan_ward
    from tcns_cli.profiles import load_profile
    from tcns_cli.readers.dataset import read_dataset

    dataset = read_dataset([big_ward(2000, tmp_path, neighbours=False)])
    profile = load_profile(None)
    written: list[str] = []
    plan = make_plan(dataset, profile, progress=lambda ward: written.append(ward.ward))
    ward = dataset.wards()[0]
    _, found = plan_ward(ward, list(dataset.units), list(dataset.people), profile, True,
                         dataset.ward_type(ward))
    assert written == [ward]
    assert any(f.code in SELF_CHECK for f in found)  # the check found something to compare
    assert list(plan.findings) == [*dataset.findings, *found]
