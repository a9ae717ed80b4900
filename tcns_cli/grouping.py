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


@dataclass(frozen=True, slots=True)
class Rewards:
    """What keeping a current team is worth in the matching's weights (SPEC §9).

    Each pair of small units that is a current team weighs ``bonus`` less: ``bonus`` is
    above any total distance of the ward, so one more kept team outweighs every saving in
    distance, and it never buys a unit leaving its area (how many leave is fixed by the
    areas' counts, not by the weights). ``extra`` is added to a unit's joining weight (what
    its joining does to the current teams), ``only`` lets one unit alone join, ``barred``
    units may not.
    """

    bonus: float
    partner: dict[int, int]  # a small unit → the small unit pairing with which keeps a team
    distance: Callable[[int, int], float]
    extra: Callable[[int], float]
    only: int | None = None
    barred: frozenset[int] = frozenset()

    def joining(self, i: int) -> float:
        """The extra weight of unit ``i`` joining a team, FORBID when it may not."""
        if i in self.barred or (self.only is not None and i != self.only):
            return FORBID
        return self.extra(i)


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
               each: Each = in_turn, keep: Sequence[tuple[int, ...]] = ()) -> list[Group]:
    """Every unit of one ward in exactly one group, ordered by their first unit.

    ``each`` solves the areas' own matchings (the even areas', and every odd area's without
    each of its units), which do not depend on each other. ``keep``: the current teams
    (unit indices in natural order, each unit in one at most) to keep as many of as the
    rules allow (SPEC §9): see :func:`_group_keeping`.
    """
    if keep:
        return _group_keeping(units, grouping, dist, each, keep)
    return _group(units, grouping, dist, each, None)


def _group(units: Sequence[Unit], grouping: Grouping, dist: Distances, each: Each,
           rewards: Rewards | None) -> list[Group]:
    """The groups of least weight: distances, less the rewards of kept teams if given."""
    limit = grouping.large_threshold
    small = [i for i, u in enumerate(units) if limit > 0 and u.households < limit]
    smalls = set(small)
    groups = [Group(TeamKind.SOLO, (i,)) for i in range(len(units)) if i not in smalls]
    areas: dict[str | None, list[int]] = {}
    for i in small:
        areas.setdefault(area_of(units[i], grouping), []).append(i)
    odd = [a for a in areas.values() if len(a) % 2 == 1]
    even = [a for a in areas.values() if len(a) % 2 == 0]
    found = each(min_weight_perfect_matching, [_weights(a, a, dist, rewards) for a in even])
    pairs = [(area[i], area[j]) for area, matched in zip(even, found, strict=True)
             for i, j in matched]
    joiners: list[int] = []
    if grouping.leftover == "pair-nearest" and len(odd) > 1:
        without = each(best_without_each, [_weights(a, a, dist, rewards) for a in odd])
        inner = [[(cost, [(area[a], area[b]) for a, b in matched]) for cost, matched in rows]
                 for area, rows in zip(odd, without, strict=True)]
        more, joiners = _match_odd_areas(odd, inner, dist, rewards)
        pairs += more
    else:
        for area in odd:
            more, left = _keep_one_back(area, dist, rewards)
            pairs += more
            joiners += left
    groups += [_pair(a, b, units, grouping, dist) for a, b in pairs]
    groups = _join(groups, joiners, units, grouping, dist)
    return sorted(groups, key=lambda g: g.members[0])


def _pair(a: int, b: int, units: Sequence[Unit], grouping: Grouping, dist: Distances) -> Group:
    cross = area_of(units[a], grouping) != area_of(units[b], grouping)
    return Group(TeamKind.PAIR, (a, b), dist(a, b), cross)


def _weights(rows: list[int], cols: list[int], dist: Distances,
             rewards: Rewards | None = None) -> list[list[float]]:
    """The matching's weights (whole millimetres) between two lists of units: ``scaled``
    of each distance, written out (a call per cell costs a tenth of a ward's planning),
    less the reward of each pair that keeps a current team."""
    to_mm = float(SCALE)
    table = [[float(round(d * to_mm)) for d in line] for line in dist.table(rows, cols)]
    if rewards is not None and rewards.partner:
        at = {j: c for c, j in enumerate(cols)}
        for r, i in enumerate(rows):
            c = at.get(rewards.partner.get(i, -1))
            if c is not None:
                table[r][c] -= rewards.bonus
    return table


def _joining(i: int, dist: Distances, rewards: Rewards | None) -> float:
    """The weight of unit ``i`` being the one that joins a team (with what that does to the
    current teams, or FORBID when it may not)."""
    return _reach(i, dist) + (rewards.joining(i) if rewards is not None else 0.0)


def _reach(i: int, dist: Distances) -> float:
    """The weight of unit ``i`` joining its nearest unit (the ward has two units or more)."""
    nearest = dist.nearest(i)
    assert nearest is not None
    return scaled(dist(i, nearest))


def _keep_one_back(area: list[int], dist: Distances, rewards: Rewards | None = None
                   ) -> tuple[list[tuple[int, int]], list[int]]:
    """An odd area on its own: pair all but one unit, the one whose joining costs least.

    The unit kept back gets a stand-in partner whose edge weighs the distance to its
    nearest unit of the ward, so one matching chooses it and pairs the rest.
    """
    if dist.nearest(area[0]) is None:  # the ward's only unit: nobody to pair or join
        return [], list(area)
    size = len(area)
    reach = [_joining(i, dist, rewards) for i in area]
    table = [[*line, far] for line, far in zip(_weights(area, area, dist, rewards), reach,
                                               strict=True)]
    table.append([*reach, FORBID])
    found = min_weight_perfect_matching(table)
    pairs = [(area[i], area[j]) for i, j in found if j < size]
    return pairs, [area[i] for i, j in found if j == size]


def _match_odd_areas(
    odd: list[list[int]], inner: list[list[tuple[float, list[tuple[int, int]]]]],
    dist: Distances, rewards: Rewards | None = None,
) -> tuple[list[tuple[int, int]], list[int]]:
    """Several odd areas: each gives exactly one unit, paired across (or the joiner).

    For every unit u of an odd area A, ``inner[A][u]`` is the least weight of pairing the
    rest of A. Leaving areas A and B through u and v costs inner[A][u] + inner[B][v] +
    d(u, v), and the choices of different area pairs do not interact, so a matching over
    the areas (plus a stand-in for the joiner when their number is odd) is exact. A current
    pair across two odd areas is rewarded: its areas' cost is the lesser of the two.
    """
    cost = [[c for c, _ in rows] for rows in inner]
    across = _rewarded_across(odd, rewards)
    count = len(odd)
    with_joiner = count % 2 == 1
    top = [[FORBID] * (count + with_joiner) for _ in range(count + with_joiner)]
    best: dict[tuple[int, int], tuple[int, int]] = {}
    if with_joiner:
        for a in range(count):
            reach, first = min((min(FORBID, c + _joining(i, dist, rewards)), u)
                               for u, (c, i) in enumerate(zip(cost[a], odd[a], strict=True)))
            top[a][count] = top[count][a] = reach
            best[(a, count)] = (first, -1)
    if count > ENUMERATE_AT_MOST and dist.basis is not Proximity.ADJACENCY:
        chosen = _match_far_apart(odd, cost, top, dist, across)
    else:
        for a in range(count - 1):
            # For every unit v that may leave a later area: the least cost of a's leaving
            # unit and the distance to v. Then the two areas' least cost, without their
            # whole table.
            later = [v for area in odd[a + 1 :] for v in area]
            low = iter(dist.lowest_sums(odd[a], cost[a], later))
            for b in range(a + 1, count):
                top[a][b] = top[b][a] = min(next(low) + c for c in cost[b])
        for a, b in across:
            top[a][b] = top[b][a] = min([top[a][b],
                                         *(c for c, _, _ in _kept_across(across, a, b, cost))])
        # The areas' own matching is small: up to ENUMERATE_AT_MOST areas it is listed.
        chosen = min_weight_perfect_matching(top, ENUMERATE_AT_MOST)
    pairs: list[tuple[int, int]] = []
    joiners: list[int] = []
    for a, b in chosen:
        if b < count:
            best[(a, b)] = _leaving(odd[a], odd[b], cost[a], cost[b], dist,
                                    _kept_across(across, a, b, cost))[1:]
        u, v = best[(a, b)]
        pairs += inner[a][u][1]
        if b == count:
            joiners.append(odd[a][u])
            continue
        pairs += inner[b][v][1]
        pairs.append((odd[a][u], odd[b][v]))
    return pairs, joiners


def _leaving(first: list[int], second: list[int], cost_first: list[float],
             cost_second: list[float], dist: Distances,
             kept: Sequence[tuple[float, int, int]] = ()) -> tuple[float, int, int]:
    """Two odd areas' least cost of each giving one unit to a cross pair, and those units
    (positions in each area): of equal costs the first in (u, v) order (natural order).
    ``kept``: the same for the rewarded current pairs between them."""
    return min([dist.least_pair(first, second, cost_first, cost_second), *kept])


Across = dict[tuple[int, int], list[tuple[float, int, int]]]


def _rewarded_across(odd: list[list[int]], rewards: Rewards | None) -> Across:
    """The current pairs between two odd areas, by the two areas (indices into ``odd``,
    lesser first): ``(weight with its reward, position in the first, in the second)``."""
    if rewards is None or not rewards.partner:
        return {}
    where = {i: (a, n) for a, area in enumerate(odd) for n, i in enumerate(area)}
    found: Across = {}
    for i, j in rewards.partner.items():
        if i < j and i in where and j in where and where[i][0] != where[j][0]:
            (a, u), (b, v) = sorted([where[i], where[j]])
            weight = scaled(rewards.distance(i, j)) - rewards.bonus
            found.setdefault((a, b), []).append((weight, u, v))
    return found


def _kept_across(across: Across, a: int, b: int, cost: list[list[float]]
                 ) -> list[tuple[float, int, int]]:
    """Areas ``a`` < ``b`` leaving through a rewarded current pair: each such way's cost."""
    return [(cost[a][u] + weight + cost[b][v], u, v) for weight, u, v in across.get((a, b), [])]


# Each odd area's cost to the areas whose centres are nearest is computed at once.
NEAR_AREAS = 10


def _match_far_apart(odd: list[list[int]], cost: list[list[float]], top: list[list[float]],
                     dist: Distances, across: Across | None = None) -> list[tuple[int, int]]:
    """The odd areas' matching when there are many, without every two areas' cost.

    Distances obey the triangle inequality (coordinates, numbering), so two areas cost at
    least their own least costs plus the gap between them: the distance of their first
    units less each area's reach around its first unit (less a millimetre for rounding).
    The matching is solved on these lower bounds where the true cost is not yet known; each
    bound the answer uses is replaced by the true cost, until the answer uses true costs
    only. It is then optimal: its cost is true, every other matching costs at least its
    bounds. ``top`` gets the true costs (and keeps the joiner's column). Areas a rewarded
    current pair joins (``across``) have no such bound: their true cost is learnt first.
    """
    across = across or {}
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
            top[a][b] = top[b][a] = _leaving(odd[a], odd[b], cost[a], cost[b], dist,
                                             _kept_across(across, a, b, cost))[0]

    for a in range(count):
        for b in range(count):
            if a != b:
                gap = apart[a][b] - reach[a] - reach[b]
                top[a][b] = least[a] + least[b] + max(0.0, math.floor(gap * SCALE) - 1.0)
    for a, b in across:
        learn(a, b)
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


# --- keeping the current teams (SPEC §9) -----------------------------------------------------

def _group_keeping(units: Sequence[Unit], grouping: Grouping, dist: Distances, each: Each,
                   keep: Sequence[tuple[int, ...]]) -> list[Group]:
    """The groups that keep the most current teams, then weigh least (SPEC §9).

    Pairs are rewarded in the matching's weights (:class:`Rewards`). The joiner is what the
    weights cannot say alone: a joiner whose nearest unit is large breaks or keeps that
    unit's solo team, which depends on the joiner only (its ``extra``); a joiner whose
    nearest unit is small breaks that unit's current pair, or makes a current joined team,
    only if the matching pairs that unit with its current partner. Such a joiner is first
    weighed as if it broke nothing and made its team (a bound: no grouping weighs less than
    it is weighed). When the lightest grouping's joiner breaks its nearest unit's pair
    after all, that joiner's best is found by a solve where it alone joins and the pair's
    reward is rewritten, and it is barred from the next solves; the search stops when the
    lightest grouping is weighed truly, or weighs no less than the best found: optimal.
    """
    limit = grouping.large_threshold
    small = {i for i, u in enumerate(units) if limit > 0 and u.households < limit}
    teams = {frozenset(t) for t in keep}
    team_of = {i: t for t in keep for i in t}
    partner = {}
    for team in keep:
        if len(team) == 2 and team[0] in small and team[1] in small:
            partner[team[0]], partner[team[1]] = team[1], team[0]
    solo_kept = {t[0] for t in keep if len(t) == 1 and t[0] not in small}
    bonus = _bonus(units, len(small), dist)
    cap = grouping.max_units_per_team

    def target(u: int) -> int | None:
        # The joiner's team, as _join finds it when it is the only joiner: every other
        # group is a pair of small units or a large unit alone.
        if not cap or cap >= 3:
            return dist.nearest(u)
        order = dist.by_distance(u)
        return next((t for t in order if (1 if t not in small else 2) + 1 <= cap),
                    order[0] if order else None)

    def effect(u: int) -> tuple[float, dict[int, int] | None]:
        """The joiner's extra weight as first weighed, and the partners its own solve
        rewrites (None: the weight is already true)."""
        t = target(u)
        if t is None:
            return 0.0, None
        if t not in small:
            return bonus * ((t in solo_kept) - (frozenset((u, t)) in teams)), None
        team = team_of.get(t, ())
        if len(team) == 2 and partner.get(t) is not None and partner[t] != u:
            return 0.0, {t: -1, partner[t]: -1}
        if len(team) == 3 and u in team:
            other = next(x for x in team if x not in (u, t))
            if other in small:
                return -bonus, {t: other, other: t}
        return 0.0, None

    effects: dict[int, tuple[float, dict[int, int] | None]] = {}
    made_true: dict[int, float] = {}  # joiners whose first weight was made true

    def first_weight(u: int) -> float:
        if u in made_true:
            return made_true[u]
        if u not in effects:
            effects[u] = effect(u)
        return effects[u][0]

    def make_true(area: list[int]) -> None:
        """The true joining weight of each unit of an odd area whose joining breaks a
        current pair of the area, or makes a joined team of it: what pairing the rest of
        the area costs with that pair's reward rewritten, over what it costs as weighed.
        (A pair that leaves the area is left to the joiner's own solve.)"""
        table = _weights(area, area, dist, rewards)
        at = {i: n for n, i in enumerate(area)}
        for n, u in enumerate(area):
            first_weight(u)
            rewrite = effects[u][1]
            if rewrite is None or any(i not in at for i in rewrite):
                continue
            rest = [m for m in range(len(area)) if m != n]
            weighed_rest = [[table[a][b] for b in rest] for a in rest]
            rewritten = [line[:] for line in weighed_rest]
            where = {m: k for k, m in enumerate(rest)}
            t, other = rewrite  # the broken pair (both -1), or the joined team's two others
            a, b = where[at[t]], where[at[other]]
            change = bonus if rewrite[t] < 0 else -bonus
            rewritten[a][b] = rewritten[b][a] = weighed_rest[a][b] + change
            made_true[u] = _matched_weight(rewritten) - _matched_weight(weighed_rest)

    def distance(groups: list[Group]) -> tuple[float, int]:
        """The groups' weight without rewards (pairs, and the joiner's reach), and how many
        of their pairs (a joined team's included) are current pairs."""
        total, pairs = 0.0, 0
        for group in groups:
            rest = [i for i in group.members if i != group.joiner]
            if len(rest) == 2:
                total += scaled(dist(*rest))
                pairs += partner.get(rest[0]) == rest[1]
            if group.joiner is not None:
                total += _reach(group.joiner, dist)
        return total, pairs

    def truth(groups: list[Group]) -> float:
        """The grouping's true weight: its distances, less a bonus per kept team (the
        large units' current solo teams counted in advance, as the matching counts them)."""
        kept = sum(frozenset(group.members) in teams for group in groups)
        return distance(groups)[0] - bonus * (kept - len(solo_kept))

    def weighed(groups: list[Group], rewards: Rewards) -> float:
        """The weight the matching gave the grouping."""
        total, pairs = distance(groups)
        joiners = sum(rewards.extra(g.joiner) for g in groups if g.joiner is not None)
        return total - bonus * pairs + joiners

    rewards = Rewards(bonus, partner, dist, first_weight)
    groups = _group(units, grouping, dist, each, rewards)
    if grouping.leftover != "pair-nearest":
        # Every odd area's leftover joins a team, and joiners may join each other: the
        # effect of several joiners is not weighed exactly. The groups kept are the better
        # of the rewarded matching and the fresh plan (its own teams come back whole).
        return min((groups, _group(units, grouping, dist, each, None)), key=truth)
    areas: dict[str | None, list[int]] = {}
    for i in sorted(small):
        areas.setdefault(area_of(units[i], grouping), []).append(i)
    may_join = {i for area in areas.values() if len(area) % 2 for i in area}
    best: tuple[float, list[Group]] | None = None
    barred: set[int] = set()
    trued: set[str | None] = set()
    each = _remembering(each)  # a search solves the same areas again: once is enough
    while True:
        joiner = next((g.joiner for g in groups if g.joiner is not None), None)
        low, true = weighed(groups, rewards), truth(groups)
        if best is not None and low >= best[0]:
            return best[1]
        if true == low or joiner is None:
            return groups if best is None or true < best[0] else best[1]
        home = area_of(units[joiner], grouping)
        if home not in trued:  # weigh every joiner of this area truly, then solve again
            trued.add(home)
            make_true(areas[home])
            rewards = Rewards(bonus, partner, dist, first_weight, barred=frozenset(barred))
            groups = _group(units, grouping, dist, each, rewards)
            continue
        rewrite = effects[joiner][1] or {}
        own = {i: j for i, j in {**partner, **rewrite}.items() if j >= 0}
        alone = Rewards(bonus, own, dist, lambda _: 0.0, only=joiner)
        found = _group(units, grouping, dist, each, alone)
        value = truth(found)
        if best is None or value < best[0]:
            best = (value, found)
        barred.add(joiner)
        if barred >= may_join:
            return best[1]
        rewards = Rewards(bonus, partner, dist, first_weight, barred=frozenset(barred))
        groups = _group(units, grouping, dist, each, rewards)


def _remembering(each: Each) -> Each:
    """``each``, remembering every table's answer: the search for the best joiner solves
    the ward again with one joiner's weights changed, and most areas' tables are the same."""
    known: dict[tuple[Any, tuple[tuple[float, ...], ...]], Any] = {}

    def remembered(solve: Callable[[Any], Any], tables: list[Any]) -> list[Any]:
        keys = [(solve, tuple(map(tuple, table))) for table in tables]
        new = [k for k in dict.fromkeys(keys) if k not in known]
        answers = each(solve, [[list(r) for r in k[1]] for k in new])
        known.update(zip(new, answers, strict=True))
        return [known[k] for k in keys]

    return remembered


def _matched_weight(table: list[list[float]]) -> float:
    """The weight of the lightest perfect matching of a table."""
    return sum(table[a][b] for a, b in min_weight_perfect_matching(table))


def _bonus(units: Sequence[Unit], small: int, dist: Distances) -> float:
    """A reward above any total weight of the ward's groups: (small units + 2) times a
    bound on any one weight (twice the farthest unit from the first, by the triangle
    inequality; hops: twice the ward's size, which bounds even the made-up ones)."""
    if not units:
        return 1.0
    if dist.basis is Proximity.ADJACENCY:
        far = 2.0 * len(units)
    else:
        far = 2.0 * max(dist.table([0], range(len(units)))[0])
    return (small + 2) * (scaled(far) + 2.0)
