"""The rules as checks: one function per finding code of SPEC §7, in one registry.

``tcns validate`` runs them on a team list typed by hand; ``tcns plan`` runs the same
functions on its own teams as a self-check. Each check yields findings; none raises.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from tcns_cli.errors import CHECK_SEVERITY, Finding
from tcns_cli.grouping import area_of
from tcns_cli.messages import Localized, bad_phone
from tcns_cli.model import CheckedTeam, Person, Source, Team, Unit
from tcns_cli.normalize import ORGANIZATION_NAMES, fold, valid_phone
from tcns_cli.places import area_word, describe, describe_all, unit_slots, unit_words, ward_words
from tcns_cli.profiles import Profile
from tcns_cli.proximity import Distances

YOUTH_UNION = "doan-thanh-nien"

@dataclass(frozen=True)
class Ward:
    """One ward's units, teams and known people, under a profile."""

    name: str
    units: tuple[Unit, ...]
    teams: tuple[CheckedTeam, ...]
    people: tuple[Person, ...]
    profile: Profile
    ward_type: str | None = None

    @cached_property
    def words(self) -> dict[str, Any]:
        """The ward's and its units' words for messages (``{in_ward}``, ``{units}``…)."""
        return {**ward_words(self.name, self.ward_type), **unit_words(self.units)}

    def finding(self, code: str, source: Source, team: CheckedTeam | None = None,
                unit: Unit | None = None, /, **params: Any) -> Finding:
        """A finding with this ward's severity for ``code``."""
        severity = self.profile.severity_of(code, CHECK_SEVERITY[code])
        khu_pho, tdp = unit_slots(unit) if unit else (None, None)
        values = {**self.words, "team": team.id if team else "", **params}
        return Finding(code, severity, values, self.name, khu_pho, tdp,
                       team.id if team else None, source)

    @cached_property
    def people_by_name(self) -> dict[str, list[Person]]:
        """The ward's known people by folded name: the people file's, then the unit leaders
        only the unit file names."""
        index: dict[str, list[Person]] = defaultdict(list)
        for person in self.people:
            index[fold(person.name)].append(person)
        for unit in self.units:
            leader = unit.leader
            if leader is not None and not any(leader is p for p in index[fold(leader.name)]):
                index[fold(leader.name)].append(leader)
        return index

    def known(self, person: Person) -> Person | None:
        """The unit or people file's entry for someone on a team (SPEC §7 Who is who)."""
        return next((p for p in self.people_by_name.get(fold(person.name), [])
                     if same_person(p, person)), None)

    @cached_property
    def serving(self) -> _Seen:
        """Everyone serving on a team, found as SPEC §7 Who is who says."""
        seen = _Seen()
        for team in self.teams:
            for person in team.people:
                seen.add(person, team)
        return seen

    @cached_property
    def position(self) -> dict[int, int]:
        """Each unit's index in the ward's natural order."""
        return {id(u): n for n, u in enumerate(self.units)}

    @cached_property
    def distances(self) -> Distances:
        """The ward's proximity table (as the planner measures it)."""
        return Distances(self.units)

    def is_small(self, unit: Unit) -> bool:
        """Below the threshold (never, when the threshold is 0)."""
        limit = self.profile.grouping.large_threshold
        return limit > 0 and unit.households < limit

    def small_per_area(self) -> Counter[str | None]:
        """How many small units each pairing area holds."""
        return Counter(area_of(u, self.profile.grouping) for u in self.units if self.is_small(u))


Check = Callable[[Ward], Iterator[Finding]]
CHECKS: dict[str, Check] = {}


def check(code: str) -> Callable[[Check], Check]:
    """Register a check under its finding code."""
    def register(function: Check) -> Check:
        CHECKS[code] = function
        return function
    return register


def run_checks(ward: Ward, codes: Sequence[str] | None = None) -> list[Finding]:
    """Every registered check (or those named) on one ward, in registry order."""
    return [f for code, fn in CHECKS.items() if codes is None or code in codes for f in fn(ward)]


def same_person(a: Person, b: Person) -> bool:
    """SPEC §7 *Who is who*: the same name, and the same birth year; where either year is
    missing, the same phone.

    A different phone never makes two people of one (phones change, lists are typed later:
    ``PHONE_CHANGED``), and a shared phone never makes one person of two names (a family
    phone). With neither a year nor two valid phones to compare, the name is all there is.
    """
    if a is b:
        return True
    if fold(a.name) != fold(b.name):
        return False
    if a.birth_year is not None and b.birth_year is not None:
        return a.birth_year == b.birth_year
    if valid_phone(a.phone) and valid_phone(b.phone):
        return a.phone == b.phone
    return True


# --- coverage -------------------------------------------------------------------------------

@check("UNIT_NOT_COVERED")
def unit_not_covered(ward: Ward) -> Iterator[Finding]:
    """A unit of the ward is in no team."""
    covered = {id(u) for t in ward.teams for u in t.units}
    for unit in ward.units:
        if id(unit) not in covered:
            yield ward.finding("UNIT_NOT_COVERED", unit.source, None, unit, unit=describe(unit))


@check("UNIT_IN_SEVERAL_TEAMS")
def unit_in_several_teams(ward: Ward) -> Iterator[Finding]:
    """A unit is in more than one team: reported on every team after the first."""
    first: dict[int, CheckedTeam] = {}
    for team in ward.teams:
        for unit in team.units:
            if id(unit) in first:
                yield ward.finding("UNIT_IN_SEVERAL_TEAMS", team.source, team, unit,
                                   unit=describe(unit), other=first[id(unit)].id)
            else:
                first[id(unit)] = team


@check("UNKNOWN_UNIT")
def unknown_unit(ward: Ward) -> Iterator[Finding]:
    """A team names a unit that is not in the unit file."""
    for team in ward.teams:
        for label in team.unknown_units:
            yield ward.finding("UNKNOWN_UNIT", team.source, team, unit=label)


# --- grouping -------------------------------------------------------------------------------

def _joiners_allowed(ward: Ward) -> int:
    """How many small units may be left over to join a neighbouring team."""
    per_area = ward.small_per_area()
    if ward.profile.grouping.leftover == "pair-nearest":
        return sum(per_area.values()) % 2
    return sum(1 for count in per_area.values() if count % 2)


def _is_join(ward: Ward, team: CheckedTeam) -> bool:
    """One large unit and one small unit whose nearest unit of the ward it is."""
    large = [u for u in team.units if not ward.is_small(u)]
    small = [u for u in team.units if ward.is_small(u)]
    if len(large) != 1 or len(small) != 1:
        return False
    index = ward.position
    nearest = ward.distances.nearest(index[id(small[0])])
    return nearest is not None and nearest == index[id(large[0])]


@check("LARGE_UNIT_NOT_ALONE")
def large_unit_not_alone(ward: Ward) -> Iterator[Finding]:
    """A unit at or above the threshold shares its team (the ward's odd leftover may join)."""
    shared = [t for t in ward.teams
              if len(t.units) > 1 and any(not ward.is_small(u) for u in t.units)]
    legit = [t for t in shared if _is_join(ward, t)][: _joiners_allowed(ward)]
    for team in shared:
        if any(team is t for t in legit):
            continue
        for unit in team.units:
            if not ward.is_small(unit):
                yield ward.finding("LARGE_UNIT_NOT_ALONE", team.source, team, unit,
                                   unit=describe(unit), households=unit.households)


@check("SMALL_UNIT_ALONE")
def small_unit_alone(ward: Ward) -> Iterator[Finding]:
    """A small unit is alone although another small unit could pair with it."""
    small_total = sum(ward.small_per_area().values())
    for team in ward.teams:
        if len(team.units) == 1 and ward.is_small(team.units[0]) and small_total > 1:
            unit = team.units[0]
            yield ward.finding("SMALL_UNIT_ALONE", team.source, team, unit, unit=describe(unit))


@check("TOO_MANY_UNITS")
def too_many_units(ward: Ward) -> Iterator[Finding]:
    """More units than ``max_units_per_team``."""
    limit = ward.profile.grouping.max_units_per_team
    for team in ward.teams:
        if limit and len(team.units) > limit:
            yield ward.finding("TOO_MANY_UNITS", team.source, team, count=len(team.units),
                               limit=limit)


@check("AVOIDABLE_CROSS_AREA")
def avoidable_cross_area(ward: Ward) -> Iterator[Finding]:
    """More units leave an area than its odd count forces (at most one, from an odd area)."""
    grouping = ward.profile.grouping
    per_area = ward.small_per_area()
    leaving: dict[str | None, list[CheckedTeam]] = defaultdict(list)
    for team in ward.teams:
        # A small unit crosses when no other unit of its area is in the team: a pair of one
        # area that a leftover of another area joined stays inside its area.
        areas = Counter(area_of(u, grouping) for u in team.units if ward.is_small(u))
        if len(areas) < 2:
            continue
        for area, count in areas.items():
            if count == 1:
                leaving[area].append(team)
    kinds = {u.area: u.area_type for u in ward.units}
    for area, teams in leaving.items():
        if len(teams) > per_area[area] % 2:
            word = area_word(kinds.get(area))
            for team in dict.fromkeys(teams):
                yield ward.finding("AVOIDABLE_CROSS_AREA", team.source, team,
                                   area=Localized(f"{word} {area or ''}", area or ""),
                                   area_word=word, count=per_area[area])


# --- leaders --------------------------------------------------------------------------------

@check("NO_LEADER")
def no_leader(ward: Ward) -> Iterator[Finding]:
    """The team has no Tổ trưởng (an open place none of its units' leaders could fill is
    OPEN_PLACE: the plan leaves it open too, SPEC §4.3)."""
    for team in ward.teams:
        if not team.leaders and not _leader_place_awaited(team):
            yield ward.finding("NO_LEADER", team.source, team, unit=describe_all(team.units))


def _unit_leaders(team: CheckedTeam) -> list[Person]:
    return [u.leader for u in team.units if u.leader is not None]


def _leader_place_awaited(team: CheckedTeam) -> bool:
    """The list keeps an open leader place, and the data names no leader to put in it."""
    return any(role == "leader" for role, _ in team.open_places) and not _unit_leaders(team)


_ROLE_TEXT = {"leader": Localized("tổ trưởng", "leader"), "deputy": Localized("tổ phó", "deputy"),
              "member": Localized("thành viên", "member")}


@check("OPEN_PLACE")
def open_place(ward: Ward) -> Iterator[Finding]:
    """A row of the list gives a role but no name: a place still to be filled (SPEC §6.1)."""
    for team in ward.teams:
        for role, source in team.open_places:
            if role == "leader" and not team.leaders and not _leader_place_awaited(team):
                continue  # NO_LEADER says it: the unit file names the leader to write in
            yield ward.finding("OPEN_PLACE", source.at_column("Họ và tên"), team,
                               role=_ROLE_TEXT.get(role, _ROLE_TEXT["member"]))


@check("LEADER_NOT_UNIT_LEADER")
def leader_not_unit_leader(ward: Ward) -> Iterator[Finding]:
    """The team's leader leads none of its units (checked where unit leaders are known)."""
    for team in ward.teams:
        known = _unit_leaders(team)
        for person in team.leaders:
            if known and not any(same_person(person, k) for k in known):
                yield ward.finding("LEADER_NOT_UNIT_LEADER", person.source, team,
                                   name=person.name)


@check("LEADER_NOT_YOUNGEST")
def leader_not_youngest(ward: Ward) -> Iterator[Finding]:
    """A younger unit leader of the team exists (profiles that prefer the youngest)."""
    if ward.profile.leader.prefer != "youngest":
        return
    for team in ward.teams:
        known = _unit_leaders(team)
        for person in team.leaders:
            match = next((k for k in known if same_person(person, k)), None)
            year = person.birth_year or (match.birth_year if match else None)
            younger = [k for k in known if k.birth_year and year and k.birth_year > year]
            if younger:
                best = max(younger, key=lambda k: k.birth_year or 0)
                yield ward.finding("LEADER_NOT_YOUNGEST", person.source, team,
                                   name=person.name, younger=best.name, year=best.birth_year)


# --- members --------------------------------------------------------------------------------

@check("MEMBER_COUNT")
def member_count(ward: Ward) -> Iterator[Finding]:
    """Members fewer or more than the profile asks."""
    rule = ward.profile.members
    for team in ward.teams:
        wanted = rule.per_unit * (len(team.units) + len(team.unknown_units)) + rule.per_team
        # An open member place is a place (OPEN_PLACE asks for its name), not a missing one.
        count = len(team.members) + sum(1 for role, _ in team.open_places if role == "member")
        if count != wanted:
            yield ward.finding("MEMBER_COUNT", team.source, team, count=count, wanted=wanted)


def organization_of(ward: Ward, person: Person) -> str | None:
    """The person's organisation: as the team list gives it, else from the people list."""
    if person.organization:
        return person.organization
    known = ward.known(person)
    return known.organization if known else None


@check("MEMBER_NOT_IN_ORGANIZATION")
def member_not_in_organization(ward: Ward) -> Iterator[Finding]:
    """A member belongs to no organisation the profile accepts."""
    accepted = set(ward.profile.members.organizations)
    for team in ward.teams:
        for person in team.members:
            if organization_of(ward, person) not in accepted:
                yield ward.finding("MEMBER_NOT_IN_ORGANIZATION", person.source, team,
                                   name=person.name)


@check("YOUTH_UNION_AVAILABLE")
def youth_union_available(ward: Ward) -> Iterator[Finding]:
    """A member is not from the Youth Union though an unused one of the same unit exists."""
    if YOUTH_UNION not in ward.profile.members.prefer:
        return
    others = [(t, p) for t in ward.teams for p in t.members
              if organization_of(ward, p) != YOUTH_UNION]
    if not others:
        return
    serving = ward.serving
    youth: dict[tuple[str | None, str | None, str | None], list[Person]] = defaultdict(list)
    for p in ward.people:
        if p.organization == YOUTH_UNION and not p.is_unit_leader:
            youth[(p.area, p.unit, p.unit_type)].append(p)
    for team, person in others:
        record = ward.known(person) or person
        spare = [p for p in youth.get((record.area, record.unit, record.unit_type), [])
                 if serving.find(p) is None]
        if spare:
            yield ward.finding("YOUTH_UNION_AVAILABLE", person.source, team,
                               name=person.name, spare=spare[0].name)


@check("PERSON_IN_SEVERAL_TEAMS")
def person_in_several_teams(ward: Ward) -> Iterator[Finding]:
    """The same person (name + birth year; phone only where a year is missing) serves twice."""
    seen = _Seen()
    for team in ward.teams:
        for person in team.people:
            earlier = seen.find(person)
            if earlier is not None and earlier is not team:
                yield ward.finding("PERSON_IN_SEVERAL_TEAMS", person.source, team,
                                   name=person.name, other=earlier.id)
            seen.add(person, team)


class _Seen:
    """People already placed, looked up by name (``same_person`` always needs the name)."""

    def __init__(self) -> None:
        self.by_name: dict[str, list[tuple[Person, CheckedTeam]]] = defaultdict(list)

    def add(self, person: Person, team: CheckedTeam) -> None:
        self.by_name[fold(person.name)].append((person, team))

    def find(self, person: Person) -> CheckedTeam | None:
        for other, team in self.by_name.get(fold(person.name), []):
            if same_person(other, person):
                return team
        return None


@check("PHONE_CHANGED")
def phone_changed(ward: Ward) -> Iterator[Finding]:
    """A person of the list (same name and birth year as on file) gives another valid phone:
    once per person, at the list's phone cell."""
    reported: set[tuple[int, str]] = set()
    for team in ward.teams:
        for person in team.people:
            record = ward.known(person)
            if (record is None or person.phone == record.phone
                    or not (valid_phone(person.phone) and valid_phone(record.phone))):
                continue
            key = (id(record), person.phone or "")
            if key not in reported:
                reported.add(key)
                yield ward.finding("PHONE_CHANGED", person.source.at_column("Số điện thoại"),
                                   team, name=person.name, phone=person.phone,
                                   known=record.phone)


@check("BAD_PHONE")
def bad_phone_check(ward: Ward) -> Iterator[Finding]:
    """Phone missing or not a valid Vietnamese number."""
    for team in ward.teams:
        for person in team.people:
            if not valid_phone(person.phone):
                yield ward.finding("BAD_PHONE", person.source.at_column("Số điện thoại"), team,
                                   name=person.name, problem=bad_phone(person.phone))


@check("PLATFORM_NOT_ALLOWED")
def platform_not_allowed(ward: Ward) -> Iterator[Finding]:
    """The team's platform is not one the profile allows."""
    allowed = {fold(p) for p in ward.profile.platforms}
    for team in ward.teams:
        if team.platform and allowed and fold(team.platform) not in allowed:
            yield ward.finding("PLATFORM_NOT_ALLOWED", team.source, team,
                               platform=team.platform, allowed=", ".join(ward.profile.platforms))


@check("TEAM_SIZE")
def team_size(ward: Ward) -> Iterator[Finding]:
    """Team size outside the profile's minimum / maximum."""
    rule = ward.profile.members
    for team in ward.teams:
        size = len(team.people)
        if (rule.min_team_size and size < rule.min_team_size) or (
            rule.max_team_size and size > rule.max_team_size
        ):
            yield ward.finding("TEAM_SIZE", team.source, team, size=size,
                               limits=_limits(rule.min_team_size, rule.max_team_size))


def _limits(low: int, high: int) -> Localized:
    if low and high:
        return Localized(f"từ {low} đến {high} người", f"{low} to {high} people")
    if low:
        return Localized(f"tối thiểu {low} người", f"at least {low} people")
    return Localized(f"tối đa {high} người", f"at most {high} people")


@check("MISSING_ROLE")
def missing_role(ward: Ward) -> Iterator[Finding]:
    """A role the profile requires is absent."""
    for team in ward.teams:
        present = {organization_of(ward, p) for p in team.people}
        for role in ward.profile.members.required_roles:
            if role not in present:
                yield ward.finding("MISSING_ROLE", team.source, team,
                                   role=ORGANIZATION_NAMES.get(role, role))


# What the planner re-checks in its own teams: everything but what it reports itself
# (NO_LEADER, NO_CANDIDATE, BAD_PHONE while reading) and what a plan cannot hold (platform;
# a phone other than the data's).
SELF_CHECK = tuple(
    c for c in CHECKS if c not in ("NO_LEADER", "MEMBER_COUNT", "BAD_PHONE", "PLATFORM_NOT_ALLOWED",
                                   "PHONE_CHANGED")
)


def self_check(ward: str, units: Sequence[Unit], teams: Sequence[Team],
               people: Sequence[Person], profile: Profile, ward_type: str | None = None
               ) -> list[Finding]:
    """The planner's own teams through the same checks (SELF_CHECK codes)."""
    checked = tuple(
        CheckedTeam(t.id, t.ward, t.units, (t.leader,) if t.leader else (),
                    (t.deputy,) if t.deputy else (),
                    tuple(m for m in t.members if m is not None), "", t.units[0].source)
        for t in teams
    )
    return run_checks(Ward(ward, tuple(units), checked, tuple(people), profile, ward_type),
                      SELF_CHECK)
