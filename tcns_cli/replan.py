"""Re-planning with the current teams (SPEC §9). Pure: a ward, its current teams (a team
list matched to its units by :func:`tcns_cli.rosters.match_roster`) and its new data in;
which teams may be kept, their codes, who may keep serving, and what changed out.

The grouping itself is :func:`tcns_cli.grouping.group_ward` with ``keep``; the people are
composed by :func:`tcns_cli.compose.compose_team` from a pool that puts the people who
serve now first. :func:`tcns_cli.plan.plan_ward` runs the steps in order.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from tcns_cli.checks import same_person
from tcns_cli.compose import person_key
from tcns_cli.grouping import Group, area_of
from tcns_cli.model import (
    Change,
    CheckedTeam,
    Person,
    Status,
    Team,
    Unit,
    UnitKey,
)
from tcns_cli.normalize import fold, natural_key
from tcns_cli.profiles import Profile

# Reason codes (SPEC §9): why a team changed, why a person left or joined it.
UNIT_GONE = "UNIT_GONE"
UNIT_NEW = "UNIT_NEW"
UNIT_NOW_LARGE = "UNIT_NOW_LARGE"
UNIT_NOW_SMALL = "UNIT_NOW_SMALL"
CROSS_AREA_NOT_NEEDED = "CROSS_AREA_NOT_NEEDED"
UNIT_IN_SEVERAL_TEAMS = "UNIT_IN_SEVERAL_TEAMS"
REGROUPED = "REGROUPED"
PERSON_GONE = "PERSON_GONE"
NO_LONGER_LEADER = "NO_LONGER_LEADER"
NOT_IN_ORGANIZATION = "NOT_IN_ORGANIZATION"
PERSON_MOVED = "PERSON_MOVED"
NO_PLACE = "NO_PLACE"
PERSON_NEW = "PERSON_NEW"
REASONS = (UNIT_GONE, UNIT_NEW, UNIT_NOW_LARGE, UNIT_NOW_SMALL, CROSS_AREA_NOT_NEEDED,
           UNIT_IN_SEVERAL_TEAMS, REGROUPED, PERSON_GONE, NO_LONGER_LEADER,
           NOT_IN_ORGANIZATION, PERSON_MOVED, NO_PLACE, PERSON_NEW)


def keepable(units: Sequence[Unit], current: Sequence[CheckedTeam]
             ) -> tuple[list[tuple[int, ...]], set[str]]:
    """The current teams that may be kept, as unit indices in natural order, and the codes
    of the teams that claim a unit an earlier team of the list has claimed.

    A team naming a unit the data no longer has cannot be kept (the same units are gone);
    of two teams claiming one unit the first in the list may be kept.
    """
    index = {id(u): i for i, u in enumerate(units)}
    claimed: set[int] = set()
    keep: list[tuple[int, ...]] = []
    twice: set[str] = set()
    for team in current:
        members = tuple(sorted(index[id(u)] for u in team.units if id(u) in index))
        if claimed.intersection(members):
            twice.add(team.id)
        elif members and len(members) == len(team.units) and not team.unknown_units:
            keep.append(members)
            claimed.update(members)
    return keep, twice


def codes(groups: Sequence[Group], units: Sequence[Unit], current: Sequence[CheckedTeam]
          ) -> list[str]:
    """Each group's code: a kept team's own; a changed team the code of the current team
    that gives it most units (of equal counts the first in the list); a new team the next
    free code. No code goes to two teams, nor a dissolved team's code to a new one."""
    sets = [frozenset(id(units[i]) for i in g.members) for g in groups]
    mine = [frozenset(id(u) for u in t.units) for t in current]
    out: list[str | None] = [None] * len(groups)
    taken: set[int] = set()
    exact = {team: n for n, team in enumerate(mine) if not current[n].unknown_units}
    for g, members in enumerate(sets):
        n = exact.get(members)
        if n is not None and n not in taken:
            out[g] = current[n].id
            taken.add(n)
    shares = sorted((-len(members & team), g, n)
                    for g, members in enumerate(sets) if out[g] is None
                    for n, team in enumerate(mine) if n not in taken and members & team)
    for share, g, n in shares:
        if share < 0 and out[g] is None and n not in taken:
            out[g] = current[n].id
            taken.add(n)
    fresh = _fresh_codes([t.id for t in current], sum(1 for c in out if c is None),
                         len(groups))
    return [code if code is not None else next(fresh) for code in out]


def _fresh_codes(used: Sequence[str], count: int, teams: int) -> Iterator[str]:
    """Codes after the highest of the list's numbered codes (``T38`` → ``T39``, ``T40``…),
    in its prefix and width; ``T01``… when the list numbers none."""
    numbered = [m for c in used if (m := re.fullmatch(r"(\D*?)(\d+)", c))]
    prefix = Counter(m.group(1) for m in numbered).most_common(1)[0][0] if numbered else "T"
    width = max((len(m.group(2)) for m in numbered if m.group(1) == prefix),
                default=max(2, len(str(teams))))
    start = max((int(m.group(2)) for m in numbered if m.group(1) == prefix), default=0)
    taken = set(used)
    number = start
    made = 0
    while made < count:
        number += 1
        code = f"{prefix}{number:0{width}d}"
        if code not in taken:
            made += 1
            yield code


@dataclass(slots=True)
class Serving:
    """The current list's people as the new data knows them: who may keep serving (the
    data's own records, under the unit they serve for), and why the others may not."""

    members: list[Person] = field(default_factory=list)
    deputies: list[Person] = field(default_factory=list)
    leaders: list[Person] = field(default_factory=list)
    candidates: list[Person] = field(default_factory=list)  # no people data: the list's
    # Units whose data names no head: the list's leader of the team that served them.
    list_leaders: dict[UnitKey, Person] = field(default_factory=dict)
    out: dict[tuple[str, int | None], str] = field(default_factory=dict)  # person → reason


def serving(units: Sequence[Unit], people: Sequence[Person], current: Sequence[CheckedTeam],
            profile: Profile) -> Serving:
    """Who of the current teams may keep serving on the new data (SPEC §9 People).

    With people data a person must be in it (SPEC §7 *Who is who*); a leader must still
    lead a unit, a member still be in an organisation the profile accepts. Without people
    data the list's own people are the candidates, each member under the units of its team
    in turn.
    """
    found = Serving()
    accepted = set(profile.members.organizations)
    by_name: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        by_name[fold(person.name)].append(person)
    leaders: dict[str, list[Person]] = defaultdict(list)
    for unit in units:
        if unit.leader is not None:
            leaders[fold(unit.leader.name)].append(unit.leader)
    with_people = bool(people)

    def known(person: Person, index: dict[str, list[Person]]) -> Person | None:
        return next((p for p in index.get(fold(person.name), ()) if same_person(p, person)),
                    None)

    for team in current:
        headless = bool(team.units) and all(u.leader is None for u in team.units)
        if team.leaders and headless:
            for unit in team.units:  # the data names no head here: the list's stays
                found.list_leaders.setdefault(unit.key, team.leaders[0])
        for person in () if headless else team.leaders:
            record = known(person, leaders)
            if record is not None:
                found.leaders.append(record)
            elif known(person, by_name) is not None:
                found.out[person_key(person)] = NO_LONGER_LEADER
            elif with_people or leaders:
                found.out[person_key(person)] = PERSON_GONE
        spots = team.units or ()
        per_unit = max(1, profile.members.per_unit)
        for role, group in (("deputy", team.deputies), ("member", team.members)):
            for k, person in enumerate(group):
                # Without people data a member served the unit its place was for: the
                # list gives each unit's members in the order of the team's units.
                spot = spots[min(k // per_unit if role == "member" else 0, len(spots) - 1)
                             ] if spots else None
                record = known(person, by_name) if with_people else _under(person, spot)
                if record is None:
                    found.out[person_key(person)] = PERSON_GONE
                    continue
                # The data says which organisation a person is in now; the list, when the
                # list is all there is.
                organization = record.organization if with_people else person.organization
                if role == "member" and organization not in accepted:
                    found.out[person_key(person)] = NOT_IN_ORGANIZATION
                    continue
                (found.deputies if role == "deputy" else found.members).append(record)
                if not with_people:
                    found.candidates.append(record)
    return found


def _under(person: Person, unit: Unit | None) -> Person | None:
    """A person of the list, as the candidate of the unit it served for."""
    if unit is None:
        return None
    return replace(person, ward=unit.ward, area=unit.area, unit=unit.label,
                   unit_type=unit.unit_type)


def changes(teams: Sequence[Team], current: Sequence[CheckedTeam], twice: set[str],
            profile: Profile, found: Serving) -> tuple[Change, ...]:
    """One row per team of the new plan (kept, changed, new), then one per dissolved
    current team, each with its reasons and the people who leave and join it."""
    grouping = profile.grouping
    limit = grouping.large_threshold
    by_code = {t.id: t for t in current}
    current_of: dict[int, CheckedTeam] = {}
    for listed in current:
        for unit in listed.units:
            current_of.setdefault(id(unit), listed)
    serving_now: dict[str, list[tuple[Person, str]]] = defaultdict(list)
    for team in teams:
        for person in _people(team):
            serving_now[fold(person.name)].append((person, team.id))
    served: dict[str, list[tuple[Person, str]]] = defaultdict(list)
    for listed in current:
        for person in listed.people:
            served[fold(person.name)].append((person, listed.id))

    def elsewhere(person: Person, index: dict[str, list[tuple[Person, str]]],
                  team_id: str) -> bool:
        return any(same_person(p, person) and code != team_id
                   for p, code in index.get(fold(person.name), ()))

    def unit_reasons(before: CheckedTeam) -> list[str]:
        reasons = []
        if before.unknown_units:
            reasons.append(UNIT_GONE)
        size = len(before.units) + len(before.unknown_units)
        if size > 1 and any(limit > 0 and u.households >= limit for u in before.units):
            reasons.append(UNIT_NOW_LARGE)
        if size == 1 and before.units and 0 < limit and before.units[0].households < limit:
            reasons.append(UNIT_NOW_SMALL)
        if len({area_of(u, grouping) for u in before.units}) > 1:
            reasons.append(CROSS_AREA_NOT_NEEDED)
        if before.id in twice:
            reasons.append(UNIT_IN_SEVERAL_TEAMS)
        return reasons

    def people_moves(before: CheckedTeam | None, after: Team | None
                     ) -> tuple[tuple[tuple[Person, str], ...], tuple[tuple[Person, str], ...]]:
        old = list(before.people) if before is not None else []
        new = _people(after) if after is not None else []
        gone_units = before is not None and bool(before.unknown_units)
        out = []
        for person in old:
            if any(same_person(person, p) for p in new):
                continue
            why = found.out.get(person_key(person))
            if why is None:
                why = (PERSON_MOVED if elsewhere(person, serving_now, after.id if after else "")
                       else UNIT_GONE if gone_units else NO_PLACE)
            out.append((person, why))
        came = tuple((p, PERSON_MOVED if elsewhere(p, served, before.id if before else "")
                      else PERSON_NEW)
                     for p in new if not any(same_person(p, q) for q in old))
        return tuple(out), came

    rows: list[Change] = []
    for team in teams:
        before = by_code.get(team.id)
        if before is not None and not before.unknown_units and (
                {id(u) for u in before.units} == {id(u) for u in team.units}):
            status, reasons = Status.KEPT, []
        elif before is not None:
            status, reasons = Status.CHANGED, unit_reasons(before)
        else:
            status, reasons = Status.NEW, []
        if any(id(u) not in current_of for u in team.units):
            reasons.append(UNIT_NEW)
        if status is not Status.KEPT and not reasons:
            reasons.append(REGROUPED)
        out, came = people_moves(before, team)
        reasons += [why for _, why in out if why in (PERSON_GONE, NO_LONGER_LEADER,
                                                     NOT_IN_ORGANIZATION)]
        rows.append(Change(team.id, status, before.units if before else (), team.units,
                           tuple(dict.fromkeys(reasons)),
                           before.unknown_units if before else (), out, came,
                           len(before.people) if before else 0))
    codes_now = {t.id for t in teams}
    for before in sorted((t for t in current if t.id not in codes_now),
                         key=lambda t: natural_key(t.id)):
        reasons = unit_reasons(before) or [REGROUPED]
        out, _ = people_moves(before, None)
        reasons += [why for _, why in out if why in (PERSON_GONE, NO_LONGER_LEADER,
                                                     NOT_IN_ORGANIZATION)]
        rows.append(Change(before.id, Status.DISSOLVED, before.units, (),
                           tuple(dict.fromkeys(reasons)), before.unknown_units, out, (),
                           len(before.people)))
    return tuple(rows)


def _people(team: Team) -> list[Person]:
    return [p for p in (team.leader, team.deputy, *team.members) if p is not None]
