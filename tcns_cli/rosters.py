"""A team list's rows → teams over the ward's units (SPEC §7): the matching that `validate`
and re-planning share. Pure: entries and the dataset in, teams out.

A row names its units as officers write them (``Tổ 3, Tổ 4``, ``KP1-Tổ 3``, a khu phố
column beside); a label unique in its ward needs no khu phố. What matches no unit is kept
on the team as an unknown label, so that nothing is skipped silently.
"""

from __future__ import annotations

from collections.abc import Sequence

from tcns_cli.model import DEPUTY, LEADER, CheckedTeam, Dataset, RosterEntry, Unit, UnitIndex
from tcns_cli.places import (
    area_labels,
    describe_slots,
    is_village,
    key_of_slots,
    unit_kinds,
    unit_labels,
    unit_slots,
    ward_name,
)


def match_roster(
    entries: Sequence[RosterEntry], dataset: Dataset, ward: str | None = None
) -> list[CheckedTeam]:
    """The list's teams, in list order, each with the units of the dataset it names.

    With one ward in the dataset the whole list is about it, however the list spells its
    name; else a row's ward column (or ``ward``) says which ward a team belongs to.
    """
    wards = dataset.wards()
    single = wards[0] if len(wards) == 1 else None
    default_ward = single or (ward_name(ward) if ward else None)  # "Xã Tân Lập" → Tân Lập
    index = UnitIndex(dataset.units)
    groups: dict[tuple[str | None, str], list[RosterEntry]] = {}
    for entry in entries:
        home = default_ward if single is not None or not entry.ward else entry.ward
        groups.setdefault((home, entry.team), []).append(entry)
    return [_team(team_id, home, rows, index) for (home, team_id), rows in groups.items()]


def _team(
    team_id: str, ward: str | None, rows: list[RosterEntry], index: UnitIndex
) -> CheckedTeam:
    units: list[Unit] = []
    unknown: list[str] = []
    # Every person's row of a team repeats its places: each text is read once.
    for areas, named in dict.fromkeys((row.areas, row.units) for row in rows):
        kps = area_labels(areas)
        kinds = unit_kinds(named)
        for n, (kp, tdp) in enumerate(unit_labels(areas, named)):
            unit = index.find(ward, *key_of_slots(kp, tdp)) or _within(index, ward, kps, tdp)
            kind = kinds[n] if n < len(kinds) else None
            if is_village(kind) and (unit is None or unit.unit_type != kind):
                # ``Thôn 1`` under a khu phố cell carried down: a unit that names itself a
                # thôn (bản, ấp…) is one of the ward's one-level units, if it has one.
                own = index.find(ward, None, tdp or kp, kind)
                unit = own if own is not None and own.area is None else unit
            if unit is None:
                label = describe_slots(kp, tdp)
                if label not in unknown:
                    unknown.append(label)
            elif all(unit is not u for u in units):
                units.append(unit)
    home = ward or (units[0].ward if units else "")
    cast = [(r.role, r.person) for r in rows if r.person is not None]
    return CheckedTeam(
        id=team_id, ward=home, units=tuple(units),
        leaders=tuple(p for role, p in cast if role == LEADER),
        deputies=tuple(p for role, p in cast if role == DEPUTY),
        members=tuple(p for role, p in cast if role not in (LEADER, DEPUTY)),
        platform=next((r.platform for r in rows if r.platform), ""),
        source=rows[0].team_source or rows[0].source, unknown_units=tuple(unknown),
        open_places=tuple((r.role, r.source) for r in rows if r.person is None and r.role),
    )


def _within(index: UnitIndex, ward: str | None, kps: list[str | None], label: str | None
            ) -> Unit | None:
    """The one unit with this label among the khu phố the row names."""
    if ward is None or label is None:
        return None
    options = [u for u in index.by_label.get((ward, label), []) if unit_slots(u)[0] in kps]
    return options[0] if len(options) == 1 else None
