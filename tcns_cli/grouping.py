"""Solo, pair and joined teams for one ward (SPEC §4.2). Pure: indices in, groups out.

A ward's units are indexed in natural order. Units with at least ``large_threshold``
households stand alone; the others are paired so that (a) as few units as possible leave
their area, then (b) the total distance is least. Only one unit of each area with an odd
number of small units must leave it, so areas with an even count are matched on their own,
and the odd areas' units are matched together, with edges between areas made dearer than
any possible saving in distance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tcns_cli.matching import match_groups, scaled
from tcns_cli.model import TeamKind, Unit
from tcns_cli.profiles import Grouping
from tcns_cli.proximity import Distances

JOINER = -1  # the stand-in partner of the unit left over when the count is odd


@dataclass(frozen=True, slots=True)
class Group:
    """A team in the making: unit indices in natural order, and how it was formed."""

    kind: TeamKind
    members: tuple[int, ...]
    distance: float | None = None
    cross_area: bool = False
    joiner: int | None = None
    joined_to: int | None = None


def area_of(unit: Unit, grouping: Grouping) -> str | None:
    """The pairing area: the khu phố of a TDP, else the whole ward (None)."""
    if grouping.area == "khu_pho" and unit.tdp is not None:
        return unit.khu_pho
    return None


def group_ward(units: Sequence[Unit], grouping: Grouping, dist: Distances) -> list[Group]:
    """Every unit of one ward in exactly one group, ordered by their first unit."""
    limit = grouping.large_threshold
    small = [i for i, u in enumerate(units) if limit > 0 and u.households < limit]
    groups = [Group(TeamKind.SOLO, (i,)) for i, u in enumerate(units) if i not in set(small)]
    areas: dict[str | None, list[int]] = {}
    for i in small:
        areas.setdefault(area_of(units[i], grouping), []).append(i)
    even = [a for a in areas.values() if len(a) % 2 == 0]
    odd = [a for a in areas.values() if len(a) % 2 == 1]
    pairs = match_groups(even, dist)
    if grouping.leftover == "pair-nearest":
        more, joiners = _match_odd_areas(odd, dist)
    else:
        more, joiners = _match_each_alone(odd, dist)
    pairs += more
    groups += [_pair(a, b, units, grouping, dist) for a, b in pairs]
    groups = _join(groups, joiners, units, grouping, dist)
    return sorted(groups, key=lambda g: g.members[0])


def _pair(a: int, b: int, units: Sequence[Unit], grouping: Grouping, dist: Distances) -> Group:
    cross = area_of(units[a], grouping) != area_of(units[b], grouping)
    return Group(TeamKind.PAIR, (a, b), dist(a, b), cross)


def _match_odd_areas(
    odd: list[list[int]], dist: Distances
) -> tuple[list[tuple[int, int]], list[int]]:
    """Odd areas together: one unit of each crosses; a last odd one out becomes the joiner."""
    nodes = [i for area in odd for i in area]
    if not nodes:
        return [], []
    with_joiner = len(nodes) % 2 == 1
    area_index = {i: n for n, area in enumerate(odd) for i in area}
    nearest = {i: scaled(dist(i, j)) for i in nodes if (j := dist.nearest(i)) is not None}
    across = {
        (a, b): scaled(dist(a, b))
        for a in nodes for b in nodes if a < b and area_index[a] != area_index[b]
    }
    # Every perfect matching weighs less than `big` in distance, so each crossing unit costs
    # more than any distance it could save: fewest crossings first, then least distance.
    longest = max([*across.values(), *nearest.values(), *_inner_weights(odd, dist), 0])
    big = longest * (len(nodes) + 2) + 1

    def extra(_: int) -> dict[tuple[int, int], int]:
        edges = {pair: w + 2 * big for pair, w in across.items()}
        if with_joiner:
            edges.update({(JOINER, i): w + big for i, w in nearest.items()})
        return edges

    every = nodes + ([JOINER] if with_joiner else [])
    return _split_joiners(match_groups(odd, dist, extra, every))


def _inner_weights(areas: list[list[int]], dist: Distances) -> list[int]:
    return [scaled(dist(a, b)) for area in areas for a in area for b in area if a < b]


def _match_each_alone(
    odd: list[list[int]], dist: Distances
) -> tuple[list[tuple[int, int]], list[int]]:
    """``join-nearest-team``: each odd area keeps one unit back to join its nearest team."""
    pairs: list[tuple[int, int]] = []
    joiners: list[int] = []
    for area in odd:
        nearest = {i: scaled(dist(i, j)) for i in area if (j := dist.nearest(i)) is not None}
        if not nearest:
            joiners += area
            continue
        edges = {(JOINER, i): w for i, w in nearest.items()}
        found = match_groups([area], dist, _fixed(edges), [*area, JOINER])
        more, left = _split_joiners(found)
        pairs += more
        joiners += left
    return pairs, joiners


def _fixed(edges: dict[tuple[int, int], int]) -> Callable[[int], dict[tuple[int, int], int]]:
    return lambda _k: edges


def _split_joiners(
    found: list[tuple[int, int]],
) -> tuple[list[tuple[int, int]], list[int]]:
    pairs = [(a, b) for a, b in found if a != JOINER]
    joiners = [b for a, b in found if a == JOINER]
    return pairs, joiners


def _join(
    groups: list[Group], joiners: list[int], units: Sequence[Unit], grouping: Grouping,
    dist: Distances,
) -> list[Group]:
    """Each joiner goes into the group of its nearest unit; chains of joiners merge."""
    parent = {i: g.members[0] for g in groups for i in g.members}
    parent.update({j: j for j in joiners})

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    targets = {j: dist.nearest(j) for j in joiners}
    for joiner, target in sorted(targets.items()):
        if target is not None:
            parent[root(joiner)] = root(target)
    parts: dict[int, list[int]] = {}
    for i in sorted(parent):
        parts.setdefault(root(i), []).append(i)
    kinds = {g.members[0]: g for g in groups}
    out = []
    for members in parts.values():
        inside = [j for j in joiners if j in members]
        if not inside:
            out.append(kinds[members[0]])
            continue
        first, target = inside[0], targets[inside[0]]
        if target is None:  # the ward's only unit: nobody to join
            out.append(Group(TeamKind.SOLO, (first,)))
            continue
        cross = area_of(units[first], grouping) != area_of(units[target], grouping)
        out.append(
            Group(TeamKind.JOINED, tuple(members), dist(first, target), cross, first, target)
        )
    return out
