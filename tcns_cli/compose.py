"""Leaders, deputies and members of each team (SPEC §4.3). Pure: people in, team out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tcns_cli.errors import Finding
from tcns_cli.model import Person, Team, Unit, UnitKey
from tcns_cli.normalize import fold
from tcns_cli.places import describe, describe_all, unit_slots, unit_words
from tcns_cli.profiles import Profile


def person_key(person: Person) -> tuple[str, int | None]:
    """Who a person is, for "nobody twice": the name (accent-insensitive) and birth year."""
    return (fold(person.name), person.birth_year)


class Pool:
    """The candidates of one ward, ranked per unit, and who has been placed already.

    Re-planning (SPEC §9) names who serves now: ``kept`` members and deputies come first
    for their units, ``kept_leaders`` (unit leaders who lead a team now) lead first.
    """

    def __init__(
        self, people: Sequence[Person], profile: Profile, leaders: Sequence[Person] = (),
        kept: Sequence[Person] = (), kept_deputies: Sequence[Person] = (),
        kept_leaders: Sequence[Person] = (), list_leaders: dict[UnitKey, Person] | None = None,
    ) -> None:
        rule = profile.members
        accepted = set(rule.organizations)
        prefer = {org: n for n, org in enumerate(rule.prefer)}
        ranked = sorted(
            (p for p in enumerate(people) if not p[1].is_unit_leader),
            key=lambda item: (
                prefer.get(item[1].organization or "", len(prefer)),
                not item[1].digital_skills,
                -(item[1].birth_year or 0),
                item[1].birth_year is None,
                item[0],
            ),
        )
        self.by_unit: dict[UnitKey, list[Person]] = {}
        self.deputies: dict[UnitKey, list[Person]] = {}
        for _, person in ranked:
            key = (person.area, person.unit or "", person.unit_type or "")
            self.deputies.setdefault(key, []).append(person)
            if person.organization in accepted:
                self.by_unit.setdefault(key, []).append(person)
        # Unit leaders lead; they are never anyone's member, even if also listed as candidates.
        self.used: set[tuple[str, int | None]] = {person_key(p) for p in leaders}
        for person in reversed(kept):
            self.by_unit.setdefault(_unit_key(person), []).insert(0, person)
        for person in reversed(kept_deputies):
            self.deputies.setdefault(_unit_key(person), []).insert(0, person)
        self.kept_leaders = {person_key(p) for p in kept_leaders}
        self.list_leaders = list_leaders or {}

    def list_leader(self, units: Sequence[Unit]) -> Person | None:
        """A leader the current list gives for units whose data names no head (unused)."""
        for unit in units:
            person = self.list_leaders.get(unit.key)
            if person is not None and person_key(person) not in self.used:
                return person
        return None

    def take(self, unit: Unit, organization: str | None = None) -> Person | None:
        """The best unused candidate of a unit (of one organisation if given), now used."""
        for person in self.by_unit.get(unit.key, ()):
            if organization is not None and person.organization != organization:
                continue
            if person_key(person) not in self.used:
                self.used.add(person_key(person))
                return person
        return None

    def take_deputy(self, units: Sequence[Unit], organization: str, words: Sequence[str]) -> (
        Person | None
    ):
        """The first unused person of the team's units with the organisation and position."""
        for unit in units:
            for person in self.deputies.get(unit.key, []):
                position = fold(person.position or "")
                fits = person.organization == organization and any(w in position for w in words)
                if fits and person_key(person) not in self.used:
                    self.used.add(person_key(person))
                    return person
        return None


def _unit_key(person: Person) -> UnitKey:
    return (person.area, person.unit or "", person.unit_type or "")


def choose_leader(units: Sequence[Unit], prefer: str) -> Person | None:
    """Solo: the unit's leader; several units: by ``prefer`` (youngest: latest birth year)."""
    leaders = [u.leader for u in units if u.leader is not None]
    if not leaders or prefer == "first":
        return leaders[0] if leaders else None
    sign = -1 if prefer == "youngest" else 1
    return min(
        enumerate(leaders),
        key=lambda item: (
            item[1].birth_year is None,
            sign * (item[1].birth_year or 0),
            item[0],
        ),
    )[1]


def compose_team(team: Team, pool: Pool, profile: Profile) -> tuple[Team, list[Finding]]:
    """The team with its leader, deputy and members, and what was missing (open places)."""
    findings: list[Finding] = []
    leader = choose_leader([u for u in team.units if u.leader is not None
                            and person_key(u.leader) in pool.kept_leaders],
                           profile.leader.prefer) or choose_leader(
        team.units, profile.leader.prefer) or pool.list_leader(team.units)
    if leader is not None:
        pool.used.add(person_key(leader))
    else:
        findings.append(_finding(team, "NO_LEADER", None, unit=describe_all(team.units)))
    deputy = None
    if profile.deputy is not None:
        rule = profile.deputy
        deputy = pool.take_deputy(team.units, rule.organization, rule.position_contains)
        if deputy is None and rule.required:
            findings.append(_finding(team, "NO_DEPUTY", None))
    members = _members(team, pool, profile, findings)
    return replace(team, leader=leader, deputy=deputy, members=tuple(members)), findings


def _members(
    team: Team, pool: Pool, profile: Profile, findings: list[Finding]
) -> list[Person | None]:
    rule = profile.members
    members: list[Person | None] = []
    for role in rule.required_roles:
        # A required role (e.g. the area police officer) takes one of the team-wide places.
        person = next((p for u in team.units if (p := pool.take(u, role)) is not None), None)
        if person is not None:
            members.append(person)
    for unit in team.units:
        for _ in range(rule.per_unit):
            person = pool.take(unit)
            if person is None and rule.borrow_within_team:
                person = _borrow(team, unit, pool, findings)
            if person is None:
                findings.append(_finding(team, "NO_CANDIDATE", unit, unit=describe(unit)))
            members.append(person)
    for _ in range(rule.per_team - len(members)):
        person = next((p for u in team.units if (p := pool.take(u)) is not None), None)
        if person is None:
            findings.append(_finding(team, "NO_CANDIDATE", None, unit=describe_all(team.units)))
        members.append(person)
    return members


def _borrow(team: Team, unit: Unit, pool: Pool, findings: list[Finding]) -> Person | None:
    for other in team.units:
        if other is not unit and (person := pool.take(other)) is not None:
            findings.append(
                _finding(team, "MEMBER_BORROWED", unit, unit=describe(unit), name=person.name,
                         from_unit=describe(other))
            )
            return person
    return None


def _finding(team: Team, code: str, where_unit: Unit | None, **params: str) -> Finding:
    place = where_unit if where_unit is not None else team.units[0]
    khu_pho, tdp = unit_slots(where_unit) if where_unit is not None else (None, None)
    values = {**unit_words([place]), "team": team.id, **params}
    return Finding.of(code, values, team.ward, khu_pho, tdp, team.id, place.source)
