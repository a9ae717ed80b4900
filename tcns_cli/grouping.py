"""Solo, pair and joined teams for one ward (SPEC §4.2). Pure: indices in, groups out.

A ward's units are indexed in natural order. Units with at least ``large_threshold``
households stand alone; the others are paired so that (a) as few units as possible leave
their area, then (b) the total distance is least. Only one unit of each area with an odd
number of small units must leave it, so areas with an even count are matched on their own,
and the odd areas' units are matched together, with edges between areas made dearer than
any possible saving in distance.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tcns_cli.matching import (
    ENUMERATE_AT_MOST,
    FORBID,
    SCALE,
    best_without_each,
    min_weight_perfect_matching,
    scaled,
)
from tcns_cli.model import Proximity, TeamKind, Unit
from tcns_cli.profiles import Grouping
from tcns_cli.proximity import Distances


@dataclass(frozen=True, slots=True)
class Group:
    """A team in the making: unit indices in natural order, and how it was formed."""

    kind: TeamKind
    members: tuple[int, ...]
    distance: float | None = None
    cross_area: bool = False
    joiner: int | None = None
    joined_to: int | None = None
    joins: tuple[tuple[int, int], ...] = ()  # every (joiner, unit it joined), in order


def area_of(unit: Unit, grouping: Grouping) -> str | None:
    """The pairing area: the unit's area (the khu phố of a TDP), else the whole ward (None)."""
    return unit.area if grouping.area == "khu_pho" else None


# Solves a list of matching tables, each on its own: in turn here; a big ward may be given
# one that spreads them over several processes (the answers are the same).
Each = Callable[[Callable[[Any], Any], list[Any]], list[Any]]


def in_turn(solve: Callable[[Any], Any], tables: list[Any]) -> list[Any]:
    """Each table solved in turn, in this process."""
    return [solve(table) for table in tables]


def group_ward(units: Sequence[Unit], grouping: Grouping, dist: Distances,
               each: Each = in_turn) -> list[Group]:
    """Every unit of one ward in exactly one group, ordered by their first unit.

    ``each`` solves the areas' own matchings (the even areas', and every odd area's without
    each of its units), which do not depend on each other.
    """
    limit = grouping.large_threshold
    small = [i for i, u in enumerate(units) if limit > 0 and u.households < limit]
    smalls = set(small)
    groups = [Group(TeamKind.SOLO, (i,)) for i in range(len(units)) if i not in smalls]
    areas: dict[str | None, list[int]] = {}
    for i in small:
        areas.setdefault(area_of(units[i], grouping), []).append(i)
    odd = [a for a in areas.values() if len(a) % 2 == 1]
    even = [a for a in areas.values() if len(a) % 2 == 0]
    found = each(min_weight_perfect_matching, [_weights(a, a, dist) for a in even])
    pairs = [(area[i], area[j]) for area, matched in zip(even, found, strict=True)
             for i, j in matched]
    joiners: list[int] = []
    if grouping.leftover == "pair-nearest" and len(odd) > 1:
        without = each(best_without_each, [_weights(a, a, dist) for a in odd])
        inner = [[(cost, [(area[a], area[b]) for a, b in matched]) for cost, matched in rows]
                 for area, rows in zip(odd, without, strict=True)]
        more, joiners = _match_odd_areas(odd, inner, dist)
        pairs += more
    else:
        for area in odd:
            more, left = _keep_one_back(area, dist)
            pairs += more
            joiners += left
    groups += [_pair(a, b, units, grouping, dist) for a, b in pairs]
    groups = _join(groups, joiners, units, grouping, dist)
    return sorted(groups, key=lambda g: g.members[0])


def _pair(a: int, b: int, units: Sequence[Unit], grouping: Grouping, dist: Distances) -> Group:
    cross = area_of(units[a], grouping) != area_of(units[b], grouping)
    return Group(TeamKind.PAIR, (a, b), dist(a, b), cross)


def _weights(rows: list[int], cols: list[int], dist: Distances) -> list[list[float]]:
    """The matching's weights (whole millimetres) between two lists of units: ``scaled``
    of each distance, written out (a call per cell costs a tenth of a ward's planning)."""
    to_mm = float(SCALE)
    return [[float(round(d * to_mm)) for d in line] for line in dist.table(rows, cols)]


def _reach(i: int, dist: Distances) -> float:
    """The weight of unit ``i`` joining its nearest unit (the ward has two units or more)."""
    nearest = dist.nearest(i)
    assert nearest is not None
    return scaled(dist(i, nearest))


def _keep_one_back(area: list[int], dist: Distances) -> tuple[list[tuple[int, int]], list[int]]:
    """An odd area on its own: pair all but one unit, the one whose joining costs least.

    The unit kept back gets a stand-in partner whose edge weighs the distance to its
    nearest unit of the ward, so one matching chooses it and pairs the rest.
    """
    if dist.nearest(area[0]) is None:  # the ward's only unit: nobody to pair or join
        return [], list(area)
    size = len(area)
    reach = [_reach(i, dist) for i in area]
    table = [[*line, far] for line, far in zip(_weights(area, area, dist), reach, strict=True)]
    table.append([*reach, FORBID])
    found = min_weight_perfect_matching(table)
    pairs = [(area[i], area[j]) for i, j in found if j < size]
    return pairs, [area[i] for i, j in found if j == size]


def _match_odd_areas(
    odd: list[list[int]], inner: list[list[tuple[float, list[tuple[int, int]]]]],
    dist: Distances,
) -> tuple[list[tuple[int, int]], list[int]]:
    """Several odd areas: each gives exactly one unit, paired across (or the joiner).

    For every unit u of an odd area A, ``inner[A][u]`` is the least weight of pairing the
    rest of A. Leaving areas A and B through u and v costs inner[A][u] + inner[B][v] +
    d(u, v), and the choices of different area pairs do not interact, so a matching over
    the areas (plus a stand-in for the joiner when their number is odd) is exact.
    """
    cost = [[c for c, _ in rows] for rows in inner]
    count = len(odd)
    with_joiner = count % 2 == 1
    top = [[FORBID] * (count + with_joiner) for _ in range(count + with_joiner)]
    best: dict[tuple[int, int], tuple[int, int]] = {}
    if with_joiner:
        for a in range(count):
            reach, first = min((c + _reach(i, dist), u)
                               for u, (c, i) in enumerate(zip(cost[a], odd[a], strict=True)))
            top[a][count] = top[count][a] = reach
            best[(a, count)] = (first, -1)
    if count > ENUMERATE_AT_MOST and dist.basis is not Proximity.ADJACENCY:
        chosen = _match_far_apart(odd, cost, top, dist)
    else:
        for a in range(count - 1):
            # For every unit v that may leave a later area: the least cost of a's leaving
            # unit and the distance to v. Then the two areas' least cost, without their
            # whole table.
            later = [v for area in odd[a + 1 :] for v in area]
            low = iter(dist.lowest_sums(odd[a], cost[a], later))
            for b in range(a + 1, count):
                top[a][b] = top[b][a] = min(next(low) + c for c in cost[b])
        # The areas' own matching is small: up to ENUMERATE_AT_MOST areas it is listed.
        chosen = min_weight_perfect_matching(top, ENUMERATE_AT_MOST)
    pairs: list[tuple[int, int]] = []
    joiners: list[int] = []
    for a, b in chosen:
        if b < count:
            best[(a, b)] = _leaving(odd[a], odd[b], cost[a], cost[b], dist)[1:]
        u, v = best[(a, b)]
        pairs += inner[a][u][1]
        if b == count:
            joiners.append(odd[a][u])
            continue
        pairs += inner[b][v][1]
        pairs.append((odd[a][u], odd[b][v]))
    return pairs, joiners


def _leaving(first: list[int], second: list[int], cost_first: list[float],
             cost_second: list[float], dist: Distances) -> tuple[float, int, int]:
    """Two odd areas' least cost of each giving one unit to a cross pair, and those units
    (positions in each area): of equal costs the first in (u, v) order (natural order)."""
    return dist.least_pair(first, second, cost_first, cost_second)


# Each odd area's cost to the areas whose centres are nearest is computed at once.
NEAR_AREAS = 10


def _match_far_apart(odd: list[list[int]], cost: list[list[float]], top: list[list[float]],
                     dist: Distances) -> list[tuple[int, int]]:
    """The odd areas' matching when there are many, without every two areas' cost.

    Distances obey the triangle inequality (coordinates, numbering), so two areas cost at
    least their own least costs plus the gap between them: the distance of their first
    units less each area's reach around its first unit (less a millimetre for rounding).
    The matching is solved on these lower bounds where the true cost is not yet known; each
    bound the answer uses is replaced by the true cost, until the answer uses true costs
    only. It is then optimal: its cost is true, every other matching costs at least its
    bounds. ``top`` gets the true costs (and keeps the joiner's column).
    """
    count = len(odd)
    centres = [area[0] for area in odd]
    reach = [max(dist.table([area[0]], area)[0]) for area in odd]
    apart = dist.table(centres, centres)
    least = [min(c) for c in cost]
    known: set[tuple[int, int]] = set()

    def learn(a: int, b: int) -> None:
        a, b = min(a, b), max(a, b)
        if (a, b) not in known:
            known.add((a, b))
            top[a][b] = top[b][a] = _leaving(odd[a], odd[b], cost[a], cost[b], dist)[0]

    for a in range(count):
        for b in range(count):
            if a != b:
                gap = apart[a][b] - reach[a] - reach[b]
                top[a][b] = least[a] + least[b] + max(0.0, math.floor(gap * SCALE) - 1.0)
    for a in range(count):
        for b in sorted((b for b in range(count) if b != a), key=lambda b: top[a][b])[
                :NEAR_AREAS]:
            learn(a, b)
    while True:
        chosen = min_weight_perfect_matching(top)
        guessed = [(a, b) for a, b in chosen if b < count and (a, b) not in known]
        if not guessed:
            return chosen
        for a, b in guessed:
            learn(a, b)


def _join(
    groups: list[Group], joiners: list[int], units: Sequence[Unit], grouping: Grouping,
    dist: Distances,
) -> list[Group]:
    """Each joiner, in natural order, joins the group of its nearest unit.

    Groups merge as joiners join them (a joiner may join another joiner). A group already
    holding ``max_units_per_team`` units takes no more: the joiner goes to the nearest unit
    whose group has room, and only when none has room, to its nearest unit's group.
    """
    limit = grouping.max_units_per_team or len(units)
    parent = {i: g.members[0] for g in groups for i in g.members}
    parent.update({j: j for j in joiners})
    size = {g.members[0]: len(g.members) for g in groups} | dict.fromkeys(joiners, 1)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    joins: list[tuple[int, int]] = []
    for joiner in sorted(joiners):
        order = dist.by_distance(joiner)
        roomy = [t for t in order if root(t) == root(joiner)
                 or size[root(joiner)] + size[root(t)] <= limit]
        # No team with room: the leftover still joins its nearest (the self-check then
        # reports TOO_MANY_UNITS) rather than stand alone against the rule.
        if not order:  # the ward's only unit: nobody to join
            continue
        target = (roomy or order)[0]
        a, b = root(joiner), root(target)
        if a != b:
            parent[b] = a
            size[a] += size[b]
        joins.append((joiner, target))
    return _components(groups, joiners, joins, root, units, grouping, dist)


def _components(
    groups: list[Group], joiners: list[int], joins: list[tuple[int, int]],
    root: Callable[[int], int],
    units: Sequence[Unit], grouping: Grouping, dist: Distances,
) -> list[Group]:
    """The merged groups: untouched ones as they were, the others as joined groups."""
    members: dict[int, list[int]] = {}
    for i in sorted({i for g in groups for i in g.members} | set(joiners)):
        members.setdefault(root(i), []).append(i)
    joined: dict[int, list[tuple[int, int]]] = {}
    for joiner, target in joins:
        joined.setdefault(root(joiner), []).append((joiner, target))
    kept = {g.members[0]: g for g in groups}
    out = []
    for top, inside in members.items():
        if top not in joined:
            out.append(kept.get(inside[0]) or Group(TeamKind.SOLO, tuple(inside)))
            continue
        first, target = joined[top][0]
        cross = area_of(units[first], grouping) != area_of(units[target], grouping)
        out.append(Group(TeamKind.JOINED, tuple(inside), dist(first, target), cross, first,
                         target, tuple(joined[top])))
    return out
