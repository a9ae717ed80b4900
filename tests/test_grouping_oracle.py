"""The planner's grouping against naive oracles (SPEC §4.2).

Two oracles, written without looking at ``tcns_cli.grouping`` or ``tcns_cli.matching``:

* ``complete_graph_oracle``: one networkx ``min_weight_matching`` over *all* small units of
  the ward (the complete graph), each unit leaving its area costing a penalty ``P`` larger
  than any total distance, plus a "left over" node when the small count is odd;
* ``brute_force``: every pairing and every choice of leftover, for wards with few small units.

The oracles are first checked against each other, then the planner is checked against them
on random wards (coordinates, clusters, ties, numbering, adjacency) and on hand-drawn wards.
Neither oracle takes its distances from the product: ``tests.proximity_oracle`` measures them
again (haversine, breadth-first hops, rank difference), and the planner's groups are costed
with the same measure, so a wrong distance table in the product cannot hide behind itself.

A result is ``Cost(crossing, distance)``: *crossing* counts the units of cross-area pairs plus
every joiner; *distance* sums the pair distances and each joiner's distance to its nearest unit.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import networkx as nx
import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from tcns_cli.grouping import Group, group_ward  # the planner under test, never the oracle
from tcns_cli.model import TeamKind, Unit
from tcns_cli.normalize import natural_key
from tcns_cli.plan import plan_ward
from tcns_cli.profiles import Grouping, load_profile
from tcns_cli.proximity import Distances  # only as the planner's input, never as a measure
from tests.proximity_oracle import OracleDistances
from tests.settings import examples

WARD = "Phường Thử"
PAIR_NEAREST = Grouping()
# Without a cap on units per team every leftover joins its nearest unit, as the brute force
# below models it; with the cap a later joiner may go one unit further (tested in
# test_grouping_properties.py).
JOIN_NEAREST = Grouping(leftover="join-nearest-team", max_units_per_team=0)
METRES_PER_DEGREE = 111_195.0
ORIGIN = (10.80, 106.70)
LEFT_OVER = "left over"  # the oracle's stand-in partner of the odd unit out
BRUTE_FORCE_LIMIT = 10


Measure = Callable[[int, int], float]  # distance between two units by their index


@dataclass(frozen=True, order=True)
class Cost:
    """What the rule minimises, in order: units leaving their area, then total distance."""

    crossing: int
    distance: float


# --------------------------------------------------------------------------- ward building


def latlon(x_m: float, y_m: float) -> tuple[float, float]:
    """A point ``x_m`` metres east and ``y_m`` metres north of ORIGIN."""
    lat = ORIGIN[0] + y_m / METRES_PER_DEGREE
    lon = ORIGIN[1] + x_m / (METRES_PER_DEGREE * math.cos(math.radians(ORIGIN[0])))
    return lat, lon


def metres(u: Unit) -> tuple[float, float]:
    """The inverse of ``latlon``: a unit's (x, y) in metres from ORIGIN."""
    assert u.lat is not None and u.lon is not None
    y = (u.lat - ORIGIN[0]) * METRES_PER_DEGREE
    x = (u.lon - ORIGIN[1]) * METRES_PER_DEGREE * math.cos(math.radians(ORIGIN[0]))
    return round(x, 1), round(y, 1)


def unit(kp: str, tdp: str, x: float | None = None, y: float = 0.0, hh: int = 100) -> Unit:
    """A unit of WARD; ``x``/``y`` in metres, or no coordinates when ``x`` is None."""
    lat, lon = latlon(x, y) if x is not None else (None, None)
    return Unit(WARD, kp, tdp, hh, lat, lon)


def in_natural_order(units: Sequence[Unit]) -> list[Unit]:
    """The order every planner input must be in."""
    return sorted(units, key=lambda u: (natural_key(u.area), natural_key(u.label)))


def node_id(u: Unit) -> str:
    """How a neighbour is named in ``Unit.neighbours`` (as the dataset reader resolves it)."""
    return u.node_id


def sketch(units: Sequence[Unit], threshold: int = 450) -> str:
    """A compact one-line-per-unit picture of a ward, for hypothesis notes."""
    lines = []
    for i, u in enumerate(units):
        where = "" if u.lat is None or u.lon is None else " @({:.1f}, {:.1f}) m".format(*metres(u))
        big = " LARGE" if u.households >= threshold else ""
        near = f" nb={[n.replace(chr(31), '/') for n in u.neighbours]}" if u.neighbours else ""
        lines.append(f"  [{i}] KP{u.area}/TDP{u.label} hh={u.households}{big}{where}{near}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- random wards

Point = tuple[float, float]
LAYOUTS = ("box", "clusters", "grid", "numbering", "adjacency")
BOX = st.tuples(st.integers(0, 2000), st.integers(0, 2000))


def point_strategy(draw: st.DrawFn, layout: str) -> st.SearchStrategy[Point]:
    """Points spread in a 2 km box, bunched around a few centres, or on a coarse grid."""
    if layout == "box":
        return BOX
    if layout == "clusters":
        centres = draw(st.lists(BOX, min_size=1, max_size=4))
        jitter = st.integers(-30, 30)
        return st.tuples(st.sampled_from(centres), jitter, jitter).map(
            lambda c: (c[0][0] + c[1], c[0][1] + c[2])
        )
    # Few distinct places: duplicate points and equal distances everywhere.
    step = st.sampled_from([0, 150, 300])
    return st.tuples(step, step)


@st.composite
def wards(
    draw: st.DrawFn,
    layouts: Sequence[str] = LAYOUTS,
    max_areas: int = 6,
    max_per_area: int = 7,
    max_small: int | None = None,
    crowded: int = 5,
) -> list[Unit]:
    """A ward in natural order: 1–6 areas of small units, a few large units, one layout.

    Areas hold 0–``max_per_area`` small units, except that one ward in ``crowded`` (0: never)
    has one area of 8–40 (a third of those 30–40).
    ``max_small`` caps the ward's small units (for the brute force).
    """
    n_areas = draw(st.integers(1, max_areas))
    sizes = draw(st.lists(st.integers(0, max_per_area), min_size=n_areas, max_size=n_areas))
    if crowded and draw(st.integers(1, crowded)) == 1:
        sizes[draw(st.integers(0, n_areas - 1))] = draw(st.integers(8, 40))
    if max_small is not None:
        room = max_small
        for k, size in enumerate(sizes):
            sizes[k] = min(size, room)
            room -= sizes[k]
    large = draw(st.lists(st.integers(0, n_areas - 1), max_size=3))
    if sum(sizes) + len(large) < 2:  # one-unit wards have their own test
        sizes[0] = 2
    layout = draw(st.sampled_from(list(layouts)))
    points = point_strategy(draw, layout) if layout in ("box", "clusters", "grid") else None
    units = []
    for a, size in enumerate(sizes):
        households = draw(st.lists(st.integers(1, 449), min_size=size, max_size=size))
        households += [draw(st.integers(450, 900)) for k in large if k == a]
        if not households:
            continue
        households = draw(st.permutations(households))
        for t, hh in enumerate(households):
            x, y = draw(points) if points is not None else (None, 0.0)
            units.append(unit(str(a + 1), str(t + 1), x, y, hh))
    units = in_natural_order(units)
    if layout == "adjacency":
        units = with_random_neighbours(draw, units)
    return units


def with_random_neighbours(draw: st.DrawFn, units: list[Unit]) -> list[Unit]:
    """Each unit names up to three neighbours (the graph may be disconnected)."""
    ids = [node_id(u) for u in units]
    out = []
    for u in units:
        picks = draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
        out.append(dataclasses.replace(u, neighbours=tuple(p for p in picks if p != node_id(u))))
    return out


# --------------------------------------------------------------------------- shared facts


def area(u: Unit) -> str | None:
    """The pairing area under ``area = "khu_pho"`` (every generated unit has a TDP)."""
    return u.area


def small_units(units: Sequence[Unit], grouping: Grouping) -> list[int]:
    """Indices of the units that are paired rather than left alone."""
    limit = grouping.large_threshold
    return [i for i, u in enumerate(units) if u.households < limit]


def nearest_distances(units: Sequence[Unit], dist: Measure) -> list[float]:
    """Each unit's distance to the nearest other unit of the ward (inf when alone)."""
    n = len(units)
    return [min((dist(i, j) for j in range(n) if j != i), default=math.inf) for i in range(n)]


def odd_area_count(units: Sequence[Unit], grouping: Grouping) -> int:
    """Areas holding an odd number of small units."""
    counts: dict[str | None, int] = {}
    for i in small_units(units, grouping):
        counts[area(units[i])] = counts.get(area(units[i]), 0) + 1
    return sum(c % 2 for c in counts.values())


def tolerance(units: Sequence[Unit], grouping: Grouping) -> float:
    """The planner rounds each distance to a millimetre."""
    return 0.001 * max(1, len(small_units(units, grouping)))


# --------------------------------------------------------------------------- the oracles


def complete_graph_oracle(units: Sequence[Unit], grouping: Grouping = PAIR_NEAREST) -> Cost:
    """``pair-nearest`` by one min-weight perfect matching over the complete graph."""
    small = small_units(units, grouping)
    if len(units) < 2 or not small:
        return Cost(0, 0.0)
    dist = OracleDistances(units)
    near = nearest_distances(units, dist)

    def mm(metres: float) -> int:
        return round(metres * 1000)

    edges = {(a, b): dist(a, b) for a, b in itertools.combinations(small, 2)}
    odd = len(small) % 2 == 1
    longest = max([mm(d) for d in edges.values()] + [mm(near[u]) for u in small])
    penalty = longest * (len(small) + 2) + 1  # more than any total distance
    graph = nx.Graph()
    for (a, b), d in edges.items():
        leaving = 0 if area(units[a]) == area(units[b]) else 2
        graph.add_edge(a, b, weight=mm(d) + penalty * leaving)
    if odd:
        for u in small:
            graph.add_edge(LEFT_OVER, u, weight=mm(near[u]) + penalty)
    matching = nx.min_weight_matching(graph)
    assert 2 * len(matching) == len(small) + odd, "the complete graph has a perfect matching"
    crossing, total = 0, 0.0
    for a, b in matching:
        if LEFT_OVER in (a, b):
            crossing, total = crossing + 1, total + near[b if a == LEFT_OVER else a]
        else:
            crossing += 0 if area(units[a]) == area(units[b]) else 2
            total += edges[(min(a, b), max(a, b))]
    return Cost(crossing, total)


def pairings(items: Sequence[int]) -> Iterator[list[tuple[int, int]]]:
    """Every way to split an even number of items into pairs."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for k, other in enumerate(rest):
        for more in pairings([*rest[:k], *rest[k + 1:]]):
            yield [(first, other), *more]


def with_leftover(items: Sequence[int]) -> Iterator[tuple[int | None, list[tuple[int, int]]]]:
    """Every pairing, after first setting one item aside when the count is odd."""
    for left in items if len(items) % 2 else [None]:
        yield from ((left, p) for p in pairings([i for i in items if i != left]))


def pairing_cost(
    units: Sequence[Unit], dist: Measure, near: Sequence[float],
    left: int | None, pairs: Sequence[tuple[int, int]],
) -> Cost:
    """Crossing units and total distance of one pairing with its leftover (if any)."""
    crossing = sum(2 for a, b in pairs if area(units[a]) != area(units[b]))
    total = sum(dist(a, b) for a, b in pairs)
    if left is not None:
        crossing, total = crossing + 1, total + near[left]
    return Cost(crossing, total)


def brute_force(units: Sequence[Unit], grouping: Grouping = PAIR_NEAREST) -> Cost:
    """``pair-nearest`` by trying every pairing of the small units and every leftover."""
    small = small_units(units, grouping)
    assert len(small) <= BRUTE_FORCE_LIMIT, "too many small units for the brute force"
    if len(units) < 2 or not small:
        return Cost(0, 0.0)
    dist = OracleDistances(units)
    near = nearest_distances(units, dist)
    return min(pairing_cost(units, dist, near, left, p) for left, p in with_leftover(small))


def brute_force_join_nearest(units: Sequence[Unit], grouping: Grouping = JOIN_NEAREST) -> Cost:
    """``join-nearest-team``: each area on its own, its odd leftover joining its nearest unit.

    The areas are independent, so the best ward is the sum of every area's best.
    """
    if len(units) < 2:
        return Cost(0, 0.0)
    dist = OracleDistances(units)
    near = nearest_distances(units, dist)
    by_area: dict[str | None, list[int]] = {}
    for i in small_units(units, grouping):
        by_area.setdefault(area(units[i]), []).append(i)
    best = [
        min(pairing_cost(units, dist, near, left, p) for left, p in with_leftover(members))
        for members in by_area.values()
    ]
    return Cost(sum(c.crossing for c in best), sum(c.distance for c in best))


# --------------------------------------------------------------------------- the planner


def planner_groups(
    units: Sequence[Unit], grouping: Grouping
) -> tuple[list[Group], OracleDistances]:
    """The planner's groups, after checking what every group reports about itself.

    Distances are the oracle's. The planner's own table is read for one thing only: which
    of several units at the same distance a joiner joins (ties go to natural order), as an
    exact tie in one table may be a difference in the last bit in the other.
    """
    table = Distances(units)
    groups = group_ward(units, grouping, table)
    dist = OracleDistances(units)
    near = nearest_distances(units, dist)
    for g in groups:
        if g.kind is TeamKind.PAIR:
            a, b = g.members
            assert g.distance is not None and math.isclose(g.distance, dist(a, b), abs_tol=1e-3)
        if g.kind is TeamKind.JOINED:
            j, to = g.joiner, g.joined_to
            assert j is not None and to is not None and {j, to} <= set(g.members)
            assert g.distance is not None and math.isclose(g.distance, near[j], abs_tol=1e-3)
            assert math.isclose(dist(j, to), near[j], abs_tol=1e-6), f"{j} joined {to}: not nearest"
            first_nearest = min((k for k in range(len(units)) if k != j), key=lambda k: table(j, k))
            assert to == first_nearest, f"unit {j} joined {to}, nearest is {first_nearest}"
    return groups, dist


def joined_readings(
    g: Group, units: Sequence[Unit], grouping: Grouping, dist: Measure
) -> list[Cost]:
    """Every way to read a joined group as one team (or none) plus joiners, with its cost.

    A group only names its first joiner; under ``join-nearest-team`` several joiners can end
    up in one group. A reading: a root (nothing, a large unit, or two small units of one area;
    any two small units under ``pair-nearest``) and joiners (small units of distinct areas,
    each with its nearest unit inside the group; exactly one under ``pair-nearest``).
    """
    members, small = set(g.members), set(small_units(units, grouping))
    near = nearest_distances(units, dist)

    def nearest_inside(j: int) -> bool:  # one of j's nearest units (ties alike) is in g
        return any(math.isclose(dist(j, k), near[j], abs_tol=1e-6) for k in members - {j})
    pair_nearest = grouping.leftover == "pair-nearest"
    readings = []
    for size in (0, 1, 2):
        for root in itertools.combinations(sorted(members - {g.joiner}), size):
            joiners = members - set(root)
            if pair_nearest and len(joiners) != 1:
                continue
            if size == 1 and root[0] in small:
                continue
            if size == 2 and not (set(root) <= small):
                continue
            if size == 2 and not pair_nearest and area(units[root[0]]) != area(units[root[1]]):
                continue
            areas = [area(units[j]) for j in joiners]
            if not joiners <= small or len(set(areas)) != len(areas):
                continue
            if not all(nearest_inside(j) for j in joiners):
                continue
            crossing = len(joiners)
            total = sum(near[j] for j in joiners)
            if size == 2:
                crossing += 0 if area(units[root[0]]) == area(units[root[1]]) else 2
                total += dist(*root)
            readings.append(Cost(crossing, total))
    return readings


def planner_cost(units: Sequence[Unit], grouping: Grouping = PAIR_NEAREST) -> Cost:
    """The planner's crossing units and total distance.

    A joined group that can be read several ways counts at its cheapest reading, so a
    planner worse than the oracle on such a group alone could go unnoticed (it is rare).
    """
    groups, dist = planner_groups(units, grouping)
    crossing, total = 0, 0.0
    for g in groups:
        if g.kind is TeamKind.PAIR:
            a, b = g.members
            crossing += 0 if area(units[a]) == area(units[b]) else 2
            total += dist(a, b)
        elif g.kind is TeamKind.JOINED:
            readings = joined_readings(g, units, grouping, dist)
            assert readings, f"joined group {g} is not one team plus joiners"
            best = min(readings)
            crossing, total = crossing + best.crossing, total + best.distance
    return Cost(crossing, total)


def assert_same_cost(got: Cost, want: Cost, units: Sequence[Unit], grouping: Grouping) -> None:
    """Equal crossing units; total distances equal to the planner's millimetre rounding."""
    assert got.crossing == want.crossing, f"crossing units {got.crossing} != {want.crossing}"
    assert abs(got.distance - want.distance) <= tolerance(units, grouping), (
        f"total distance {got.distance:.3f} m != optimum {want.distance:.3f} m"
    )


# --------------------------------------------------------------------------- oracle checks





@examples(300)
@given(wards(max_small=BRUTE_FORCE_LIMIT, crowded=0))
def test_complete_graph_oracle_agrees_with_brute_force(units: list[Unit]) -> None:
    note(sketch(units))
    oracle, brute = complete_graph_oracle(units), brute_force(units)
    assert_same_cost(oracle, brute, units, PAIR_NEAREST)
    assert oracle.crossing == odd_area_count(units, PAIR_NEAREST) or len(units) < 2


@examples(150)
@given(wards(crowded=0))
def test_the_planners_distances_equal_the_oracles(units: list[Unit]) -> None:
    """The planner's table against the test's own measure, on every basis (SPEC §4.1)."""
    note(sketch(units))
    dist, oracle = Distances(units), OracleDistances(units)
    assert dist.basis.value == oracle.basis
    for i, j in itertools.product(range(len(units)), repeat=2):
        assert math.isclose(dist(i, j), oracle(i, j), abs_tol=1e-6), (i, j)


def test_hops_are_counted_along_the_shortest_path() -> None:
    """Adjacency by hand, one khu phố, each unit naming the next (KP1/TDP5 names nobody)::

        1 - 2 - 3 - 4      5

    1 to 4 is three hops; 5 is joined to nothing, so it is farther than any path.
    """
    units = [unit("1", str(t)) for t in range(1, 6)]
    units = [dataclasses.replace(u, neighbours=(node_id(units[k + 1]),)) if k < 3 else u
             for k, u in enumerate(units)]
    dist = Distances(units)
    assert dist.basis.value == "adjacency"
    assert [dist(0, j) for j in range(4)] == [0, 1, 2, 3] and dist(3, 0) == 3
    assert min(dist(4, j) for j in range(4)) > 3


def test_brute_force_counts_pairings() -> None:
    """(2n-1)!! pairings; 5 leftovers × 3 pairings for five items."""
    assert sum(1 for _ in pairings(list(range(8)))) == 105
    assert sum(1 for _ in with_leftover(list(range(5)))) == 15


# --------------------------------------------------------------------------- planner vs oracle


@examples(250)
@given(wards(layouts=("box", "clusters", "grid")))
def test_planner_is_optimal_with_coordinates(units: list[Unit]) -> None:
    note(sketch(units))
    assert_same_cost(
        planner_cost(units), complete_graph_oracle(units), units, PAIR_NEAREST
    )


@examples(150)
@given(wards(layouts=("numbering", "adjacency")))
def test_planner_is_optimal_without_coordinates(units: list[Unit]) -> None:
    note(sketch(units))
    assert_same_cost(
        planner_cost(units), complete_graph_oracle(units), units, PAIR_NEAREST
    )


@examples(200)
@given(wards(max_small=BRUTE_FORCE_LIMIT, crowded=0))
def test_planner_matches_brute_force_on_small_wards(units: list[Unit]) -> None:
    note(sketch(units))
    assert_same_cost(planner_cost(units), brute_force(units), units, PAIR_NEAREST)


@examples(250)
@given(wards(max_per_area=5, max_small=12, crowded=0))
def test_join_nearest_team_matches_its_brute_force(units: list[Unit]) -> None:
    note(sketch(units))
    got = planner_cost(units, JOIN_NEAREST)
    want = brute_force_join_nearest(units)
    assert_same_cost(got, want, units, JOIN_NEAREST)
    groups, _ = planner_groups(units, JOIN_NEAREST)
    for g in groups:
        if g.kind is TeamKind.PAIR:
            assert area(units[g.members[0]]) == area(units[g.members[1]]), "no cross-area pair"


# --------------------------------------------------------------------------- hand-drawn wards

Teams = set[tuple[str, frozenset[str]]]


def teams_of(units: list[Unit], grouping: Grouping = PAIR_NEAREST) -> Teams:
    """The plan as {(kind, {"KP/TDP", ...})}, through the public plan_ward."""
    profile = dataclasses.replace(load_profile(None), grouping=grouping)
    plan, _ = plan_ward(WARD, units, [], profile)
    return {
        (t.kind.value, frozenset(f"{u.area}/{u.label}" for u in t.units)) for t in plan.teams
    }


def team(kind: str, *labels: str) -> tuple[str, frozenset[str]]:
    return (kind, frozenset(labels))


def test_five_tdps_on_a_street() -> None:
    """One khu phố, five TDPs along a street (metres)::

        1 -------------- 2 --- 3 ----------------------------- 4 --- 5
        0               400   500                            1200  1300

    Pairs {2,3} and {4,5}, and 1 joins the team of its nearest unit 2; or, just as short,
    {1,2} and {4,5} with 3 joining 2. Either way the teams are {1,2,3} and {4,5}: 600 m.
    """
    units = [unit("1", str(t), x) for t, x in enumerate([0, 400, 500, 1200, 1300], start=1)]
    assert teams_of(units) == {team("joined", "1/1", "1/2", "1/3"), team("pair", "1/4", "1/5")}
    assert_same_cost(planner_cost(units), Cost(1, 600.0), units, PAIR_NEAREST)


def test_five_tdps_by_numbering_with_a_large_middle() -> None:
    """No coordinates: distance is the difference of rank. TDP 3 is large (≥ 450)::

        1 - 2 - [3] - 4 - 5

    3 stands alone; 1–2 and 4–5 pair (rank distance 1 each).
    """
    units = [unit("1", str(t), hh=600 if t == 3 else 100) for t in range(1, 6)]
    assert teams_of(units) == {
        team("pair", "1/1", "1/2"), team("solo", "1/3"), team("pair", "1/4", "1/5")
    }
    assert_same_cost(planner_cost(units), Cost(0, 2.0), units, PAIR_NEAREST)


def test_areas_are_kept_even_when_crossing_is_shorter() -> None:
    """Two even khu phố laid side by side; crossing would save 1970 m but is not allowed::

        KP1:  1 ..................................... 2      (y = 0)
        KP2:  1 ..................................... 2      (y = 10 m)
              x = 0                                   x = 1000 (KP2-2 at 990)
    """
    units = [unit("1", "1", 0), unit("1", "2", 1000)]
    units += [unit("2", "1", 0, 10), unit("2", "2", 990, 10)]
    assert teams_of(units) == {team("pair", "1/1", "1/2"), team("pair", "2/1", "2/2")}
    assert_same_cost(planner_cost(units), Cost(0, 1990.0), units, PAIR_NEAREST)


def test_two_odd_areas_send_their_nearest_ends_across() -> None:
    """Two khu phố of three TDPs each on one street; one pair must cross::

        KP1: 1 --- 2 ----------- 3   |   KP2: 1 ----------- 2 --- 3
             0    100           500  |       600         1000  1100

    {1/1,1/2}, {1/3,2/1} across (100 m), {2/2,2/3}: 300 m, two crossing units.
    """
    units = [unit("1", str(t), x) for t, x in [(1, 0), (2, 100), (3, 500)]]
    units += [unit("2", str(t), x) for t, x in [(1, 600), (2, 1000), (3, 1100)]]
    assert teams_of(units) == {
        team("pair", "1/1", "1/2"), team("pair", "1/3", "2/1"), team("pair", "2/2", "2/3")
    }
    assert_same_cost(planner_cost(units), Cost(2, 300.0), units, PAIR_NEAREST)


def test_joiner_joins_a_large_unit() -> None:
    """A large TDP (600 households) adopts the odd one out::

        KP1: [1] - 2 --------------- 3 ---- 4
              0    50               400    500

    2 joins 1's team (50 m); 3–4 pair (100 m).
    """
    units = [unit("1", "1", 0, hh=600)]
    units += [unit("1", str(t), x) for t, x in [(2, 50), (3, 400), (4, 500)]]
    assert teams_of(units) == {team("joined", "1/1", "1/2"), team("pair", "1/3", "1/4")}
    assert_same_cost(planner_cost(units), Cost(1, 150.0), units, PAIR_NEAREST)


def test_three_single_tdp_areas() -> None:
    """Three khu phố with one small TDP each, KP3 also has a large TDP::

        KP1: 1        KP2: 1                                   KP3: 1 -- [2]
             0             100                                     1000  1050

    1/1 and 2/1 pair across (100 m); 3/1 joins the large 3/2 (50 m): three crossing units.
    """
    units = [unit("1", "1", 0), unit("2", "1", 100), unit("3", "1", 1000),
             unit("3", "2", 1050, hh=700)]
    assert teams_of(units) == {team("pair", "1/1", "2/1"), team("joined", "3/1", "3/2")}
    assert_same_cost(planner_cost(units), Cost(3, 150.0), units, PAIR_NEAREST)


def test_join_nearest_team_keeps_areas_apart() -> None:
    """Two odd khu phố; the leftover policy decides between crossing and joining::

        KP1: 1 ---- 2 -- 3                          KP2: 1 ---- 2 --------- 3
             0     100  150                             1000  1100        1400

    pair-nearest:      {1/1,1/2}, {1/3,2/1} across (850 m), {2/2,2/3}: 1250 m.
    join-nearest-team: {1/1,1/2,1/3} and {2/1,2/2,2/3}, one joiner each: 150 + 400 = 550 m.
    """
    units = [unit("1", str(t), x) for t, x in [(1, 0), (2, 100), (3, 150)]]
    units += [unit("2", str(t), x) for t, x in [(1, 1000), (2, 1100), (3, 1400)]]
    assert teams_of(units) == {
        team("pair", "1/1", "1/2"), team("pair", "1/3", "2/1"), team("pair", "2/2", "2/3")
    }
    assert_same_cost(planner_cost(units), Cost(2, 1250.0), units, PAIR_NEAREST)
    assert teams_of(units, JOIN_NEAREST) == {
        team("joined", "1/1", "1/2", "1/3"), team("joined", "2/1", "2/2", "2/3")
    }
    assert_same_cost(planner_cost(units, JOIN_NEAREST), Cost(2, 550.0), units, JOIN_NEAREST)


def two_clusters_and_a_bridge(cluster: int) -> list[Unit]:
    """One khu phố: two tight clusters of ``cluster`` TDPs, and x, y close together above::

                       x (450, 1000) -- y (550, 1000)

        A: cluster at (0, 0)                    B: cluster at (1000, 0)

    With an odd cluster size, one unit of A and one of B must leave their cluster. Best:
    A–B (1000 m) and x–y (100 m). Seen from a cluster unit, its nearest units are all in
    its own cluster, so an A–B edge is missing from a k-nearest-neighbour graph with
    k < cluster; x–A plus y–B (≈ 2 × 1097 m) is a perfect matching there, but not the best.
    """
    spots = [(dx, dy) for dx in range(0, 5) for dy in range(0, 5)][:cluster]
    points = [(x, y) for x, y in spots] + [(450, 1000), (550, 1000)]
    points += [(1000 + x, y) for x, y in spots]
    return [unit("1", str(t), x, y) for t, (x, y) in enumerate(points, start=1)]


@pytest.mark.parametrize("households", [100, 600])
def test_one_unit_ward_is_solo(households: int) -> None:
    """A ward of a single TDP: nobody to pair with or join, so it stands alone::

        KP1: 1
    """
    units = [unit("1", "1", hh=households)]
    assert teams_of(units) == {team("solo", "1/1")}
    assert teams_of(units, JOIN_NEAREST) == {team("solo", "1/1")}


@pytest.mark.parametrize("cluster", [3, 11, 21])
def test_sparse_graph_does_not_miss_the_best_matching(cluster: int) -> None:
    """SPEC §4.1: with a k-NN graph the result must still equal the complete-graph optimum."""
    units = two_clusters_and_a_bridge(cluster)
    want = complete_graph_oracle(units)
    assert want.crossing == 0 and 1100 < want.distance < 1100 + 2 * cluster * 6
    assert_same_cost(planner_cost(units), want, units, PAIR_NEAREST)
