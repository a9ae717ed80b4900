"""A team list against the unit file and the profile (SPEC §7). Pure: entries in, report out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tcns_cli.checks import CHECKS, CheckedTeam, Ward, run_checks
from tcns_cli.errors import Finding, Report, sort_findings
from tcns_cli.model import Person, Team, Unit
from tcns_cli.profiles import Profile
from tcns_cli.readers.dataset import Dataset, UnitIndex
from tcns_cli.readers.roster import DEPUTY, LEADER, RosterEntry, khu_pho_labels, unit_labels

# What the planner re-checks in its own teams: everything but what it reports itself
# (NO_LEADER, NO_CANDIDATE, BAD_PHONE while reading) and what a plan cannot hold (platform;
# a phone other than the data's).
SELF_CHECK = tuple(
    c for c in CHECKS if c not in ("NO_LEADER", "MEMBER_COUNT", "BAD_PHONE", "PLATFORM_NOT_ALLOWED",
                                   "PHONE_CHANGED")
)


@dataclass(frozen=True, slots=True)
class Validation:
    """The outcome: findings, and how many teams and people were checked."""

    report: Report
    teams: int
    people: int


def validate(
    entries: Sequence[RosterEntry], dataset: Dataset, profile: Profile, ward: str | None = None
) -> Validation:
    """Check every team of the list; findings keep the team list's rows."""
    index = UnitIndex(dataset.units)
    # One ward in the unit file: the whole list is about it, however the list spells its name.
    teams = _teams(entries, index, ward or _single(dataset), force=_single(dataset) is not None)
    findings: list[Finding] = []
    for name in _wards(teams, dataset):
        units = tuple(u for u in dataset.units if u.ward == name)
        people = tuple(p for p in dataset.people if p.ward == name)
        mine = tuple(t for t in teams if t.ward == name)
        findings += run_checks(Ward(name, units, mine, people, profile))
    people_count = sum(len(t.people) for t in teams)
    return Validation(Report(sort_findings(findings)), len(teams), people_count)


def self_check(ward: str, units: Sequence[Unit], teams: Sequence[Team],
               people: Sequence[Person], profile: Profile) -> list[Finding]:
    """The planner's own teams through the same checks (SELF_CHECK codes)."""
    checked = tuple(
        CheckedTeam(t.id, t.ward, t.units, (t.leader,) if t.leader else (),
                    (t.deputy,) if t.deputy else (),
                    tuple(m for m in t.members if m is not None), "", t.units[0].source)
        for t in teams
    )
    return run_checks(Ward(ward, tuple(units), checked, tuple(people), profile), SELF_CHECK)


def _single(dataset: Dataset) -> str | None:
    wards = dataset.wards()
    return wards[0] if len(wards) == 1 else None


def _wards(teams: Sequence[CheckedTeam], dataset: Dataset) -> list[str]:
    """The unit file's wards the list names, then wards only the list names (their units
    are then unknown: nothing is skipped silently)."""
    named = list(dict.fromkeys(t.ward for t in teams))
    known = dataset.wards()
    return [w for w in known if w in named] + [w for w in named if w not in known]


def _teams(
    entries: Sequence[RosterEntry], index: UnitIndex, default_ward: str | None, force: bool
) -> list[CheckedTeam]:
    groups: dict[tuple[str | None, str], list[RosterEntry]] = {}
    for entry in entries:
        ward = default_ward if force or not entry.ward else entry.ward
        groups.setdefault((ward, entry.team), []).append(entry)
    return [_team(team_id, ward, rows, index) for (ward, team_id), rows in groups.items()]


def _team(
    team_id: str, ward: str | None, rows: list[RosterEntry], index: UnitIndex
) -> CheckedTeam:
    units: list[Unit] = []
    unknown: list[str] = []
    for row in rows:
        kps = khu_pho_labels(row.khu_pho)
        for kp, tdp in unit_labels(row.khu_pho, row.units):
            unit = index.find(ward, kp, tdp) or _within(index, ward, kps, tdp)
            if unit is None:
                label = _label(kp, tdp)
                if label not in unknown:
                    unknown.append(label)
            elif all(unit is not u for u in units):
                units.append(unit)
    home = ward or (units[0].ward if units else "")
    return CheckedTeam(
        id=team_id, ward=home, units=tuple(units),
        leaders=tuple(r.person for r in rows if r.role == LEADER and r.person is not None),
        deputies=tuple(r.person for r in rows if r.role == DEPUTY and r.person is not None),
        members=tuple(r.person for r in rows
                      if r.role not in (LEADER, DEPUTY) and r.person is not None),
        platform=next((r.platform for r in rows if r.platform), ""),
        source=rows[0].source, unknown_units=tuple(unknown),
        open_places=tuple((r.role, r.source) for r in rows if r.person is None),
    )


def _within(index: UnitIndex, ward: str | None, kps: list[str | None], tdp: str | None
            ) -> Unit | None:
    """The one unit with this TDP label among the khu phố the row names."""
    if ward is None or tdp is None:
        return None
    options = [u for u in index.by_label.get((ward, tdp), []) if u.khu_pho in kps]
    return options[0] if len(options) == 1 else None


def _label(kp: str | None, tdp: str | None) -> str:
    if tdp is None:
        return f"KP {kp}"
    return f"KP {kp} / Tổ {tdp}" if kp else f"Tổ {tdp}"
