"""Invariants of a ward's plan (SPEC §4.2), checked through ``plan_ward`` on random wards.

Whatever the optimum is, a plan must: place every unit in exactly one team, keep every
household, leave large units alone (unless a joiner joined them), pair the small units with at
most one joiner per ward (``pair-nearest``), send exactly one unit out of each area holding an
odd number of small units, give unique team ids, and be the same plan every time.

Which unit of a joined team is the joiner is read from its ``JOINED_TEAM`` finding.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from hypothesis import example, given, note
from hypothesis import strategies as st

from tcns_cli.errors import Finding
from tcns_cli.model import Team, TeamKind, Unit, WardPlan
from tcns_cli.normalize import natural_key
from tcns_cli.plan import plan_ward
from tcns_cli.profiles import Grouping, Profile, load_profile
from tests.proximity_oracle import OracleDistances
from tests.settings import examples

WARD = "Phường Thử"
THRESHOLD = 450
METRES_PER_DEGREE = 111_195.0
PAIR_NEAREST = Grouping()
JOIN_NEAREST = Grouping(leftover="join-nearest-team")
Key = tuple[str | None, str | None]




# --------------------------------------------------------------------------- random wards

PLACES = {
    "box": st.tuples(st.integers(0, 2000), st.integers(0, 2000)),
    # Few distinct places: duplicate points and equal distances.
    "grid": st.tuples(st.sampled_from([0, 150, 300]), st.sampled_from([0, 150, 300])),
}


@st.composite
def wards(draw: st.DrawFn, max_per_area: int = 8) -> list[Unit]:
    """A ward in natural order: 1–6 areas, 0–3 large units, with or without coordinates.

    Without coordinates some wards name neighbours (adjacency), the rest fall back on
    numbering. One ward in ten has an area of 20–30 units.
    """
    n_areas = draw(st.integers(1, 6))
    sizes = draw(st.lists(st.integers(0, max_per_area), min_size=n_areas, max_size=n_areas))
    if draw(st.integers(1, 10)) == 1:
        sizes[0] = draw(st.integers(20, 30))
    large = Counter(draw(st.lists(st.integers(0, n_areas - 1), max_size=3)))
    layout = draw(st.sampled_from(["box", "grid", "numbering", "adjacency"]))
    units = []
    for a, size in enumerate(sizes):
        households = draw(st.lists(st.integers(1, THRESHOLD - 1), min_size=size, max_size=size))
        households += draw(st.lists(st.integers(THRESHOLD, 900), min_size=large[a],
                                    max_size=large[a]))
        for t, hh in enumerate(draw(st.permutations(households)), start=1):
            lat = lon = None
            if layout in PLACES:
                x, y = draw(PLACES[layout])
                lat, lon = 10.8 + y / METRES_PER_DEGREE, 106.7 + x / METRES_PER_DEGREE
            units.append(Unit(WARD, str(a + 1), str(t), hh, lat, lon))
    if len(units) < 2:  # one-unit wards are tested by hand in test_grouping_oracle.py
        units += [Unit(WARD, "9", str(t), 100) for t in (1, 2)]
    units.sort(key=lambda u: (natural_key(u.area), natural_key(u.label)))
    if layout == "adjacency":
        ids = [u.node_id for u in units]
        units = [
            dataclasses.replace(u, neighbours=tuple(
                n for n in draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
                if n != ids[i]
            ))
            for i, u in enumerate(units)
        ]
    return units


def sketch(units: Sequence[Unit]) -> str:
    """One line per unit, for hypothesis notes."""
    return "\n".join(
        f"  KP{u.area}/TDP{u.label} hh={u.households}"
        + ("" if u.lat is None else f" @({u.lat:.6f},{u.lon:.6f})")
        + (f" nb={len(u.neighbours)}" if u.neighbours else "")
        for u in units
    )


# --------------------------------------------------------------------------- explicit wards


def numbered(*labels: str) -> list[Unit]:
    """Small units without coordinates, from "KP/TDP" labels given in natural order."""
    pairs = [label.split("/") for label in labels]
    return [Unit(WARD, kp, tdp, 100) for kp, tdp in pairs]


# Two one-TDP khu phố: each is the other's leftover, and each joins the other.
TWO_LONE_LEFTOVERS = numbered("1/1", "2/1")
# KP1's leftover joins 2/1, whose area's leftover also joins there: a team of four.
CHAINED_JOINERS = numbered("1/1", "2/1", "2/2", "2/3")


# --------------------------------------------------------------------------- helpers


def profile_with(grouping: Grouping) -> Profile:
    return dataclasses.replace(load_profile(None), grouping=grouping)


def plan(units: list[Unit], grouping: Grouping = PAIR_NEAREST) -> tuple[WardPlan, list[Finding]]:
    """The ward's plan and its findings, with no people (composition is not under test)."""
    ward_plan, findings = plan_ward(WARD, units, [], profile_with(grouping))
    return ward_plan, findings


def is_small(u: Unit, grouping: Grouping = PAIR_NEAREST) -> bool:
    return u.households < grouping.large_threshold


def odd_areas(units: Sequence[Unit]) -> int:
    """Areas (khu phố) holding an odd number of small units."""
    counts = Counter(u.area for u in units if is_small(u))
    return sum(c % 2 for c in counts.values())


def joiners_by_team(findings: Sequence[Finding]) -> dict[str | None, list[Key]]:
    """The units the JOINED_TEAM findings name, by team id."""
    out: dict[str | None, list[Key]] = {}
    for f in findings:
        if f.code == "JOINED_TEAM":
            out.setdefault(f.team, []).append((f.khu_pho, f.tdp))
    return out


def split_joined(team: Team, joiners: Sequence[Key]) -> tuple[list[Unit], list[Unit]]:
    """A joined team as (the team that was joined, the joiners)."""
    joined = [u for u in team.units if (u.area, u.label) not in joiners]
    return joined, [u for u in team.units if (u.area, u.label) in joiners]


def pairs_and_joiners(
    ward_plan: WardPlan, findings: Sequence[Finding]
) -> tuple[list[tuple[Unit, Unit]], list[Unit]]:
    """Every pair of the plan (joined teams' own pairs included) and every joiner."""
    named = joiners_by_team(findings)
    pairs: list[tuple[Unit, Unit]] = []
    joiners: list[Unit] = []
    for team in ward_plan.teams:
        units = list(team.units)
        if team.kind is TeamKind.JOINED:
            units, joining = split_joined(team, named.get(team.id, []))
            joiners += joining
        if len(units) == 2:
            pairs.append((units[0], units[1]))
    return pairs, joiners


def summary(ward_plan: WardPlan) -> list[tuple[str, str, list[Key], float | None]]:
    return [(t.id, t.kind.value, [u.key for u in t.units], t.distance) for t in ward_plan.teams]


# --------------------------------------------------------------------------- invariants


@examples(150)
@given(wards(), st.sampled_from([PAIR_NEAREST, JOIN_NEAREST]))
def test_every_unit_in_exactly_one_team_and_households_kept(
    units: list[Unit], grouping: Grouping
) -> None:
    note(sketch(units))
    ward_plan, _ = plan(units, grouping)
    placed = Counter(u.key for t in ward_plan.teams for u in t.units)
    assert placed == Counter(u.key for u in units)
    assert all(n == 1 for n in placed.values())
    assert sum(t.households for t in ward_plan.teams) == sum(u.households for u in units)
    assert all(t.ward == WARD for t in ward_plan.teams)


@examples(150)
@given(wards(), st.sampled_from([PAIR_NEAREST, JOIN_NEAREST]))
def test_large_units_stand_alone_unless_joined(units: list[Unit], grouping: Grouping) -> None:
    note(sketch(units))
    ward_plan, findings = plan(units, grouping)
    named = joiners_by_team(findings)
    for team in ward_plan.teams:
        large = [u for u in team.units if not is_small(u)]
        if not large:
            continue
        assert len(large) == 1, f"{team.id}: two large units in one team"
        if team.kind is TeamKind.SOLO:
            assert len(team.units) == 1
        else:
            assert team.kind is TeamKind.JOINED, f"{team.id}: a large unit in a {team.kind}"
            joined, joiners = split_joined(team, named.get(team.id, []))
            assert joiners and all(is_small(u) for u in joiners)
            assert len(joined) == 1 or grouping.leftover != "pair-nearest"


@examples(200)
@given(wards())
def test_pair_nearest_pairs_every_small_unit_but_one_joiner(units: list[Unit]) -> None:
    note(sketch(units))
    ward_plan, findings = plan(units)
    small = sum(is_small(u) for u in units)
    joined = [t for t in ward_plan.teams if t.kind is TeamKind.JOINED]
    assert len(joined) == small % 2, "one joined team exactly when the small count is odd"
    for team in ward_plan.teams:
        if team.kind is TeamKind.PAIR:
            assert len(team.units) == 2 and all(is_small(u) for u in team.units)
    pairs, joiners = pairs_and_joiners(ward_plan, findings)
    assert len(joiners) == small % 2, "each joined team names exactly one joiner"
    assert 2 * len(pairs) + len(joiners) == small
    if joined:
        assert len(joined[0].units) in (2, 3)


@examples(200)
@given(wards())
def test_pair_nearest_crossing_units_equal_odd_areas(units: list[Unit]) -> None:
    note(sketch(units))
    ward_plan, findings = plan(units)
    pairs, joiners = pairs_and_joiners(ward_plan, findings)
    crossing = len(joiners) + sum(2 for a, b in pairs if a.area != b.area)
    assert crossing == odd_areas(units)


@examples(200)
@given(wards())
def test_join_nearest_team_never_pairs_across(units: list[Unit]) -> None:
    note(sketch(units))
    ward_plan, _ = plan(units, JOIN_NEAREST)
    for team in ward_plan.teams:
        if team.kind is TeamKind.PAIR:
            assert team.units[0].area == team.units[1].area
        if team.kind is TeamKind.SOLO:
            assert len(team.units) == 1


@examples(200)
@given(wards())
@example(TWO_LONE_LEFTOVERS)
def test_join_nearest_team_reports_each_joiner(units: list[Unit]) -> None:
    """Every odd area's leftover is a joiner the officer is asked to review (JOINED_TEAM)."""
    note(sketch(units))
    ward_plan, findings = plan(units, JOIN_NEAREST)
    _, joiners = pairs_and_joiners(ward_plan, findings)
    assert sorted(Counter(u.area for u in joiners).values()) == [1] * len(joiners)
    assert len(joiners) == odd_areas(units), "one JOINED_TEAM finding per odd area"


@examples(200)
@given(wards(), st.sampled_from([PAIR_NEAREST, JOIN_NEAREST]))
@example(CHAINED_JOINERS, JOIN_NEAREST)
def test_teams_respect_max_units_per_team(units: list[Unit], grouping: Grouping) -> None:
    """No team larger than the profile allows, unless every team near a leftover was full:
    then it is reported (TOO_MANY_UNITS), never silent. Under pair-nearest, never."""
    note(sketch(units))
    ward_plan, findings = plan(units, grouping)
    over = {t.id for t in ward_plan.teams if len(t.units) > grouping.max_units_per_team}
    if grouping.leftover == "pair-nearest":
        assert not over
    reported = {f.team for f in findings if f.code == "TOO_MANY_UNITS"}
    assert over == reported


@examples(100)
@given(wards(), st.sampled_from([PAIR_NEAREST, JOIN_NEAREST]))
def test_same_input_same_plan_and_unique_ids(units: list[Unit], grouping: Grouping) -> None:
    note(sketch(units))
    first, first_findings = plan(units, grouping)
    again, again_findings = plan(list(units), grouping)
    assert summary(first) == summary(again)
    assert first.proximity == again.proximity
    assert first_findings == again_findings
    ids = [t.id for t in first.teams]
    assert len(set(ids)) == len(ids)


@examples(100)
@given(wards())
def test_reported_distances_are_the_wards_own(units: list[Unit]) -> None:
    """SPEC §6.2: a pair's distance in the ward's basis, a joined team's the joiner's distance
    to the unit it joined (its nearest, under pair-nearest), none for a solo team; measured
    again by the test's own haversine, hops or rank difference, to the product's 0.1.
    A neighbour graph in pieces is reported (NEIGHBOURS_DISCONNECTED)."""
    note(sketch(units))
    ward_plan, findings = plan(units)
    dist = OracleDistances(units)
    assert ward_plan.proximity.value == dist.basis
    disconnected = [f for f in findings if f.code == "NEIGHBOURS_DISCONNECTED"]
    assert len(disconnected) == dist.disconnected, "warned exactly when the graph is in pieces"
    index = {(u.area, u.label): n for n, u in enumerate(units)}
    named = joiners_by_team(findings)
    for team in ward_plan.teams:
        if team.kind is TeamKind.SOLO:
            assert team.distance is None
            continue
        if team.kind is TeamKind.PAIR:
            a, b = (index[(u.area, u.label)] for u in team.units)
            want = dist(a, b)
        else:
            [joiner] = named[team.id]
            want = dist.nearest_distance(index[joiner])
        assert team.distance is not None
        assert abs(team.distance - want) <= 0.05 + 1e-6, (team.id, team.distance, want)


@examples(60)
@given(wards())
def test_threshold_zero_makes_every_unit_solo(units: list[Unit]) -> None:
    note(sketch(units))
    ward_plan, findings = plan(units, Grouping(large_threshold=0))
    assert [t.kind for t in ward_plan.teams] == [TeamKind.SOLO] * len(units)
    assert [t.units for t in ward_plan.teams] == [(u,) for u in units]
    assert not joiners_by_team(findings)
