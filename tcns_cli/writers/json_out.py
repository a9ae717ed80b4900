"""Plan → the JSON of SPEC §6.2 (``tcns.plan/1``)."""

from __future__ import annotations

import json
from typing import Any

from tcns_cli.errors import Finding, Severity
from tcns_cli.model import Change, Person, Plan, Team, Unit, Validation, WardPlan
from tcns_cli.places import person_slots, unit_display, unit_slots
from tcns_cli.profiles import Profile

FORMAT = "tcns.plan/1"


def person_dict(person: Person | None) -> dict[str, Any] | None:
    """The PERSON shape."""
    if person is None:
        return None
    khu_pho, tdp = person_slots(person)
    return {
        "name": person.name,
        "birth_year": person.birth_year,
        "gender": person.gender,
        "khu_pho": khu_pho,
        "tdp": tdp,
        "organization": person.organization,
        "position": person.position,
        "phone": person.phone,
    }


def unit_dict(unit: Unit) -> dict[str, Any]:
    """A unit in the ``khu_pho`` / ``tdp`` slots of SPEC §6.2."""
    khu_pho, tdp = unit_slots(unit)
    return {"khu_pho": khu_pho, "tdp": tdp, "name": unit_display(unit),
            "households": unit.households}


def team_dict(team: Team) -> dict[str, Any]:
    """One team."""
    return {
        "id": team.id,
        "kind": team.kind.value,
        "units": [unit_dict(u) for u in team.units],
        "households": team.households,
        "distance": team.distance,
        "leader": person_dict(team.leader),
        "deputy": person_dict(team.deputy),
        "members": [person_dict(m) for m in team.members if m is not None],
    }


def change_dict(change: Change) -> dict[str, Any]:
    """One team's change (SPEC §9); a unit the data no longer has keeps its name only."""
    gone = [{"khu_pho": None, "tdp": None, "name": label, "households": None}
            for label in change.gone]
    return {
        "team": change.team,
        "status": change.status.value,
        "before": [*(unit_dict(u) for u in change.before), *gone],
        "after": [unit_dict(u) for u in change.after],
        "reasons": list(change.reasons),
        "people_out": [person_dict(p) for p, _ in change.people_out],
        "people_in": [person_dict(p) for p, _ in change.people_in],
    }


def ward_dict(ward: WardPlan) -> dict[str, Any]:
    """One ward: its teams, and with ``--current`` what changed."""
    out = {
        "ward": ward.ward,
        "ward_type": ward.ward_type,
        "proximity": ward.proximity.value,
        "teams": [team_dict(t) for t in ward.teams],
    }
    if ward.changes is not None:
        out["changes"] = [change_dict(c) for c in ward.changes]
    return out


def plan_dict(plan: Plan, lang: str) -> dict[str, Any]:
    """The whole document."""
    return {
        "format": FORMAT,
        "profile": {"id": plan.profile.id, "title": plan.profile.title},
        "wards": [ward_dict(w) for w in plan.wards],
        "findings": [f.to_dict(lang) for f in plan.findings],
    }


def validation_dict(
    profile: Profile, result: Validation, findings: tuple[Finding, ...], lang: str
) -> dict[str, Any]:
    """``tcns.validate/1``: the profile, a summary, and every finding (the FINDING shape)."""
    counts = {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}
    return {
        "format": "tcns.validate/1",
        "profile": {"id": profile.id, "title": profile.title},
        "summary": {"teams": result.teams, "people": result.people, **counts,
                    "valid": counts["error"] == 0},
        "findings": [f.to_dict(lang) for f in findings],
    }


def dumps(document: dict[str, Any]) -> str:
    """Stable, readable JSON (UTF-8 text, accents kept)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
