"""The whole plan of a run: group every ward, compose every team, collect findings. Pure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tcns_cli.compose import Pool, compose_team
from tcns_cli.errors import Finding, Severity
from tcns_cli.grouping import Group, group_ward
from tcns_cli.model import Person, Proximity, Team, Unit, WardPlan
from tcns_cli.profiles import Profile
from tcns_cli.proximity import Distances
from tcns_cli.readers.dataset import Dataset, describe
from tcns_cli.validate import self_check


@dataclass(frozen=True, slots=True)
class Plan:
    """Every ward's teams, the profile they follow, and what was found on the way."""

    profile: Profile
    wards: tuple[WardPlan, ...]
    findings: tuple[Finding, ...]

    @property
    def teams(self) -> tuple[Team, ...]:
        """Every team of every ward."""
        return tuple(t for w in self.wards for t in w.teams)


def ward_plan(plan: Plan, ward: str) -> Plan:
    """The part of a plan that concerns one ward (its teams and its findings)."""
    wards = tuple(w for w in plan.wards if w.ward == ward)
    return Plan(plan.profile, wards, tuple(f for f in plan.findings if f.ward == ward))


def make_plan(
    dataset: Dataset, profile: Profile, progress: Callable[[str], None] | None = None
) -> Plan:
    """Plan every ward of the dataset under the profile."""
    findings: list[Finding] = list(dataset.findings)
    units_of: dict[str, list[Unit]] = {}
    for unit in dataset.units:
        units_of.setdefault(unit.ward, []).append(unit)
    people_of: dict[str | None, list[Person]] = {}
    for person in dataset.people:
        people_of.setdefault(person.ward, []).append(person)
    wards = []
    for ward, units in units_of.items():
        wards.append(plan_ward(ward, units, people_of.get(ward, []), profile, findings))
        if progress is not None:
            progress(ward)
    return Plan(profile, tuple(wards), tuple(findings))


def plan_ward(
    ward: str, units: list[Unit], people: list[Person], profile: Profile,
    findings: list[Finding],
) -> WardPlan:
    """Group one ward's units (in natural order) into teams and compose each team."""
    dist = Distances(units)
    located = [u for u in units if u.lat is not None and u.lon is not None]
    if dist.basis is not Proximity.COORDINATES and located:
        missing = [u for u in units if u.lat is None or u.lon is None]
        findings.append(Finding(
            "PARTIAL_COORDINATES", Severity.WARNING,
            {"ward": ward, "count": len(missing), "total": len(units),
             "first": describe(missing[0])}, ward, source=missing[0].source))
    if dist.basis is Proximity.NUMBERING and len(units) > 1:
        findings.append(Finding("PROXIMITY_NUMBERING", Severity.WARNING, {"ward": ward}, ward))
    if dist.disconnected:
        findings.append(Finding("NEIGHBOURS_DISCONNECTED", Severity.WARNING, {"ward": ward}, ward))
    groups = group_ward(units, profile.grouping, dist)
    width = max(2, len(str(len(groups))))
    pool = Pool(people, profile, [u.leader for u in units if u.leader is not None])
    teams = []
    for number, group in enumerate(groups, start=1):
        team = _team(f"T{number:0{width}d}", ward, group, units)
        for joiner, target in group.joins:
            findings.append(_joined_finding(team, units[joiner], units[target]))
        teams.append(compose_team(team, pool, profile, findings))
    # The same rule checks `tcns validate` runs: a correct plan yields none of them.
    findings += self_check(ward, units, teams, people, profile)
    return WardPlan(ward, dist.basis, tuple(teams))


def _team(team_id: str, ward: str, group: Group, units: list[Unit]) -> Team:
    return Team(
        id=team_id, ward=ward, kind=group.kind,
        units=tuple(units[i] for i in group.members),
        distance=None if group.distance is None else round(group.distance, 1),
        cross_area=group.cross_area,
    )


def _joined_finding(team: Team, joiner: Unit, nearest: Unit) -> Finding:
    return Finding(
        "JOINED_TEAM", Severity.WARNING,
        {"unit": describe(joiner), "team": team.id, "nearest": describe(nearest)},
        team.ward, joiner.khu_pho, joiner.tdp, team.id, joiner.source,
    )
