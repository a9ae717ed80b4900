"""A team list against the unit file and the profile (SPEC §7). Pure: entries in, report out."""

from __future__ import annotations

from collections.abc import Sequence

from tcns_cli.checks import Ward, run_checks
from tcns_cli.errors import Finding, Report
from tcns_cli.model import CheckedTeam, Dataset, RosterEntry, Validation
from tcns_cli.profiles import Profile
from tcns_cli.rosters import match_roster


def validate(
    entries: Sequence[RosterEntry], dataset: Dataset, profile: Profile, ward: str | None = None
) -> Validation:
    """Check every team of the list; findings keep the team list's rows."""
    teams = match_roster(entries, dataset, ward)
    findings: list[Finding] = []
    for name in _wards(teams, dataset):
        units = tuple(u for u in dataset.units if u.ward == name)
        people = tuple(p for p in dataset.people if p.ward == name)
        mine = tuple(t for t in teams if t.ward == name)
        findings += run_checks(Ward(name, units, mine, people, profile,
                                    dataset.ward_type(name)))
    people_count = sum(len(t.people) for t in teams)
    return Validation(Report.of(findings), len(teams), people_count)


def _wards(teams: Sequence[CheckedTeam], dataset: Dataset) -> list[str]:
    """The unit file's wards the list names, then wards only the list names (their units
    are then unknown: nothing is skipped silently)."""
    named = list(dict.fromkeys(t.ward for t in teams))
    known = dataset.wards()
    return [w for w in known if w in named] + [w for w in named if w not in known]
