"""Distances per area (issue 18) against the whole-ward table they replaced.

The planner now computes only what the rules read: each area's own table, a few rows across
the odd areas, each joiner's nearest unit (a k-d tree for big wards). The whole-ward table
it used to hold (``tests/whole_ward_distances.py``, the old code unchanged) is the oracle:
on random wards, with and without coordinates, with neighbours (connected or not), both
leftover rules, and on the plain-Python and the numpy paths, the groups — teams, kinds,
distances, joins — must be exactly the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from tcns_cli import proximity
from tcns_cli.grouping import group_ward
from tcns_cli.model import Unit
from tcns_cli.profiles import Grouping
from tcns_cli.proximity import Distances
from tests.settings import examples
from tests.test_grouping_oracle import JOIN_NEAREST, PAIR_NEAREST, sketch, wards
from tests.whole_ward_distances import WholeWardDistances

CAPPED = Grouping(leftover="join-nearest-team", max_units_per_team=3)


@contextmanager
def per_area_by(library: str) -> Iterator[None]:
    """The per-area distances in plain Python, or with numpy and SciPy's k-d tree."""
    saved = proximity.PLAIN_UP_TO
    proximity.PLAIN_UP_TO = 10**9 if library == "python" else 0
    try:
        yield
    finally:
        proximity.PLAIN_UP_TO = saved


@pytest.mark.parametrize("library", ["python", "numpy"])
@examples(120)
@given(units=wards(max_areas=9, max_per_area=9), grouping=st.sampled_from(
    [PAIR_NEAREST, JOIN_NEAREST, CAPPED]))
def test_per_area_distances_give_the_whole_tables_groups(
    library: str, units: list[Unit], grouping: Grouping
) -> None:
    note(sketch(units))
    want = group_ward(units, grouping, WholeWardDistances(units))  # type: ignore[arg-type]
    with per_area_by(library):
        got = group_ward(units, grouping, Distances(units))
    assert got == want


@pytest.mark.parametrize("library", ["python", "numpy"])
@examples(100)
@given(units=wards())
def test_every_distance_the_rules_read_is_the_whole_tables(library: str,
                                                           units: list[Unit]) -> None:
    note(sketch(units))
    whole = WholeWardDistances(units)
    with per_area_by(library):
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
    with per_area_by(library):
        assert Distances(units).lowest_sums(sources, start, targets) == want
