"""Planning a ward again while keeping its current teams (SPEC §9), against a brute force.

``group_ward(..., keep=current_teams)`` must choose, among the groupings the rules of SPEC
§4.2 allow (as few units leaving their area as the fresh plan: each odd area gives exactly
one unit, to a cross-area pair or as the joiner), one that keeps the most current teams (a
team is kept when a group has exactly its members), then weighs least (the pairs' distances
and the joiner's distance to its nearest unit, each rounded to a whole millimetre).

The oracle below is written without ``tcns_cli.grouping`` or ``tcns_cli.matching``: it lists
every pairing of the small units with every choice of leftover (``with_leftover``), keeps
those with the least crossing, builds each one's groups as the rule says (the joiner joins
the group of its nearest unit: a small unit's pair or a large unit's solo), and scores them
``(-kept, millimetres)``. Distances are measured again by ``tests.proximity_oracle``.

One thing is read from the planner's own table: which of several units at the same distance
(to a micrometre) from the joiner is its nearest, on coordinates, when that distance is not
zero. Two haversine formulas may order such near-ties differently in their last bits (150 m
east and 150 m west of a grid point, say); exact ties (duplicated points, hops, ranks) are
broken by natural order as the rule says, from the oracle's measure alone.
"""

from __future__ import annotations

import dataclasses
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from tcns_cli.grouping import Group, group_ward  # the planner under test, never the oracle
from tcns_cli.model import TeamKind, Unit
from tcns_cli.profiles import Grouping
from tcns_cli.proximity import Distances  # the planner's input (and near-tie order, above)
from tests.proximity_oracle import OracleDistances
from tests.settings import examples
from tests.test_grouping_oracle import sketch, unit, wards, with_leftover

DEFAULT = Grouping()  # large_threshold 450, area "khu_pho", "pair-nearest", 3 units at most
TIE_M = 1e-6  # distances this close are one distance (the two measures differ by less)
PLAN_SECONDS = 20.0  # a planner taking longer on these few units is looping: a failure
Keep = list[tuple[int, ...]]
Partition = frozenset[frozenset[int]]


def mm(metres: float) -> int:
    """A distance as the planner weighs it: whole millimetres."""
    return round(metres * 1000)


def area_of(u: Unit, grouping: Grouping) -> str | None:
    return u.area if grouping.area == "khu_pho" else None


def small_of(units: Sequence[Unit], grouping: Grouping) -> list[int]:
    return [i for i, u in enumerate(units) if u.households < grouping.large_threshold]


def nearest_units(units: Sequence[Unit], dist: OracleDistances,
                  table: Distances | None = None) -> list[int]:
    """Each unit's nearest other unit: the least distance, ties by natural order. With the
    planner's ``table``, a near-tie of non-zero coordinate distances goes its way (above)."""
    out = []
    for i in range(len(units)):
        others = [j for j in range(len(units)) if j != i]
        least = min(dist(i, j) for j in others)
        tied = [j for j in others if dist(i, j) - least <= TIE_M]
        if table is not None and len(tied) > 1 and dist.basis == "coordinates" and least > 0:
            out.append(min(tied, key=lambda j: (table(i, j), j)))
        else:
            out.append(tied[0])
    return out


# --------------------------------------------------------------------------- the oracle


@dataclass(frozen=True)
class Reading:
    """One legal grouping: its leftover (the joiner), its pairs, and the groups they make."""

    joiner: int | None
    pairs: frozenset[frozenset[int]]
    groups: Partition
    crossing: int  # units leaving their area: both of a cross-area pair, and the joiner
    distance: int  # millimetres: each pair, and the joiner's reach to its nearest unit


def legal_readings(units: Sequence[Unit], grouping: Grouping = DEFAULT,
                   nearest: Sequence[int] | None = None) -> list[Reading]:
    """Every grouping with the least number of units leaving their area, by brute force."""
    assert len(units) >= 2, "a one-unit ward has nothing to choose"
    dist = OracleDistances(units)
    near = list(nearest) if nearest is not None else nearest_units(units, dist)
    small = small_of(units, grouping)
    assert len(small) <= 11, "too many small units for the brute force"
    solos = [frozenset({i}) for i in range(len(units)) if i not in set(small)]
    readings = []
    for left, pairs in with_leftover(small):
        groups = [*solos, *(frozenset(p) for p in pairs)]
        crossing = sum(2 for a, b in pairs
                       if area_of(units[a], grouping) != area_of(units[b], grouping))
        distance = sum(mm(dist(a, b)) for a, b in pairs)
        if left is not None:
            target = next(g for g in groups if near[left] in g)
            groups = [g for g in groups if g is not target] + [target | {left}]
            crossing += 1
            distance += mm(dist(left, near[left]))
        readings.append(Reading(left, frozenset(frozenset(p) for p in pairs),
                                frozenset(groups), crossing, distance))
    least = min(r.crossing for r in readings)
    return [r for r in readings if r.crossing == least]


def kept(groups: Partition, keep: Sequence[tuple[int, ...]]) -> int:
    """How many current teams are groups with exactly their members."""
    return len({frozenset(t) for t in keep} & groups)


def best_keeping(units: Sequence[Unit], keep: Sequence[tuple[int, ...]],
                 grouping: Grouping = DEFAULT, nearest: Sequence[int] | None = None
                 ) -> tuple[int, int]:
    """The best ``(-kept, millimetres)`` of every legal grouping."""
    return min((-kept(r.groups, keep), r.distance)
               for r in legal_readings(units, grouping, nearest))


# --------------------------------------------------------------------------- the planner


@contextmanager
def at_most(seconds: float) -> Iterator[None]:
    """Raise TimeoutError after ``seconds``, so a planner that never stops fails the test
    rather than hanging the suite (where SIGALRM exists, in the main thread)."""
    main = threading.current_thread() is threading.main_thread()
    if not hasattr(signal, "setitimer") or not main:
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"group_ward still running after {seconds} s")

    before = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def keeping(units: Sequence[Unit], keep: Sequence[tuple[int, ...]],
            table: Distances | None = None) -> list[Group]:
    """The planner's groups keeping ``keep``."""
    with at_most(PLAN_SECONDS):
        return group_ward(units, DEFAULT, table or Distances(units), keep=keep)


def as_reading(groups: Sequence[Group], units: Sequence[Unit], grouping: Grouping = DEFAULT,
               ) -> tuple[int | None, frozenset[frozenset[int]], Partition]:
    """The planner's groups read as (joiner, pairs, partition), after checking each group
    is what its kind says."""
    small = set(small_of(units, grouping))
    joiners: list[int] = []
    pairs: list[frozenset[int]] = []
    for g in groups:
        assert list(g.members) == sorted(set(g.members)), f"members out of order: {g}"
        if g.kind is TeamKind.SOLO:
            assert len(g.members) == 1 and g.members[0] not in small, f"small solo: {g}"
        elif g.kind is TeamKind.PAIR:
            a, b = g.members
            assert {a, b} <= small, f"a pair with a large unit: {g}"
            assert g.cross_area == (area_of(units[a], grouping) != area_of(units[b], grouping))
            pairs.append(frozenset(g.members))
        else:
            assert g.kind is TeamKind.JOINED and g.joiner is not None and g.joined_to is not None
            assert g.joiner in small and {g.joiner, g.joined_to} <= set(g.members), g
            assert g.cross_area == (area_of(units[g.joiner], grouping)
                                    != area_of(units[g.joined_to], grouping)), g
            joiners.append(g.joiner)
            rest = set(g.members) - {g.joiner}
            assert len(rest) in (1, 2), g
            if len(rest) == 2:
                assert rest <= small, g
                pairs.append(frozenset(rest))
            else:
                assert not rest <= small, f"a joined pair of two small units: {g}"
    assert len(joiners) <= 1, f"pair-nearest has one joiner at most: {joiners}"
    assert [g.members[0] for g in groups] == sorted(g.members[0] for g in groups)
    return (joiners[0] if joiners else None, frozenset(pairs),
            frozenset(frozenset(g.members) for g in groups))


def check_against_oracle(units: list[Unit], keep: Keep) -> None:
    """The planner's grouping with ``keep`` is legal, crosses as the fresh plan does, and
    keeps as many teams at as little distance as the brute force's best."""
    table = Distances(units)
    fresh = group_ward(units, DEFAULT, Distances(units))
    got = keeping(units, keep, table)
    seen = (f"\nfresh: {[(g.kind.value, g.members) for g in fresh]}"
            f"\nwith keep {keep}: {[(g.kind.value, g.members, g.joiner) for g in got]}")
    # (a) every unit in exactly one group
    members = sorted(i for g in got for i in g.members)
    assert members == list(range(len(units))), f"units not each in one group{seen}"
    near = nearest_units(units, OracleDistances(units), table)
    legal = {(r.joiner, r.pairs): r for r in legal_readings(units, DEFAULT, near)}
    joiner, pairs, partition = as_reading(got, units)
    reading = legal.get((joiner, pairs))
    # (b) as few units leave their area as in the fresh plan (the readings listed are those)
    assert reading is not None, f"not a legal grouping{seen}"
    fresh_reading = legal.get(as_reading(fresh, units)[:2])
    assert fresh_reading is not None and reading.crossing == fresh_reading.crossing, seen
    assert reading.groups == partition, f"joiner {joiner} did not join its nearest {near}{seen}"
    # (c) the most current teams kept, then the least distance
    want = best_keeping(units, keep, DEFAULT, near)
    value = (-kept(partition, keep), reading.distance)
    assert value == want, f"(-kept, mm) {value} != the best {want}{seen}"


# --------------------------------------------------------------------------- current teams


def renumbered(units: list[Unit], teams: Keep, drop: int, lose: bool) -> tuple[list[Unit], Keep]:
    """The ward without unit ``drop`` (neighbours naming it forget it), and the teams in the
    new indices: a team that held it loses it (``lose``) or is gone."""
    gone = units[drop].node_id
    rest = [dataclasses.replace(u, neighbours=tuple(n for n in u.neighbours if n != gone))
            for k, u in enumerate(units) if k != drop]
    out = []
    for t in teams:
        if drop in t and not lose:
            continue
        moved = tuple(i - (i > drop) for i in t if i != drop)
        if moved:
            out.append(moved)
    return rest, out


@st.composite
def wards_and_current_teams(draw: st.DrawFn) -> tuple[list[Unit], Keep]:
    """A small ward and its current teams: some of the fresh plan's groups, after the ward
    changed (a unit gone, one crossing the large threshold) and with made-up teams added
    (pairs of small units, random triples, any unit alone, a unit with its nearest and maybe
    one more), each unit in one at most."""
    units = draw(wards(max_small=9, crowded=0))
    fresh = group_ward(units, DEFAULT, Distances(units))
    teams: Keep = [g.members for g in fresh if draw(st.booleans())]
    if len(units) > 2 and draw(st.booleans()):
        units, teams = renumbered(units, teams, draw(st.integers(0, len(units) - 1)),
                                  draw(st.booleans()))
    if draw(st.booleans()):
        k = draw(st.integers(0, len(units) - 1))
        hh = draw(st.integers(1, 449) if units[k].households >= 450 else st.integers(450, 900))
        units[k] = dataclasses.replace(units[k], households=hh)
    n = len(units)
    small = small_of(units, DEFAULT)
    if len(small) >= 2 and draw(st.booleans()):
        teams.append(tuple(draw(st.lists(st.sampled_from(small), min_size=2, max_size=2,
                                         unique=True))))
    teams += draw(st.lists(st.lists(st.integers(0, n - 1), min_size=1, max_size=3, unique=True)
                           .map(tuple), max_size=3))
    if len(small) > 0 and draw(st.booleans()):
        # A team a joiner u would make or break: its nearest unit, one more unit, or u.
        near = nearest_units(units, OracleDistances(units))
        u = draw(st.sampled_from(small))
        more = draw(st.lists(st.integers(0, n - 1), max_size=1))
        with_u = draw(st.booleans())
        teams.append(tuple({near[u], *more, *([u] if with_u else [])}))
    keep: Keep = []
    taken: set[int] = set()
    for t in draw(st.permutations(teams)):
        if taken.isdisjoint(t):
            keep.append(tuple(sorted(t)))
            taken.update(t)
    return units, keep


# --------------------------------------------------------------------------- the oracle, checked


def test_oracle_on_a_street() -> None:
    """Five TDPs of one khu phố on a street (metres), no current team::

        1 -------------- 2 --- 3 ----------------------------- 4 --- 5
        0               400   500                            1200  1300

    The fresh optimum (test_grouping_oracle): {1,2,3} and {4,5}, 600 m, one joiner. With
    {1,2} current, 3 may not join (its nearest is 2): 5 joins 4 whose partner is 3, so
    400 + 700 + 100 = 1200 m. With {4,5} current too, one is kept either way: 600 m.
    """
    units = [unit("1", str(t), x) for t, x in enumerate([0, 400, 500, 1200, 1300], start=1)]
    assert {r.crossing for r in legal_readings(units)} == {1}
    for keep, want in [([], (0, 600)), ([(0, 1)], (-1, 1200)), ([(0, 1), (3, 4)], (-1, 600))]:
        got = best_keeping(units, keep)
        assert got[0] == want[0] and abs(got[1] - want[1] * 1000) <= 2, (keep, got)


@examples(40)
@given(wards(max_small=9, crowded=0))
def test_oracle_without_current_teams_is_the_fresh_optimum(units: list[Unit]) -> None:
    """Nothing to keep: the oracle's best is the fresh plan's least distance, and its least
    crossing is one unit per odd area."""
    note(sketch(units))
    readings = legal_readings(units)
    counts: dict[str | None, int] = {}
    for i in small_of(units, DEFAULT):
        counts[units[i].area] = counts.get(units[i].area, 0) + 1
    assert readings[0].crossing == sum(c % 2 for c in counts.values())
    fresh = group_ward(units, DEFAULT, Distances(units))
    joiner, pairs, _ = as_reading(fresh, units)
    dist = OracleDistances(units)
    total = sum(mm(dist(*p)) for p in pairs)
    if joiner is not None:
        total += mm(dist.nearest_distance(joiner))
    assert best_keeping(units, []) == (0, total)


# --------------------------------------------------------------------------- planner vs oracle


@examples(300)
@given(wards_and_current_teams())
def test_keeping_matches_the_brute_force(ward: tuple[list[Unit], Keep]) -> None:
    units, keep = ward
    note(sketch(units))
    note(f"keep: {keep}")
    check_against_oracle(units, keep)


@examples(80)
@given(wards(crowded=0))
def test_keeping_the_fresh_plan_gives_it_back(units: list[Unit]) -> None:
    """The fresh plan's own groups as the current teams: every one comes back."""
    note(sketch(units))
    fresh = group_ward(units, DEFAULT, Distances(units))
    keep = [g.members for g in fresh]
    again = keeping(units, keep)
    assert [(g.kind, g.members) for g in again] == [(g.kind, g.members) for g in fresh]


# --------------------------------------------------------------------------- hand-drawn wards


Teams = set[tuple[str, tuple[int, ...]]]


def plan(units: list[Unit], keep: Sequence[tuple[int, ...]] = ()) -> Teams:
    """The groups as {(kind, members)}, each plan also checked against the oracle."""
    groups = keeping(units, keep)
    check_against_oracle(units, list(keep))
    return {(g.kind.value, g.members) for g in groups}


def joined(units: list[Unit], keep: Sequence[tuple[int, ...]] = ()) -> tuple[int, int]:
    """The joiner and the unit it joined (where only one reading is best)."""
    groups = keeping(units, keep)
    group = next(g for g in groups if g.kind is TeamKind.JOINED)
    assert group.joiner is not None and group.joined_to is not None
    return group.joiner, group.joined_to


def triple_and_large() -> list[Unit]:
    """KP1 has three small TDPs; KP2 a large one near KP1's third, and two small::

        KP1: 1 ---- 2 -------- 3 - [KP2/1] ................ KP2/2 ---- KP2/3
             0     100        300   350                    2000       2100
    """
    return [unit("1", "1", 0), unit("1", "2", 100), unit("1", "3", 300),
            unit("2", "1", 350, hh=600), unit("2", "2", 2000), unit("2", "3", 2100)]


def test_a_current_joined_triple_comes_back() -> None:
    """Fresh: 1/3 joins the large 2/1 (50 m; 250 m in all). The current team {1/1,1/2,1/3}
    comes back: 1/1 joins 1/2 whose partner is 1/3 (100 + 200 + 100 = 400 m; 1/2 joining
    1/1 with {1/1,1/3} would be 500 m)."""
    units = triple_and_large()
    assert plan(units) == {("pair", (0, 1)), ("joined", (2, 3)), ("pair", (4, 5))}
    assert joined(units) == (2, 3)
    want = {("joined", (0, 1, 2)), ("solo", (3,)), ("pair", (4, 5))}
    assert plan(units, [(0, 1, 2)]) == want
    assert plan(units, [(0, 1, 2), (3,)]) == want
    assert joined(units, [(0, 1, 2)]) == (0, 1)


def five_and_a_large() -> list[Unit]:
    """One khu phố, a large TDP 1 and five small ones on a street::

        [1] ---- 2 ------ 3 ---------------------- 4 ---- 5 -- 6
         0      100      250                      900   1000  1050
    """
    units = [unit("1", "1", 0, hh=600)]
    return units + [unit("1", str(t), x) for t, x in
                    [(2, 100), (3, 250), (4, 900), (5, 1000), (6, 1050)]]


def test_the_joiner_that_breaks_no_current_pair() -> None:
    """Fresh: {2,3}, and 4 (or 6) joins 5 whose partner is 6 (or 4): 300 m. With {5,6}
    current, neither may join (each would break the pair): 2 joins the large 1 (100 m) and
    {3,4} pair (650 m), 800 m, rather than 3 joining 2 paired with 4 (1000 m)."""
    units = five_and_a_large()
    assert plan(units) == {("solo", (0,)), ("pair", (1, 2)), ("joined", (3, 4, 5))}
    assert plan(units, [(4, 5)]) == {("joined", (0, 1)), ("pair", (2, 3)), ("pair", (4, 5))}
    assert joined(units, [(4, 5)]) == (1, 0)


def test_a_large_solo_is_kept_rather_than_joined() -> None:
    """In the same ward, with the large 1 alone also current, 3 joins 2 (1000 m): both
    current teams are kept, where 2 joining 1 keeps one only."""
    units = five_and_a_large()
    assert plan(units, [(0,), (4, 5)]) == {("solo", (0,)), ("joined", (1, 2, 3)),
                                           ("pair", (4, 5))}
    assert joined(units, [(0,), (4, 5)]) == (2, 1)


def large_and_three() -> list[Unit]:
    """One khu phố::

        [1] - 2 -------- 3 ---- 4
         0    50        300    400
    """
    return [unit("1", "1", 0, hh=600), unit("1", "2", 50), unit("1", "3", 300),
            unit("1", "4", 400)]


def test_a_large_solo_kept_when_another_joiner_is_as_legal() -> None:
    """Fresh: 2 joins the large 1 (50 m), {3,4} pair: 150 m. With {1} current, 4 joins 3
    whose partner is 2 (250 + 100 = 350 m; 3 joining 4 would be 450 m) and 1 stays alone.
    With {1} and {3,4} current, either way keeps one team: the shorter, the fresh plan."""
    units = large_and_three()
    fresh = {("joined", (0, 1)), ("pair", (2, 3))}
    assert plan(units) == fresh
    assert plan(units, [(0,)]) == {("solo", (0,)), ("joined", (1, 2, 3))}
    assert joined(units, [(0,)]) == (3, 2)
    assert plan(units, [(0,), (2, 3)]) == fresh
    assert joined(units, [(0,), (2, 3)]) == (1, 0)


def test_a_current_large_and_small_team_is_kept() -> None:
    """One khu phố; the current team is the large 1 with 2::

        [1] --- 2 ---- 3 ............................ 4 - 5 ........ 6
         0     100    210                           2000 2010      2500

    Fresh: {2,3}, and 6 joins 5 whose partner is 4 (or 4 joins 5 with 6): 610 m. Keeping
    {1,2}: 2 joins 1 (100 m), {3,4} (1790 m) and {5,6} (490 m): 2380 m.
    """
    units = [unit("1", "1", 0, hh=600)]
    units += [unit("1", str(t), x) for t, x in
              [(2, 100), (3, 210), (4, 2000), (5, 2010), (6, 2500)]]
    assert plan(units) == {("solo", (0,)), ("pair", (1, 2)), ("joined", (3, 4, 5))}
    assert plan(units, [(0, 1)]) == {("joined", (0, 1)), ("pair", (2, 3)), ("pair", (4, 5))}
    assert joined(units, [(0, 1)]) == (1, 0)


@pytest.mark.parametrize("mirrored", [False, True])
def test_a_current_pair_no_grouping_keeps_weighs_nothing(mirrored: bool) -> None:
    """One khu phố on a street; {2,4} is current::

        1 ------ 2 -- 3 ------------ 4 ------ 5
        0       10   15             30       40

    Every joiner breaks {2,4} or leaves it unpaired: 1 and 3 would join 2, 5 would join 4.
    So nothing can be kept and the fresh plan stands: 1 or 3 joins 2, {4,5}: 25 m. (Pairing
    {2,4} anyway costs 45 m at best: 5 joins 4, {1,3}.) Mirrored (x → 40 - x, renumbered
    from the left), the joiners' nearest unit is the later one of the current pair.
    """
    xs = [0, 10, 15, 30, 40]
    want = {("joined", (0, 1, 2)), ("pair", (3, 4))}
    if mirrored:
        xs = sorted(40 - x for x in xs)
        want = {("pair", (0, 1)), ("joined", (2, 3, 4))}
    units = [unit("1", str(t), x) for t, x in enumerate(xs, start=1)]
    assert plan(units) == want
    assert plan(units, [(1, 3)]) == want


def test_a_current_pair_across_two_odd_areas_is_kept() -> None:
    """Two khu phố of three TDPs on one street; one pair must cross::

        KP1: 1 --- 2 ----------- 3   |   KP2: 1 ----------- 2 --- 3
             0    100           500  |       600         1000  1100

    Fresh: {1/3,2/1} crosses (100 m), {1/1,1/2} and {2/2,2/3}: 300 m. With {1/1,2/3}
    current, it is the pair that crosses, {1/2,1/3} and {2/1,2/2}: 1100 + 400 + 400 m.
    """
    units = [unit("1", str(t), x) for t, x in [(1, 0), (2, 100), (3, 500)]]
    units += [unit("2", str(t), x) for t, x in [(1, 600), (2, 1000), (3, 1100)]]
    assert plan(units) == {("pair", (0, 1)), ("pair", (2, 3)), ("pair", (4, 5))}
    assert plan(units, [(0, 5)]) == {("pair", (0, 5)), ("pair", (1, 2)), ("pair", (3, 4))}
    groups = keeping(units, [(0, 5)])
    assert [g.cross_area for g in groups] == [True, False, False]


@pytest.mark.parametrize(("drop", "millimetres"), [(0, 300_000), (2, 200_000)])
def test_current_teams_of_a_changed_ward(drop: int, millimetres: int) -> None:
    """The ward of the triple lost a TDP of KP1 (1/1 or 1/3): its current teams, renumbered,
    are {the other two of KP1}, {2/1} and {2/2, 2/3}, and both areas are now even: all
    three are kept."""
    units, keep = renumbered(triple_and_large(), [(0, 1, 2), (3,), (4, 5)], drop, True)
    assert keep == [(0, 1), (2,), (3, 4)]
    assert plan(units, keep) == {("pair", (0, 1)), ("solo", (2,)), ("pair", (3, 4))}
    assert best_keeping(units, keep) == (-3, millimetres)
